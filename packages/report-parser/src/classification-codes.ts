/**
 * 政府收支分类科目 codes for functional paths (类 3 digits, 款 5, 项 7), from
 * the code table shipped in data/. Names match tolerant of small wording
 * changes between years (农业水 ~ 农林水; 巩固脱贫衔接乡村振兴 ~
 * 巩固脱贫攻坚成果衔接乡村振兴); a level that does not match leaves the code null.
 */
import table from './data/functional-classification.json' with { type: 'json' };
import { normaliseText } from './text.ts';

interface Entry {
  readonly code: string;
  readonly name: string;
}

const ENTRIES = (table as { entries: Entry[] }).entries.map((e) => ({ code: e.code, name: e.name, key: keyOf(e.name) }));
/** 项 names whose last two digits are the same under every 款. */
const GENERIC_XIANG: Record<string, string> = { 行政运行: '01', 一般行政管理事务: '02', 机关服务: '03', 事业运行: '50' };

function keyOf(name: string): string {
  return normaliseText(name).replace(/[()（）]/g, '').replace(/支出$/, '');
}

/** Longest common subsequence length. */
function lcs(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(prev[j]!, prev[j - 1]!);
      diag = up;
    }
  }
  return prev[b.length]!;
}

function similarity(a: string, b: string): number {
  if (a === b) return 1;
  return lcs(a, b) / Math.max(a.length, b.length);
}

function bestChild(parent: string | null, digits: number, name: string, minScore = 0.6): string | null {
  const key = keyOf(name);
  let best: { code: string; score: number } | null = null;
  let tie = false;
  for (const e of ENTRIES) {
    if (e.code.length !== digits || (parent !== null && !e.code.startsWith(parent))) continue;
    const score = similarity(key, e.key);
    if (best === null || score > best.score) {
      best = { code: e.code, score };
      tie = false;
    } else if (score === best.score) tie = true;
  }
  if (best === null || tie || best.score < minScore) return null;
  return best.code;
}

/**
 * The 类 a 款 belongs to, when the text names the 款 without its 类 ("法院（款）
 * 行政运行（项）支出…" after "公共安全（类）支出…"): the one 类 of the code table
 * with a 款 of that name (nearly exactly; null when none or several).
 */
export function leiOfKuan(kuan: string): string | null {
  const code = bestChild(null, 5, kuan, 0.8);
  if (code === null) return null;
  const lei = ENTRIES.find((e) => e.code === code.slice(0, 3));
  return lei ? lei.name.replace(/支出$/, '') : null;
}

/** The code of the 类 a name denotes (exact after dropping 支出), or null. */
export function leiCode(name: string): string | null {
  const key = keyOf(name);
  return ENTRIES.find((e) => e.code.length === 3 && e.key === key)?.code ?? null;
}

/** The code of the deepest level of a functional path; null when that level is unknown. */
export function functionalCode(path: readonly string[]): string | null {
  const lei = path[0] === undefined ? null : bestChild(null, 3, path[0]);
  if (path.length === 1 || lei === null) return path.length === 1 ? lei : null;
  const kuan = bestChild(lei, 5, path[1]!);
  if (path.length === 2 || kuan === null) return path.length === 2 ? kuan : null;
  const generic = GENERIC_XIANG[keyOf(path[2]!)];
  if (generic) return `${kuan}${generic}`;
  return bestChild(kuan, 7, path[2]!);
}
