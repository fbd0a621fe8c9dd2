/**
 * Figures read by OCR, tried against the sums the document prints. A sum that
 * fails where a figure of it was read from a scan may be the engine's misread
 * of one digit: each figure of the sum read by OCR is read again with one of
 * the characters OCR confuses (OCR_CONFUSIONS) swapped, and where exactly one
 * such reading, of one figure, makes the sum hold — and breaks no other sum
 * that held with that figure — it is taken: the value becomes that reading,
 * `corrected-by-sum`, with the printed reading kept. Never more than one
 * change per sum, and nothing where two readings would do. Pure: it consumes
 * the comparisons the checks made (`Comparison.sum`), it does not re-check.
 */
import Decimal from 'decimal.js';
import { toGrid, type Block, type TableBlock } from '@budget-ingest/doc-model';
import type { Comparison, SumRelation } from './checks/compare.ts';
import { findingOf } from './checks/rules.ts';
import { figuresIn, parseAmountCell } from './figures/index.ts';
import { OCR_CONFUSIONS } from './specs/ocr-confusions.ts';
import type { Anchor, Report, ValidationFinding, ValueRef } from './types.ts';

export interface SumCorrection {
  readonly anchor: Anchor;
  /** The figure as OCR read it, and in yuan. */
  readonly printed: string;
  readonly printedYuan: string;
  /** The reading that makes the sum hold, and in yuan. */
  readonly reading: string;
  readonly yuan: string;
  /** The sum it makes hold. */
  readonly relation: SumRelation;
  readonly page: number | null;
}

const FACTORS = [new Decimal(1), new Decimal(10000), new Decimal(100000000)];

/** The corrections the failing sums allow, one figure per sum at most. */
export function correctOcrBySums(comparisons: readonly Comparison[], blocks: readonly Block[]): SumCorrection[] {
  const byIndex = new Map(blocks.map((b) => [b.index, b]));
  const relations = comparisons.flatMap((c) => (c.sum ? [{ sum: c.sum, agrees: c.agrees }] : []));
  const found: SumCorrection[] = [];
  for (const { sum, agrees } of relations) {
    if (agrees) continue;
    const candidates: SumCorrection[] = [];
    for (const member of membersOf(sum)) {
      const block = byIndex.get(member.anchor.block);
      if (!block?.ocr || member.yuan === null) continue;
      const printed = printedFigure(block, member);
      if (!printed) continue;
      for (const reading of readingsOf(printed.text)) {
        const value = numberOf(reading);
        if (value === null) continue;
        const yuan = value.times(printed.factor);
        if (!holds(sum, member, yuan)) continue;
        // A reading that breaks a sum which held with the printed figure is no reading of it.
        const breaks = relations.some((r) => r.agrees && r.sum !== sum && memberOf(r.sum, member) && !holds(r.sum, member, yuan));
        if (!breaks) candidates.push({ anchor: member.anchor, printed: printed.text, printedYuan: member.yuan, reading, yuan: yuan.toFixed(2), relation: sum, page: block.page });
      }
    }
    if (candidates.length === 1) found.push(candidates[0]!);
  }
  // One figure corrected two ways by two sums is no correction.
  return found.filter((c) => !found.some((o) => o !== c && sameAnchor(o.anchor, c.anchor) && o.yuan !== c.yuan));
}

/**
 * The report with the corrections applied: each value read at a corrected
 * figure takes the reading (`corrected-by-sum`, `printed_reading` kept), the
 * sum's comparison now agrees (so its other figures are confirmed by it), and
 * the finding that named the failed sum is replaced by an `info` finding
 * saying what was corrected.
 */
export function applySumCorrections(
  report: Report,
  findings: readonly ValidationFinding[],
  comparisons: readonly Comparison[],
  corrections: readonly SumCorrection[],
): { report: Report; findings: ValidationFinding[]; comparisons: Comparison[] } {
  if (corrections.length === 0) return { report, findings: [...findings], comparisons: [...comparisons] };
  const at = (anchor: Anchor | null | undefined, yuan: string | null): SumCorrection | undefined =>
    anchor ? corrections.find((c) => !c.relation.of && sameAnchor(c.anchor, anchor) && (yuan === null || new Decimal(yuan).eq(c.printedYuan))) : undefined;
  const fix = <T extends { anchor?: Anchor | null }>(v: T, yuan: string | null): { c: SumCorrection | undefined; v: T } => ({ c: at(v.anchor, yuan), v });
  const amounts = report.amounts.map((a) => {
    const { c } = fix(a, a.yuan);
    return c ? { ...a, yuan: c.yuan, verification: 'corrected-by-sum' as const, printed_reading: c.printed } : a;
  });
  const lines = report.expenditure_lines.map((l) => {
    const c = at(l.anchor, l.yuan) ?? at(l.anchor, l.budget_yuan);
    if (!c) return l;
    const onBudget = l.budget_yuan !== null && l.yuan !== null && !new Decimal(l.yuan).eq(c.printedYuan);
    return { ...l, ...(onBudget ? { budget_yuan: c.yuan } : { yuan: c.yuan }), verification: 'corrected-by-sum' as const, printed_reading: c.printed };
  });
  const indicators = report.indicators.map((i) => {
    const c = corrections.find((k) => k.relation.of && i.anchor && sameAnchor(k.anchor, i.anchor) && i[k.relation.of] !== null && new Decimal(i[k.relation.of]!).eq(k.printedYuan));
    return c?.relation.of ? { ...i, [c.relation.of]: new Decimal(c.yuan).toString(), verification: 'corrected-by-sum' as const, printed_reading: c.printed } : i;
  });
  const fixedRelations = new Set(corrections.map((c) => c.relation));
  const outComparisons = comparisons.map((c) => (c.sum && fixedRelations.has(c.sum) ? { ...c, agrees: true } : c));
  const failedValues = comparisons.filter((c) => c.sum && fixedRelations.has(c.sum)).map((c) => refsKey(c.values));
  const kept = findings.filter((f) => !(f.values && failedValues.includes(refsKey(f.values))));
  const notes = corrections.map((c) =>
    findingOf('ocr-corrected-by-sum', `OCR读数${c.printed}与合计不符，只有读作${c.reading}时合计相符，按此更正`, { expected: c.reading, actual: c.printed, values: [{ anchor: c.anchor, yuan: c.yuan }] }, [c.page]),
  );
  return { report: { ...report, amounts, expenditure_lines: lines, indicators }, findings: [...kept, ...notes], comparisons: outComparisons };
}

/** The printed number of a figure in its cell (or paragraph): the token whose value, in yuan, 万元 or 亿元, is the figure. */
function printedFigure(block: Block, ref: ValueRef): { text: string; factor: Decimal } | null {
  const text = textAt(block, ref.anchor);
  if (text === null || ref.yuan === null) return null;
  const yuan = new Decimal(ref.yuan);
  for (const f of figuresIn(text)) {
    const value = numberOf(f.number);
    if (value === null) continue;
    for (const factor of FACTORS) if (value.times(factor).eq(yuan)) return { text: f.number, factor };
  }
  return null;
}

function textAt(block: Block, anchor: Anchor): string | null {
  if (block.kind !== 'table') return block.text;
  if (anchor.row === undefined) return null;
  const row = toGrid(block as TableBlock)[anchor.row];
  if (anchor.cell !== undefined) return row?.[anchor.cell]?.cell.text ?? null;
  // A whole row (an indicator): its cells, each a figure of its own.
  return row ? [...new Set(row.map((p) => p.cell))].map((c) => c.text).join(' ') : null;
}

/** Every reading of a printed number with one confused character swapped. */
export function readingsOf(text: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    for (const [a, b] of OCR_CONFUSIONS) {
      const ch = text[i];
      const other = ch === a ? b : ch === b ? a : null;
      if (other !== null) out.add(text.slice(0, i) + other + text.slice(i + 1));
    }
  }
  out.delete(text);
  return [...out];
}

/** A printed number's value, as the figure layer reads a cell that is one plain Arabic number ("1,234.56"); null otherwise. */
function numberOf(text: string): Decimal | null {
  return parseAmountCell(text, 'yuan')?.value ?? null;
}

function holds(sum: SumRelation, member: ValueRef, yuan: Decimal): boolean {
  const value = (r: ValueRef) => (sameAnchor(r.anchor, member.anchor) && r.yuan === member.yuan ? yuan : new Decimal(r.yuan ?? 0));
  const parts = sum.parts.reduce((s, p) => s.plus(value(p)), new Decimal(0));
  const total = 'constant' in sum.total ? new Decimal(sum.total.constant) : value(sum.total);
  return total.minus(parts).abs().lte(sum.tolerance);
}

/** The figures of a sum the document prints (a fixed total is none). */
function membersOf(sum: SumRelation): ValueRef[] {
  return 'constant' in sum.total ? [...sum.parts] : [sum.total, ...sum.parts];
}

function memberOf(sum: SumRelation, member: ValueRef): boolean {
  return membersOf(sum).some((r) => sameAnchor(r.anchor, member.anchor) && r.yuan === member.yuan);
}

function sameAnchor(a: Anchor, b: Anchor): boolean {
  return a.block === b.block && a.row === b.row && a.cell === b.cell;
}

function refsKey(values: readonly ValueRef[]): string {
  return JSON.stringify(values.map((v) => [v.anchor.block, v.anchor.row ?? null, v.anchor.cell ?? null, v.yuan]));
}
