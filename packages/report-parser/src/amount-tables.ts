/**
 * Headline amounts (and economic lines) from the small tables of
 * self-evaluation reports: 基础数据表 / 自评表 with 年初预算数 / 全年预算数 /
 * 全年执行数 or "2023年预算数 / 2023年决算数" columns, "预算数： | 3688.59" pairs,
 * and "一般公共预算：346.26" cells; the unit from the caption or a header cell
 * (单位：万元 / （元）). The nine standard tables are read by standard-tables/.
 */
import { toGrid, type Block } from '@budget-ingest/doc-model';
import type { AmountCandidate } from './candidates.ts';
import { isEconomicName } from './genre/economic-names.ts';
import { isMoneyBlockRow, moneyBlockItems } from './genre/item-labels.ts';
import { isIndicatorHeader } from './indicator-table.ts';
import { readColumnHeader, readLabel } from './items.ts';
import { COMPARED, figuresIn, isNumberCell, moneyIn, parseAmountCell, scaleOf, toYuan, unitInCell, yuanString, type MoneyUnit } from './figures/index.ts';
import { displayName, normaliseText } from './text.ts';
import type { Anchor, ExpenditureLine, Phase, ValueBox } from './types.ts';

export interface TableAmounts {
  readonly amounts: AmountCandidate[];
  readonly lines: ExpenditureLine[];
}

interface ColumnPhase {
  readonly phase: Phase;
  readonly year: number | null;
}

/** A label and a number in one cell ("一般公共预算:346.26"): the label and the number's text, or null. */
function inlinePair(t: string): { label: string; number: string } | null {
  const figures = figuresIn(t);
  const last = figures[figures.length - 1];
  if (!last || last.kind !== 'number' || last.end !== t.length || last.start === 0 || t[last.start - 1] !== ':' || last.printedUnit !== null || last.op !== null || last.approx) return null;
  return { label: t.slice(0, last.start - 1), number: last.text };
}

/** A cell's figure in the table's unit as yuan ("36885900.00"), with its scale, or null when the cell is not a plain number. */
function cellYuan(t: string, unit: MoneyUnit): { yuan: string; scale: number } | null {
  const p = parseAmountCell(t, unit);
  if (p) return { yuan: yuanString(toYuan(p)), scale: scaleOf(p) };
  // A cell that prints its unit again (620.82万元 under a (万元) header) is read in its own unit.
  const own = moneyIn(t, COMPARED);
  return own.length === 1 && own[0]!.start === 0 && own[0]!.end === t.length ? { yuan: own[0]!.yuan, scale: own[0]!.scale } : null;
}

/** A cell that is a figure: a plain number, or money with its unit printed (`cellYuan`). */
const isFigureCell = (t: string): boolean => isNumberCell(t) || cellYuan(t, 'yuan') !== null;

/** True when a table states a money unit in its caption or in a short cell (单位：万元, （元）). */
export function statesUnit(block: Block): boolean {
  if (block.kind !== 'table') return false;
  if (unitInCell(normaliseText(block.caption ?? '')) !== null) return true;
  return toGrid(block).some((row) => row.some((p) => {
    const t = normaliseText(p.cell.text);
    return t.length <= 24 && unitInCell(t) !== null;
  }));
}

/**
 * The amounts of the small tables. `assumed`: read only the tables that state no unit, in that
 * unit (unit-choice.ts reads them in 元 and in 万元 and lets the text decide).
 */
export function readAmountTables(blocks: readonly Block[], fiscalYear: number | null, assumed: MoneyUnit | null = null): TableAmounts {
  const amounts: AmountCandidate[] = [];
  const lines: ExpenditureLine[] = [];
  for (const block of blocks) {
    if (block.kind !== 'table') continue;
    if (assumed !== null && statesUnit(block)) continue;
    const grid = toGrid(block);
    const texts = grid.map((row) => row.map((p) => normaliseText(p.cell.text)));
    let unit: MoneyUnit | null = assumed ?? unitInCell(normaliseText(block.caption ?? ''));
    let columns = new Map<number, ColumnPhase>();
    let indicatorRows = false;
    const hasAdjusted = texts.some((row) => row.some((t) => readColumnHeader(t)?.phase === 'budget_adjusted'));
    texts.forEach((row, r) => {
      for (const t of row) {
        const u = unitInCell(t);
        if (u && t.length <= 24) unit = u;
      }
      const headers = new Map<number, ColumnPhase>();
      row.forEach((t, c) => {
        const h = readColumnHeader(t.replace(/:$/, ''));
        if (h && grid[r]![c]!.origin) headers.set(c, h);
      });
      if (headers.size >= 2) columns = headers;
      // Below an indicator table's header the rows are indicators (基本支出 | 108.01万元 | 126.15万元 is a target and an actual), not money.
      if (isIndicatorHeader(grid[r]!.map((p) => p.cell.text))) indicatorRows = true;
      if (unit === null || indicatorRows) return;
      const economic: { year: number; phase: Phase; yuan: string; source: string; place: { anchor: Anchor; bbox: ValueBox | null } }[] = [];
      let economicName: string | null = null;
      row.forEach((t, c) => {
        if (!grid[r]![c]!.origin) return;
        const page = grid[r]![c]!.cell.page ?? block.page;
        const cellPlace = (): { anchor: Anchor; bbox: ValueBox | null } => ({ anchor: { block: block.index, row: r, cell: c }, bbox: grid[r]![c]!.cell.bbox ?? null });
        const inline = inlinePair(t);
        if (inline) {
          const reading = readLabel(inline.label.replace(/^其中:?/, ''));
          if (reading.items.length !== 1 || reading.change) return;
          const phase: Phase | null = hasAdjusted ? 'budget_adjusted' : (columns.get(c)?.phase ?? null);
          const figure = cellYuan(inline.number, unit!);
          if (phase === null || figure === null) return;
          const year = columns.get(c)?.year ?? fiscalYear;
          if (year === null) return;
          amounts.push({ item: reading.items[0]!, phase, fiscal_year: year, yuan: figure.yuan, scale: figure.scale, origin: 'table', source_text: t, page, order: block.index * 10000 + r * 100 + c, ...cellPlace(), ...(reading.grandTotal ? { grandTotal: true } : {}) });
          return;
        }
        const figure = cellYuan(t, unit!);
        if (figure === null) return;
        // The label: the nearest non-number cell to the left.
        let l = c - 1;
        while (l >= 0 && (isFigureCell(row[l]!) || row[l] === '' || row[l] === '——' || row[l] === '-')) l--;
        if (l < 0) return;
        const label = row[l]!.replace(/:$/, '');
        const pairHeader = readColumnHeader(label);
        const column = columns.get(c) ?? (l === c - 1 ? (pairHeader ? { phase: pairHeader.phase, year: pairHeader.year } : columns.get(c - 1)) : undefined);
        if (!column) return;
        let reading = readLabel(label.replace(/^其中:?/, ''));
        if (reading.items.length === 0) reading = { ...reading, items: moneyBlockItems(label) };
        if (pairHeader && reading.items.length === 0) {
          const rowLabel = l > 0 ? row[0]! : '';
          if (isMoneyBlockRow(rowLabel) || l === 0) reading = { ...reading, items: ['total_expenditure'] };
        }
        const year = column.year ?? fiscalYear;
        if (year === null) return;
        const yuan = figure.yuan;
        const source = `${row[l]}\t${t}`;
        const bare = label.replace(/^其中:?/, '').replace(/^\d+[、.]/, '');
        if (reading.items.length === 0 && isEconomicName(bare)) {
          economicName = bare;
          economic.push({ year, phase: column.phase, yuan, source, place: cellPlace() });
          return;
        }
        if (reading.change) return;
        for (const item of reading.items) {
          amounts.push({ item, phase: column.phase, fiscal_year: year, yuan, scale: figure.scale, origin: 'table', source_text: source, page, order: block.index * 10000 + r * 100 + c, ...cellPlace(), ...(reading.grandTotal ? { grandTotal: true } : {}) });
        }
      });
      if (economicName !== null) {
        for (const e of economic) {
          if (e.phase !== 'actual') continue;
          const budget = economic.find((b) => b.year === e.year && b.phase !== 'actual');
          lines.push({ classification: 'economic', path: [displayName(economicName)], code: null, phase: 'actual', fiscal_year: e.year, yuan: e.yuan, budget_yuan: budget?.yuan ?? null, source_text: e.source, page: block.page, ...e.place });
        }
      }
    });
  }
  return { amounts, lines };
}
