/**
 * A quality report per standard table (camelot's `parsing_report`): whether
 * its unit was stated or assumed, how many of its columns got a role, how
 * many rows and figures were read, and how many of the comparisons the
 * checks made with its figures (its own sums, other tables, the text) agree.
 * One `table-quality` parse warning per table, stored with the document's
 * parse warnings and printed by `explain`, so a caller can weigh a table or
 * reject it.
 */
import type { RecognisedTable } from '../standard-tables/index.ts';
import type { ParseWarning } from '../types.ts';
import type { Comparison } from './compare.ts';

export interface TableQuality {
  readonly title: string;
  readonly kind: string;
  readonly unitStated: boolean;
  readonly columns: number;
  readonly columnsRecognised: number;
  readonly rows: number;
  readonly figures: number;
  readonly agree: number;
  readonly disagree: number;
  /** 0–1: the mean of the unit (1 stated, 0.5 assumed), the share of columns recognised and the share of comparisons that agree (1 when none). */
  readonly score: number;
}

/** The quality of one table, from the comparisons the checks made (those involving a figure read in it). */
export function tableQuality(t: RecognisedTable, comparisons: readonly Comparison[]): TableQuality {
  const blocks = new Set(t.rows.flatMap((r) => [...r.values.values()].flatMap((p) => (p.at ? [p.at.anchor.block] : []))));
  blocks.add(t.blockIndex);
  const mine = comparisons.filter((c) => c.values.some((v) => blocks.has(v.anchor.block)));
  const agree = mine.filter((c) => c.agrees).length;
  const disagree = mine.length - agree;
  const columnsRecognised = t.columns.filter((c) => c.role !== null).length;
  const parts = [t.unitStated ? 1 : 0.5, t.columns.length === 0 ? 0 : columnsRecognised / t.columns.length, mine.length === 0 ? 1 : agree / mine.length];
  const score = Math.round((parts.reduce((a, b) => a + b, 0) / parts.length) * 100) / 100;
  return { title: t.title, kind: t.kind, unitStated: t.unitStated, columns: t.columns.length, columnsRecognised, rows: t.rows.length, figures: t.rows.reduce((n, r) => n + r.values.size, 0), agree, disagree, score };
}

/** One `table-quality` parse warning per standard table. */
export function tableQualityWarnings(tables: readonly RecognisedTable[], comparisons: readonly Comparison[]): ParseWarning[] {
  return tables.map((t) => {
    const q = tableQuality(t, comparisons);
    const unit = `${t.unit === 'wan' ? '万元' : t.unit === 'yi' ? '亿元' : '元'} ${q.unitStated ? 'stated' : 'assumed'}`;
    const message = `${q.title} (${q.kind}): quality ${q.score.toFixed(2)}; unit ${unit}; columns ${q.columnsRecognised}/${q.columns} recognised; ${q.rows} rows, ${q.figures} figures read; comparisons ${q.agree} agree, ${q.disagree} disagree`;
    return { code: 'table-quality', message, page: t.pages[0] ?? null };
  });
}
