/**
 * How far each value of a report can be trusted, and where it was read: a
 * pure pass after the checks. A value is `confirmed` when a check that
 * involves it holds (a sum rule of its table, another table or the text
 * stating the same figure; a rounding difference of one printed step counts
 * as agreement), `contradicted` when a check that involves it fails above
 * `info` (the finding names it in `values`), else `unconfirmed`. A value the
 * reading itself already saw stated twice (dedupe.ts) starts confirmed, or
 * contradicted when the statements differ. Contradicted wins over confirmed:
 * one failed check is enough to distrust a figure.
 */
import { maxOf, minOf, toGrid, type Block, type TableBlock } from '@budget-ingest/doc-model';
import type { Comparison } from './checks/compare.ts';
import type { Anchor, Report, Traced, ValidationFinding, ValueBox, ValueRef, Verification } from './types.ts';

/** What the checks of one report found: its findings and every comparison they made (passes included). */
export interface CheckResults {
  readonly findings: readonly ValidationFinding[];
  readonly comparisons: readonly Comparison[];
}

/**
 * Sets `anchor`, `bbox` and `verification` on every amount, line and
 * indicator of the report. `blocks` are the document's blocks (anchors are
 * their `index`); every reader sets a value's anchor as it reads it, and the
 * box comes from the anchored block, cell or row of the document model.
 */
export function traceValues(report: Report, blocks: readonly Block[], checks: CheckResults): Report {
  const byIndex = new Map(blocks.map((b) => [b.index, b]));
  const place = <T extends Traced & { readonly page: number | null }>(v: T): T => {
    // The reader set the anchor as it read the value (provenance at creation, never searched for afterwards).
    const anchor = v.anchor ?? null;
    const bbox = v.bbox ?? (anchor ? boxOf(anchor, byIndex.get(anchor.block), v.page) : null);
    return { ...v, anchor, bbox };
  };
  const refuted = checks.findings.filter((f) => f.severity !== 'info').flatMap((f) => f.values ?? []);
  const agreed = [...checks.comparisons.filter((c) => c.agrees).flatMap((c) => c.values), ...checks.findings.filter((f) => f.severity === 'info').flatMap((f) => f.values ?? [])];
  const verify = <T extends Traced>(v: T, yuans: readonly (string | null)[]): T => ({ ...v, verification: verificationOf(v, yuans, agreed, refuted) });
  return {
    ...report,
    amounts: report.amounts.map((a) => verify(place(a), [a.yuan])),
    expenditure_lines: report.expenditure_lines.map((l) => verify(place(l), [l.yuan, l.budget_yuan])),
    indicators: report.indicators.map((i) => verify(place(i), [])),
  };
}

function verificationOf(v: Traced, yuans: readonly (string | null)[], agreed: readonly ValueRef[], refuted: readonly ValueRef[]): Verification {
  const anchor = v.anchor;
  const involved = (refs: readonly ValueRef[]): boolean => anchor !== null && anchor !== undefined && refs.some((r) => refersTo(r, anchor, yuans));
  // An OCR figure a sum corrected stays so marked: its value is the sum's reading, not what was printed.
  if (v.verification === 'corrected-by-sum') return 'corrected-by-sum';
  if (v.verification === 'contradicted' || involved(refuted)) return 'contradicted';
  if (v.verification === 'confirmed' || involved(agreed)) return 'confirmed';
  return 'unconfirmed';
}

/**
 * True when a checked figure is the value: the same table cell (a row, for a
 * value that is a whole row), or the same figure in the same paragraph.
 */
export function refersTo(ref: ValueRef, anchor: Anchor, yuans: readonly (string | null)[]): boolean {
  if (ref.anchor.block !== anchor.block || ref.anchor.row !== anchor.row) return false;
  if (anchor.row !== undefined) return ref.anchor.cell === undefined || anchor.cell === undefined || ref.anchor.cell === anchor.cell;
  return ref.yuan === null || yuans.length === 0 || yuans.includes(ref.yuan);
}

/** The box of the anchored spot from the document model: the cell, the row (union of its cells on the value's page) or the block. */
function boxOf(anchor: Anchor, block: Block | undefined, page: number | null): ValueBox | null {
  if (!block) return null;
  if (anchor.row === undefined || block.kind !== 'table') return block.bbox ?? null;
  const row = toGrid(block as TableBlock)[anchor.row];
  if (!row) return null;
  if (anchor.cell !== undefined) return row[anchor.cell]?.cell.bbox ?? null;
  const boxes = [...new Set(row.map((p) => p.cell))].filter((c) => c.bbox && (page === null || c.page === null || c.page === page)).map((c) => c.bbox!);
  if (boxes.length === 0) return null;
  return [minOf(boxes.map((b) => b[0])), minOf(boxes.map((b) => b[1])), maxOf(boxes.map((b) => b[2])), maxOf(boxes.map((b) => b[3]))];
}
