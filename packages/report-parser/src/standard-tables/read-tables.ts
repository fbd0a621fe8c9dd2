import { pushAll } from '@budget-ingest/doc-model';
import { displayName } from '../text.ts';
import type { Amount, AmountItem, Anchor, ExpenditureLine, Phase, ValueBox } from '../types.ts';
import { TABLE_KIND_SPECS, type HeadlineAmount, type HeadlineRow, type StandardTableSpecs } from '../specs/table-kinds.ts';
import { toYuan, yuanString, type Printed } from '../figures/money.ts';
import type { RecognisedTable, TableRow } from './recognise.ts';
import { bareLabel, cleanName, codedRows, grandTotalRow, isEmptyRow, mainValue, valueOf } from './read-rows.ts';

/**
 * Headline amounts of the standard tables, as their specs' `headline` says
 * (specs/table-kinds.ts): each item from its row and column, in the spec's
 * order. The first statement of an (item, phase, year) wins, other values
 * become `alternatives`. `specs` is the registry (a test passes a changed copy).
 */
export function readAmounts(tables: readonly RecognisedTable[], fiscalYear: number | null, specs: StandardTableSpecs = TABLE_KIND_SPECS): Amount[] {
  const found = new Map<string, { amount: Amount; alternatives: string[] }>();
  const add = (table: RecognisedTable, item: AmountItem, { phase, row, p, what }: HeadlineFigure): void => {
    const year = fiscalYear ?? table.year;
    if (year === null) return;
    const yuan = yuanString(toYuan(p));
    const key = `${item}|${phase}|${year}`;
    const seen = found.get(key);
    if (seen) {
      if (seen.amount.yuan !== yuan && !seen.alternatives.includes(yuan)) seen.alternatives.push(yuan);
      return;
    }
    const source_text = `${table.title}：${what} ${p.text}`;
    found.set(key, { amount: { item, phase, fiscal_year: year, yuan, source_text, page: row.page ?? table.pages[0] ?? null, ...placeOf(p) }, alternatives: [] });
  };
  for (const table of tables) {
    for (const h of specs[table.kind].headline) for (const figure of headlineFigures(table, h)) add(table, h.item, figure);
  }
  return [...found.values()].map(({ amount, alternatives }) => (alternatives.length ? { ...amount, alternatives } : amount));
}

/** A figure a headline amount is read from, with its phase and what the source text calls it. */
interface HeadlineFigure {
  readonly phase: Phase;
  readonly row: TableRow;
  readonly p: Printed;
  readonly what: string;
}

/** The figures of one headline amount of a table: its spec's row (or rows) and column (or columns). */
function headlineFigures(table: RecognisedTable, h: HeadlineAmount): HeadlineFigure[] {
  const out: HeadlineFigure[] = [];
  for (const row of headlineRows(table, h.row)) {
    const column = h.column;
    if (typeof column === 'object' && 'eachOfRole' in column) {
      for (const c of table.columns) {
        const p = c.role === column.eachOfRole ? row.values.get(c.index) : undefined;
        if (p) out.push({ phase: c.phase ?? table.phase, row, p, what: h.as ?? c.levels[c.levels.length - 1] ?? column.eachOfRole });
      }
      continue;
    }
    const p = column === 'main' ? mainValue(table, row) : valueOf(table, row, column.role);
    if (p) out.push({ phase: table.phase, row, p, what: h.as ?? bareLabel(row.label) });
  }
  return out;
}

function headlineRows(table: RecognisedTable, row: HeadlineRow): TableRow[] {
  if (row === 'total' || row === 'total_or_first') {
    const total = grandTotalRow(table) ?? (row === 'total_or_first' ? table.rows.find((r) => r.values.size > 0) : null);
    return total ? [total] : [];
  }
  if ('label' in row) {
    const first = table.rows.find((r) => row.label.test(bareLabel(r.label)));
    return first ? [first] : [];
  }
  return table.rows.filter((r) => row.everyLabel.test(bareLabel(r.label)));
}

/** The table whose coded rows become the report's functional lines: 支出表 (all funds), else the 一般公共预算 table, else the 收入表. */
export function primaryFunctionalTable(tables: readonly RecognisedTable[]): RecognisedTable | null {
  for (const kind of ['expenditure', 'general_budget_functional', 'income'] as const) {
    const t = tables.find((x) => x.kind === kind && codedRows(x, '2').length > 0);
    if (t) return t;
  }
  return null;
}

/** Functional lines (类/款/项 of the primary table) and economic lines (基本支出 by 经济分类). */
export function readLines(tables: readonly RecognisedTable[], fiscalYear: number | null): ExpenditureLine[] {
  const lines: ExpenditureLine[] = [];
  const functional = primaryFunctionalTable(tables);
  if (functional) pushAll(lines, linesOf(functional, '2', 'functional', fiscalYear));
  const economic = tables.find((t) => t.kind === 'basic_economic' && codedRows(t).length > 0);
  if (economic) pushAll(lines, linesOf(economic, null, 'economic', fiscalYear));
  return lines;
}

function linesOf(table: RecognisedTable, first: '2' | null, classification: 'functional' | 'economic', fiscalYear: number | null): ExpenditureLine[] {
  const year = fiscalYear ?? table.year;
  if (year === null) return [];
  const names = new Map<string, string>();
  const rows = codedRows(table, first).filter((r) => classification === 'functional' || /^[35]/.test(r.code!));
  for (const r of rows) if (r.label && !names.has(r.code!)) names.set(r.code!, r.label);
  const seen = new Set<string>();
  const out: ExpenditureLine[] = [];
  for (const row of rows) {
    const code = row.code!;
    const p = mainValue(table, row);
    if (!p || isEmptyRow(row) || seen.has(code)) continue;
    seen.add(code);
    const prefixes = classification === 'functional' ? [3, 5, 7] : [3, 5];
    const path = prefixes
      .filter((n) => n <= code.length)
      .map((n) => names.get(code.slice(0, n)) ?? null)
      // The 类 name goes without its trailing 支出 in both classifications (工资福利支出 → 工资福利), as GOLD.md's paths do.
      .map((name, i) => (name === null ? null : displayName(cleanName(name, i === 0))));
    out.push({
      classification,
      path: path.filter((n): n is string => n !== null),
      code,
      phase: table.phase,
      fiscal_year: year,
      yuan: yuanString(toYuan(p)),
      budget_yuan: null,
      source_text: `${table.title}：${code} ${row.label} ${p.text}`,
      page: row.page,
      ...placeOf(p),
    });
  }
  return out;
}

/** The anchor and box of the cell a figure was read from. */
function placeOf(p: Printed): { anchor: Anchor | null; bbox: ValueBox | null } {
  return { anchor: p.at?.anchor ?? null, bbox: p.at?.bbox ?? null };
}
