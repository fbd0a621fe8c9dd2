/**
 * Indicators: every row of a performance indicator table, whatever its
 * column layout. The header row is found by its column names (一级指标 二级指标
 * 三级指标 指标值 实际完成值 分值 得分 偏差原因 …); merged cells are filled down;
 * placeholder rows (三级指标 无) are left out; the 总分 row gives the score.
 * A table without a header that continues the previous indicator table (same
 * width) is read with that table's columns.
 */
import { toGrid, type Block, type TableBlock } from '@budget-ingest/doc-model';
import { parseIndicatorValue, toDecimal } from './local-numerals.ts';
import type { Indicator } from './types.ts';

type Role = 'level1' | 'level2' | 'level3' | 'target' | 'actual' | 'weight' | 'score' | 'note' | 'unit';

const ROLE_PATTERNS: readonly [Role, RegExp][] = [
  ['level1', /^一级指标/],
  ['level2', /^二级指标/],
  ['level3', /^(三级指标|指标名称|绩效指标名称|具体指标|指标内容)/],
  ['actual', /(实际完成|实际值|完成值|实际达到|全年实际|实际完成情况|实际指标值)/],
  ['target', /(指标值|目标值|预期值|预期指标|计划值|年度目标|标准值)/],
  ['weight', /^(分值|权重|标准分|满分)/],
  ['score', /^(得分|自评得分|评分|评价得分)/],
  ['note', /(偏差原因|未完成原因|原因分析|改进措施|备注)/],
  ['unit', /^(计量单位|单位)$/],
];

export interface IndicatorTables {
  readonly indicators: Indicator[];
  /** The 总分 row's score, if a table printed one. */
  readonly totalScore: string | null;
}

function clean(text: string): string {
  return text.replace(/\s+/g, '');
}

function readHeader(row: readonly string[]): Map<Role, number> | null {
  const roles = new Map<Role, number>();
  row.forEach((cellText, c) => {
    const t = clean(cellText).normalize('NFKC');
    for (const [role, re] of ROLE_PATTERNS) {
      if (re.test(t)) {
        if (!roles.has(role)) roles.set(role, c);
        break;
      }
    }
  });
  return roles.has('level3') && (roles.has('level1') || roles.has('level2')) && (roles.has('target') || roles.has('actual')) ? roles : null;
}

function levelName(text: string): string | null {
  const t = clean(text)
    .replace(/[(（]\d+(\.\d+)?分[)）]$/, '')
    .replace(/\d+(\.\d+)?分$/, '');
  return t === '' ? null : t;
}

function numberCell(text: string): string | null {
  const t = clean(text).normalize('NFKC').replace(/分$/, '');
  const d = toDecimal(t);
  return d === null ? null : d.toFixed();
}

function isPlaceholder(text: string): boolean {
  return /^(无|\/|-|—+|——|空)?$/.test(clean(text));
}

export function readIndicatorTables(blocks: readonly Block[]): IndicatorTables {
  const indicators: Indicator[] = [];
  let totalScore: string | null = null;
  let carried: { roles: Map<Role, number>; width: number } | null = null;
  for (const block of blocks) {
    if (block.kind !== 'table') {
      continue;
    }
    const grid = toGrid(block);
    const width = grid[0]?.length ?? 0;
    let roles: Map<Role, number> | null = null;
    let start = 0;
    for (let r = 0; r < grid.length; r++) {
      const header = readHeader(grid[r]!.map((p) => p.cell.text));
      if (header) {
        roles = header;
        start = r + 1;
        break;
      }
    }
    if (roles === null && carried !== null && carried.width === width) roles = carried.roles;
    if (roles === null) {
      carried = null;
      continue;
    }
    carried = { roles, width };
    const read = readRows(block, grid, roles, start);
    indicators.push(...read.indicators);
    totalScore = read.totalScore ?? totalScore;
  }
  return { indicators, totalScore };
}

function readRows(block: TableBlock, grid: ReturnType<typeof toGrid>, roles: Map<Role, number>, start: number): IndicatorTables {
  const indicators: Indicator[] = [];
  let totalScore: string | null = null;
  const last: Partial<Record<Role, string | null>> = {};
  const at = (row: (typeof grid)[number], role: Role): string => {
    const c = roles.get(role);
    return c === undefined ? '' : (row[c]?.cell.text ?? '');
  };
  for (let r = start; r < grid.length; r++) {
    const row = grid[r]!;
    const texts = row.map((p) => clean(p.cell.text));
    if (readHeader(row.map((p) => p.cell.text))) continue;
    if (texts.some((t) => /^(总分|合计|总计|综合得分)$/.test(t))) {
      const scoreCol = roles.get('score');
      const score = scoreCol !== undefined ? numberCell(row[scoreCol]!.cell.text) : null;
      const numbers = texts.map(numberCell).filter((n): n is string => n !== null);
      totalScore = score ?? numbers[numbers.length - 1] ?? null;
      continue;
    }
    const level3 = clean(at(row, 'level3'));
    if (isPlaceholder(level3) || /^三级指标/.test(level3)) continue;
    const fill = (role: 'level1' | 'level2'): string | null => {
      const v = levelName(at(row, role));
      if (v !== null) last[role] = v;
      return v ?? last[role] ?? null;
    };
    const level1 = roles.has('level1') ? fill('level1') : null;
    const level2 = roles.has('level2') ? fill('level2') : null;
    if (level3 === level2 || level3 === level1) continue;
    const unit = roles.has('unit') ? clean(at(row, 'unit')) || null : null;
    const note = clean(at(row, 'note'));
    const page = row[roles.get('level3')!]?.cell.page ?? block.page;
    indicators.push({
      level1,
      level2,
      level3,
      target: parseIndicatorValue(at(row, 'target'), unit),
      actual: parseIndicatorValue(at(row, 'actual'), unit),
      weight: roles.has('weight') ? numberCell(at(row, 'weight')) : null,
      score: roles.has('score') ? numberCell(at(row, 'score')) : null,
      note: isPlaceholder(note) || note === level3 ? null : note,
      page,
      anchor: { block: block.index, row: r },
    });
  }
  return { indicators, totalScore };
}
