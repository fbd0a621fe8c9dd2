import { minOf } from '@budget-ingest/doc-model';
/**
 * One amount per (item, phase, fiscal_year) and one line per project or
 * classification path. Among statements of one figure: the same value at
 * different precision → the most precise; different values → a table beats
 * running text, then the first in reading order; the other values become
 * `alternatives` and a finding. A 总计 (收入支出总计: the 合计 plus what is
 * carried over) stands for the item only when no 合计 of it is stated: beside
 * one it is another figure, neither an alternative nor a contradiction.
 */
import Decimal from 'decimal.js';
import type { AmountCandidate } from './candidates.ts';
import type { AmountTrace, ChoiceRule, DropReason, TracedStatement } from './trace.ts';
import type { Amount, ExpenditureLine, ValidationFinding, Verification } from './types.ts';
import { normaliseText } from './text.ts';
import { findingOf } from './checks/rules.ts';

/** True when two statements agree at the coarser one's precision. */
export function sameFigure(a: { yuan: string; scale: number }, b: { yuan: string; scale: number }): boolean {
  const coarse = Math.max(a.scale, b.scale);
  const unit = new Decimal(10).pow(coarse);
  const round = (v: string): string => new Decimal(v).div(unit).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0);
  return round(a.yuan) === round(b.yuan);
}

export interface DedupedAmounts {
  readonly amounts: Amount[];
  readonly findings: ValidationFinding[];
}

/** What `explain` records of one emitted amount: the statements it was chosen from (trace.ts). */
export type AmountChoice = Omit<AmountTrace, 'entry' | 'report' | 'reportKind'>;

export function dedupeAmounts(candidates: readonly AmountCandidate[], explain?: (choice: AmountChoice) => void): DedupedAmounts {
  const groups = new Map<string, AmountCandidate[]>();
  for (const c of candidates) {
    const key = `${c.item}|${c.phase}|${c.fiscal_year}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const amounts: Amount[] = [];
  const findings: ValidationFinding[] = [];
  for (const all of groups.values()) {
    const group = all.some((c) => !c.grandTotal) ? all.filter((c) => !c.grandTotal) : all;
    const ordered = [...group].sort((a, b) => (a.origin === b.origin ? a.order - b.order : a.origin === 'table' ? -1 : 1));
    const winner = ordered[0]!;
    const agreeing = ordered.filter((c) => sameFigure(c, winner));
    const best = agreeing.reduce((p, c) => (c.scale < p.scale ? c : p), winner);
    const others = [...new Set(ordered.filter((c) => !sameFigure(c, winner)).map((c) => c.yuan))];
    // A second statement of the same value (text and table, or two tables) confirms it; a statement of another value contradicts it.
    const statements = new Set(agreeing.map((c) => c.order)).size;
    const verification: Verification | undefined = others.length > 0 ? 'contradicted' : statements > 1 ? 'confirmed' : undefined;
    const amount: Amount = { item: best.item, phase: best.phase, fiscal_year: best.fiscal_year, yuan: best.yuan, source_text: best.source_text, page: best.page, anchor: best.anchor ?? null, ...(best.bbox ? { bbox: best.bbox } : {}), ...(verification ? { verification } : {}) };
    amounts.push(others.length > 0 ? { ...amount, alternatives: others } : amount);
    explain?.(choiceOf(all, group, winner, best));
    if (others.length > 0) {
      const values = best.anchor ? [{ anchor: best.anchor, yuan: best.yuan }] : [];
      findings.push(
        findingOf(
          'same-figure-different-values',
          `同一数字前后不一致：${best.item}（${best.phase}，${best.fiscal_year}年）取 ${best.yuan} 元，另有 ${others.join('、')} 元`,
          { expected: best.yuan, actual: others.join(','), values },
          group.map((c) => c.page),
        ),
      );
    }
  }
  return { amounts: amounts.sort((a, b) => orderOf(candidates, a) - orderOf(candidates, b)), findings };
}

/** The rule that chose `best` and why each other statement of the figure was dropped. */
function choiceOf(all: readonly AmountCandidate[], group: readonly AmountCandidate[], winner: AmountCandidate, best: AmountCandidate): AmountChoice {
  const statement = (c: AmountCandidate): TracedStatement => ({ reader: c.reader ?? c.origin, spec: c.spec ?? null, yuan: c.yuan, text: c.source_text, page: c.page });
  const rule: ChoiceRule = group.length === 1 ? 'only-statement' : best !== winner ? 'most-precise-of-agreeing' : winner.origin === 'table' && group.some((c) => c.origin === 'text') ? 'table-over-text' : 'first-in-reading-order';
  const reason = (c: AmountCandidate): DropReason => {
    if (!group.includes(c)) return 'grand-total-beside-total';
    if (sameFigure(c, winner)) return c.scale > best.scale ? 'same-figure-less-precise' : 'same-figure-restated';
    return winner.origin === 'table' && c.origin === 'text' ? 'lost-to-table-value' : 'lost-to-earlier-statement';
  };
  const dropped = all.filter((c) => c !== best).map((c) => ({ ...statement(c), reason: reason(c) }));
  return { item: best.item, phase: best.phase, fiscal_year: best.fiscal_year, yuan: best.yuan, rule, read: statement(best), dropped };
}

function orderOf(candidates: readonly AmountCandidate[], a: Amount): number {
  return minOf(candidates.filter((c) => c.item === a.item && c.phase === a.phase && c.fiscal_year === a.fiscal_year).map((c) => c.order));
}

function baseName(name: string): string {
  return normaliseText(name).replace(/(专项资金|专项)$/, '');
}

/**
 * Lines: one per (classification, line, phase, year). `lines` come in order of
 * trust: table lines first, then running text. A line stated in a table and in
 * the text is one line: the same 科目 code, or the same path (a text that names
 * only the leaf of an economic line, 基本工资, names the table's 工资福利支出 /
 * 基本工资). The first statement (the table's, printed to the yuan) keeps its
 * value and path; later ones only fill what it lacks. Project names that differ
 * only by a 专项 suffix are one line when their figures agree (the shorter name
 * kept). Stray quote marks of a name are dropped. `merged` (explain) hears of
 * each statement folded into the line already out at `into`.
 */
export function dedupeLines(lines: readonly ExpenditureLine[], merged?: (line: ExpenditureLine, into: number) => void): ExpenditureLine[] {
  const out: ExpenditureLine[] = [];
  for (const raw of lines) {
    const line = { ...raw, path: raw.path.map((p) => withoutStrayQuotes(p, raw.classification)) };
    const i = out.findIndex((o) => sameLine(o, line));
    if (i < 0) {
      out.push(line);
      continue;
    }
    merged?.(raw, i);
    const o = out[i]!;
    const shorter = line.path.join('').length < o.path.join('').length ? line.path : o.path;
    // The place is the statement the figure is taken from; two statements of one figure confirm it.
    const place = o.yuan === null && line.yuan !== null ? { anchor: line.anchor ?? null, bbox: line.bbox ?? null } : {};
    const agree = o.yuan !== null && o.yuan === line.yuan ? { verification: 'confirmed' as const } : {};
    const path = o.classification === 'project' ? shorter : o.path;
    out[i] = { ...o, ...place, ...agree, path, yuan: o.yuan ?? line.yuan, budget_yuan: o.budget_yuan ?? line.budget_yuan, code: o.code ?? line.code };
  }
  return out;
}

const QUOTES = /["'\u201c\u201d\u2018\u2019]/g;

/**
 * A name without quote marks that pair with nothing: the text quotes a whole
 * 类（款）（项） path ("“一般公共服务支出（类）…行政运行（项）”938.99万元") and the
 * quote lands on the first or last name. 科目 names (functional, economic)
 * never hold quotes; a project's “三公” pair stays.
 */
export function withoutStrayQuotes(name: string, classification: ExpenditureLine['classification']): string {
  if (classification !== 'project') return name.replace(QUOTES, '');
  let n = name;
  for (;;) {
    const count = n.match(QUOTES)?.length ?? 0;
    if (count % 2 === 0) return n;
    const trimmed = /^["'\u201c\u201d\u2018\u2019]/.test(n) ? n.slice(1) : /["'\u201c\u201d\u2018\u2019]$/.test(n) ? n.slice(0, -1) : n.replace(QUOTES, '');
    n = trimmed;
  }
}

/** Two yuan figures equal at the coarser one's printed precision (a 万元 figure with two decimals ends in 00.00). */
function agreeAtPrecision(a: string, b: string): boolean {
  const scale = (y: string): number => (/00\.00$/.test(y) ? 2 : -2);
  return sameFigure({ yuan: a, scale: scale(a) }, { yuan: b, scale: scale(b) });
}

function sameLine(a: ExpenditureLine, b: ExpenditureLine): boolean {
  if (a.classification !== b.classification || a.phase !== b.phase || a.fiscal_year !== b.fiscal_year) return false;
  if (a.code !== null && b.code !== null) return a.code === b.code;
  const names = (l: ExpenditureLine): string[] => l.path.map((p) => normaliseText(p));
  if (a.classification === 'economic' && (a.path.length === 1 || b.path.length === 1)) return names(a).at(-1) === names(b).at(-1);
  if (a.path.length !== b.path.length) return false;
  const exact = names(a).every((p, k) => p === names(b)[k]);
  if (exact) return true;
  // A 项 the text words differently (一般行政事务管理 for 一般行政管理事务) under the same 类 and 款, with the same figure.
  if (a.classification === 'functional' && (a.code === null) !== (b.code === null) && a.path.length > 1) {
    const sameParent = names(a).slice(0, -1).every((p, k) => p === names(b)[k]);
    if (sameParent && a.yuan !== null && b.yuan !== null && agreeAtPrecision(a.yuan, b.yuan)) return true;
  }
  if (a.classification !== 'project') return false;
  const similar = a.path.every((p, k) => baseName(p) === baseName(b.path[k]!));
  const agree = a.yuan === null || b.yuan === null || a.yuan === b.yuan;
  return similar && agree;
}
