/**
 * One report's part of an `explain` trace (trace.ts). parse-document hands it
 * what the readers produced and what dedupe.ts chose; it runs only when a
 * caller asked for a trace, so parsing without one pays for none of this.
 */
import { pushAll, toGrid, type Block } from '@budget-ingest/doc-model';
import type { AmountChoice } from './dedupe.ts';
import { labelled, moneyIn } from './figures/index.ts';
import type { ReportPart } from './report-splitter.ts';
import { classifyTitle } from './standard-tables/table-kinds.ts';
import { normaliseText } from './text.ts';
import type { TextUnit } from './text-units.ts';
import { printed, type LineStatement, type ParseTrace, type RejectSink, type SkippedRow } from './trace.ts';
import type { ExpenditureLine, Indicator } from './types.ts';

/** The lines one reader produced, in the order dedupe.ts sees them. */
export interface LineSource {
  readonly reader: string;
  /** The table kind's spec, when the reader reads one kind of table (null: from each line's table title). */
  readonly spec: string | null;
  readonly lines: readonly ExpenditureLine[];
}

/** A statement dedupe.ts folded into the line emitted at `into`. */
export type LineMerge = readonly [line: ExpenditureLine, into: number];

export interface ReportTracer {
  readonly amount: (choice: AmountChoice) => void;
  readonly reject: RejectSink;
  /** The figures of paragraphs printed twice (text-units.ts marks them; every reader skips them). */
  readonly repeated: (units: readonly TextUnit[]) => void;
  readonly lines: (sources: readonly LineSource[], merges: readonly LineMerge[], emitted: readonly ExpenditureLine[]) => void;
  readonly indicators: (indicators: readonly Indicator[], blocks: readonly Block[]) => void;
  /** Hears of the indicator rows passed over; `indicators` records them with their text. */
  readonly skippedRow: SkippedRow;
}

/** Collects one part's entries into `trace` (numbered 0 until appendReport gives them the report's place). */
export function reportTracer(trace: ParseTrace, part: ReportPart): ReportTracer {
  const of = { report: 0, reportKind: part.kind };
  const skippedRows: { at: { block: number; row: number }; label: string; reason: 'placeholder-row' | 'heading-row' }[] = [];
  return {
    amount: (choice) => trace.amounts.push({ entry: 'amount', ...of, ...choice }),
    reject: (r) => trace.rejected.push({ entry: 'rejected', ...of, ...r }),
    repeated: (units) => {
      for (const unit of units.filter((u) => u.duplicate)) {
        for (const { figure, label } of labelled(unit.text, moneyIn(unit.text))) {
          trace.rejected.push({ entry: 'rejected', ...of, reader: 'text-units', reason: 'repeated-paragraph', items: [], label, figure: printed(figure), yuan: figure.yuan, text: unit.text, page: unit.page });
        }
      }
    },
    lines: (sources, merges, emitted) => {
      const statements = new Map<ExpenditureLine, LineStatement>();
      for (const s of sources) for (const l of s.lines) statements.set(l, lineStatement(l, s));
      const folded = new Set(merges.map(([l]) => l));
      // dedupe.ts emits the statements it did not fold, in order: the i-th of them is the i-th line.
      const firsts = [...statements.keys()].filter((l) => !folded.has(l));
      emitted.forEach((line, i) => {
        const dropped = merges.filter(([, into]) => into === i).map(([l]) => ({ ...statements.get(l)!, reason: 'duplicate-line' as const }));
        trace.lines.push({ entry: 'line', ...of, classification: line.classification, path: line.path, code: line.code, phase: line.phase, fiscal_year: line.fiscal_year, yuan: line.yuan, budget_yuan: line.budget_yuan, read: statements.get(firsts[i]!)!, dropped });
      });
    },
    indicators: (indicators, blocks) => {
      const rowText = rowTexts(blocks);
      for (const ind of indicators) {
        const text = ind.anchor?.row === undefined ? '' : rowText(ind.anchor.block, ind.anchor.row);
        trace.indicators.push({ entry: 'indicator', ...of, reader: 'indicator-table', spec: 'indicators', level1: ind.level1, level2: ind.level2, level3: ind.level3, target: ind.target, actual: ind.actual, text, page: ind.page });
      }
      for (const { at, label, reason } of skippedRows) {
        trace.rejected.push({ entry: 'rejected', ...of, reader: 'indicator-table', reason, items: [], label, figure: null, yuan: null, text: rowText(at.block, at.row), page: blocks.find((b) => b.index === at.block)?.page ?? null });
      }
    },
    skippedRow: (at, label, reason) => skippedRows.push({ at, label, reason }),
  };
}

/** A table row's cells as text, joined by " | " (a cell merged over several columns once). */
function rowTexts(blocks: readonly Block[]): (block: number, row: number) => string {
  const byIndex = new Map(blocks.map((b) => [b.index, b]));
  const grids = new Map<number, ReturnType<typeof toGrid>>();
  return (index, row) => {
    const block = byIndex.get(index);
    if (block?.kind === 'table' && !grids.has(index)) grids.set(index, toGrid(block));
    const cells = grids.get(index)?.[row] ?? [];
    return cells
      .map((p) => normaliseText(p.cell.text))
      .filter((c, k, all) => c !== '' && c !== all[k - 1])
      .join(' | ');
  };
}

function lineStatement(l: ExpenditureLine, source: LineSource): LineStatement {
  const spec = source.spec ?? (source.reader === 'standard-tables' ? classifyTitle(l.source_text.split('：')[0]!) : null);
  return { reader: source.reader, spec, yuan: l.yuan, budget_yuan: l.budget_yuan, text: l.source_text, page: l.page };
}

/** Appends one report's entries to the caller's trace, numbered by the report's place in ParseResult.reports. */
export function appendReport(into: ParseTrace, part: ParseTrace, report: number): void {
  pushAll(into.amounts, part.amounts.map((e) => ({ ...e, report })));
  pushAll(into.lines, part.lines.map((e) => ({ ...e, report })));
  pushAll(into.indicators, part.indicators.map((e) => ({ ...e, report })));
  pushAll(into.rejected, part.rejected.map((e) => ({ ...e, report })));
}
