import { pushAll, toCompactText, toGrid, type Block, type TableBlock } from '@budget-ingest/doc-model';
import { defaultPhaseOf } from '../specs/report-kinds.ts';
import type { ParseWarning, Phase, ReportKind } from '../types.ts';
import { countHeaderRows, readColumns, type Column, type ColumnRole } from './columns.ts';
import { afterGluedAmount } from '../figures/cuts.ts';
import { isNumberCell, parseAmountCell, parseUnitNote, type MoneyUnit, type Printed } from '../figures/money.ts';
import { classifyTitle, normaliseTitle, titleReportKind, titleYear, type StandardTableKind } from './table-kinds.ts';

/** One row of a standard table (one side of it, for tables printed in two halves). */
export interface TableRow {
  /** The row's name (科目名称 / 项目) with white space removed; "" when the row has none. */
  readonly label: string;
  /** 政府收支分类科目 code of the row (3, 5 or 7 digits), or null. */
  readonly code: string | null;
  /** Figures by grid column index; a blank cell is absent. */
  readonly values: ReadonlyMap<number, Printed>;
  readonly page: number | null;
  /** Which side of a table printed in halves (0 = left). */
  readonly side: number;
}

/** A standard table found in the document, with its columns named and its rows read. */
export interface RecognisedTable {
  readonly kind: StandardTableKind;
  readonly title: string;
  /** Unit the table states (单位：元 / 单位：万元); `unitStated` is false when it states none and 元 was assumed. */
  readonly unit: MoneyUnit;
  readonly unitStated: boolean;
  /** Year in the title ("2026年部门…"), else null. */
  readonly year: number | null;
  readonly phase: Phase;
  /** Pages the table spans (one for a single-page table). */
  readonly pages: readonly number[];
  /** `index` of the table block (the first block, for a table continued over several blocks). */
  readonly blockIndex: number;
  readonly columns: readonly Column[];
  readonly rows: readonly TableRow[];
}

const LABEL_ROLES: ReadonlySet<ColumnRole> = new Set(['code_lei', 'code_kuan', 'code_xiang', 'code', 'name']);

interface Located {
  readonly title: string | null;
  readonly unit: MoneyUnit | null;
  /** Rows on top of the table that are its title or unit line, not its header. */
  readonly skipRows: number;
}

/**
 * Finds the standard tables among the blocks: by the title in the caption,
 * in the table's own first rows or in the heading/paragraph blocks just
 * before it; a table block without a title whose header repeats the previous
 * standard table's header continues it.
 */
export function recogniseTables(blocks: readonly Block[], ctx: { kind: ReportKind | null }): { tables: RecognisedTable[]; warnings: ParseWarning[] } {
  const tables: RecognisedTable[] = [];
  const warnings: ParseWarning[] = [];
  let previousTableAt = -1;
  let lastColumnsX: (readonly [number, number] | null)[] = [];
  let lastBlockIndex = -1;
  const boxes = new Map<number, TableBlock['bbox'] | null>();
  blocks.forEach((block, i) => {
    if (block.kind !== 'table') return;
    const before = blocks.slice(Math.max(previousTableAt + 1, i - 4), i);
    previousTableAt = i;
    const located = locate(block, before);
    const grid = toGrid(block).slice(located.skipRows);
    const textGrid = grid.map((row) => row.map((p) => p.cell.text));
    const headerRows = countHeaderRows(textGrid);
    const columns = withFallbackLabels(readColumns(textGrid, headerRows), textGrid, headerRows);
    const kind = located.title ? classifyTitle(located.title) : null;
    const last = tables[tables.length - 1];
    if (kind === null) {
      if (last && located.title === null && lastBlockIndex === previousStandardAt(blocks, i)) {
        const same = continues(last, columns, headerRows);
        const aligned = same ? grid.slice(headerRows) : alignByPosition(block, lastColumnsX);
        if (aligned) {
          const rows = readRows(aligned, last.columns, last.unit, block.page, { block: block.index, firstRow: same ? located.skipRows + headerRows : 0 });
          tables[tables.length - 1] = { ...last, rows: [...last.rows, ...rows], pages: mergePages(last.pages, pagesOf(block)) };
          lastBlockIndex = i;
        }
      }
      return;
    }
    const unit = located.unit ?? unitFromHeader(textGrid.slice(0, headerRows));
    const title = located.title!;
    const phase = phaseOf(title, ctx.kind);
    const table: RecognisedTable = {
      kind,
      title,
      unit: unit ?? 'yuan',
      unitStated: unit !== null,
      year: titleYear(title),
      phase,
      pages: pagesOf(block),
      blockIndex: block.index,
      columns,
      rows: readRows(grid.slice(headerRows), columns, unit ?? 'yuan', block.page, { block: block.index, firstRow: located.skipRows + headerRows }),
    };
    if (!columns.some((c) => isAmountRole(c.role))) {
      warnings.push(readingProblem('table-columns-unrecognised', `表“${title}”的表头未识别出金额列`, table, block));
    }
    tables.push(table);
    boxes.set(table.blockIndex, block.bbox ?? null);
    lastBlockIndex = i;
    lastColumnsX = columnsX(toGrid(block));
  });
  return { tables: withInferredUnits(tables, warnings, boxes), warnings };
}

/**
 * A table whose unit the extractor did not find (or the document did not
 * print) takes the unit most of the document's other standard tables state;
 * a parse warning says so.
 */
function withInferredUnits(tables: RecognisedTable[], warnings: ParseWarning[], boxes: ReadonlyMap<number, TableBlock['bbox'] | null>): RecognisedTable[] {
  const stated = tables.filter((t) => t.unitStated && t.kind !== 'three_public').map((t) => t.unit);
  const wan = stated.filter((u) => u === 'wan').length;
  const unit: MoneyUnit = stated.length > 0 && wan * 2 > stated.length ? 'wan' : 'yuan';
  return tables.map((t) => {
    if (t.unitStated) return t;
    warnings.push(readingProblem('table-unit-missing', `表“${t.title}”未注明金额单位，按${unit === 'wan' ? '万元' : '元'}读取`, t, { bbox: boxes.get(t.blockIndex) ?? undefined }));
    if (unit === 'yuan') return t;
    return { ...t, unit, rows: t.rows.map((r) => ({ ...r, values: new Map([...r.values].map(([k, v]) => [k, { ...v, unit }])) })) };
  });
}

export function isAmountRole(role: ColumnRole | null): boolean {
  return role !== null && !LABEL_ROLES.has(role);
}

function locate(block: TableBlock, before: readonly Block[]): Located {
  let title: string | null = null;
  let unit: MoneyUnit | null = null;
  const consider = (text: string): void => {
    // A note of the previous table and this table's title may come as one paragraph: the title is the last sentence.
    const t = normaliseTitle(text).split(/[。；;]/).filter((x) => x !== '').pop() ?? '';
    unit ??= parseUnitNote(t);
    if (title === null) {
      // A title line may carry the unit or the 编制部门 after it.
      const head = t.replace(/(编制部门|编制单位|部门|单位)[:：].*$/, '');
      if (classifyTitle(head) !== null) title = head;
    }
  };
  if (block.caption) consider(block.caption);
  let skipRows = 0;
  for (const row of block.rows) {
    const texts = [...new Set(row.map((c) => toCompactText(c.text)).filter((t) => t !== ''))];
    const isNote = texts.length >= 1 && texts.length <= 2 && texts.every((t) => !isNumberCell(t)) && (texts.some((t) => classifyTitle(t) !== null) || texts.every((t) => parseUnitNote(t) !== null || /^(编制部门|编制单位|部门|单位)[:：]|^公开\d+表$/.test(t)));
    if (!isNote) break;
    texts.forEach(consider);
    skipRows++;
  }
  for (const b of [...before].reverse()) {
    if (b.kind === 'table') break;
    consider(b.text);
  }
  return { title, unit, skipRows };
}

function unitFromHeader(header: readonly (readonly string[])[]): MoneyUnit | null {
  for (const row of header) for (const t of row) {
    const u = parseUnitNote(t) ?? (/\(万元\)|（万元）/.test(t) ? 'wan' : /\(元\)|（元）/.test(t) ? 'yuan' : null);
    if (u) return u;
  }
  return null;
}

function phaseOf(title: string, kind: ReportKind | null): Phase {
  return defaultPhaseOf(titleReportKind(title) ?? kind);
}

/** Columns the header does not name but whose body is words are label columns (a header the extractor split oddly). */
function withFallbackLabels(columns: Column[], grid: readonly (readonly string[])[], headerRows: number): Column[] {
  const body = grid.slice(headerRows);
  return columns.map((c) => {
    if (c.role !== null) return c;
    const texts = body.map((r) => toCompactText(r[c.index] ?? '')).filter((t) => t !== '');
    const words = texts.filter((t) => !isNumberCell(t)).length;
    return texts.length > 0 && words / texts.length > 0.8 ? { ...c, role: 'name' as const } : c;
  });
}

/** Position of the table block before block i (-1 when none). */
function previousStandardAt(blocks: readonly Block[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (blocks[j]!.kind === 'table') return j;
  return -1;
}

/** Left and right edges of each grid column, from cells that span one column. */
function columnsX(grid: ReturnType<typeof toGrid>): (readonly [number, number] | null)[] {
  const width = grid[0]?.length ?? 0;
  return Array.from({ length: width }, (_, c) => {
    for (const row of grid) {
      const pos = row[c];
      if (pos?.origin && pos.cell.colspan === 1 && pos.cell.bbox) return [pos.cell.bbox[0], pos.cell.bbox[2]] as const;
    }
    return null;
  });
}

/**
 * Rows of a continuation block whose columns differ from the table it
 * continues (a lone 合计 row on the next page, its label merged over the code
 * columns): each cell goes to the columns its left and right edges line up with.
 */
function alignByPosition(block: TableBlock, xs: readonly (readonly [number, number] | null)[]): ReturnType<typeof toGrid> | null {
  if (xs.length === 0 || xs.some((x) => x === null)) return null;
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= 3;
  const out: ReturnType<typeof toGrid> = [];
  for (const row of block.rows) {
    const positions: ReturnType<typeof toGrid>[number] = [];
    for (const cell of row) {
      if (!cell.bbox) return null;
      const from = xs.findIndex((x) => near(x![0], cell.bbox![0]));
      const to = xs.findIndex((x) => near(x![1], cell.bbox![2]));
      if (from < 0 || to < from || from !== positions.length) return null;
      const merged = { ...cell, colspan: to - from + 1, rowspan: 1 };
      for (let c = from; c <= to; c++) positions.push({ cell: merged, origin: c === from });
    }
    if (positions.length !== xs.length) return null;
    out.push(positions);
  }
  return out;
}

function continues(last: RecognisedTable, columns: readonly Column[], headerRows: number): boolean {
  if (headerRows === 0) return columns.length === last.columns.length;
  return columns.length === last.columns.length && columns.every((c, i) => c.levels.join('|') === last.columns[i]!.levels.join('|'));
}

/** Groups of columns that each begin with label columns: one group per side of a table printed in halves. */
function sides(columns: readonly Column[]): Column[][] {
  const groups: Column[][] = [];
  let current: Column[] = [];
  let seenAmount = false;
  for (const c of columns) {
    const isLabel = c.role !== null && LABEL_ROLES.has(c.role);
    if (isLabel && seenAmount) {
      groups.push(current);
      current = [];
      seenAmount = false;
    }
    if (isAmountRole(c.role)) seenAmount = true;
    current.push(c);
  }
  groups.push(current);
  return groups;
}

/** Where the grid's rows sit in the document: the table block and the block row of the grid's first row. */
interface RowsOrigin {
  readonly block: number;
  readonly firstRow: number;
}

function readRows(grid: ReturnType<typeof toGrid>, columns: readonly Column[], unit: MoneyUnit, fallbackPage: number | null, origin: RowsOrigin): TableRow[] {
  const rows: TableRow[] = [];
  const groups = sides(columns);
  const lastLei: (string | null)[] = groups.map(() => null);
  const lastKuan: (string | null)[] = groups.map(() => null);
  for (const [r, gridRow] of grid.entries()) {
    const before = rows.length;
    groups.forEach((group, side) => {
      let label = '';
      const digits: Partial<Record<'lei' | 'kuan' | 'xiang' | 'code', string>> = {};
      const values = new Map<number, Printed>();
      let page: number | null = null;
      const firstName = group.find((c) => c.role === 'name')?.index ?? -1;
      for (const col of group) {
        const pos = gridRow[col.index];
        if (!pos) continue;
        const text = toCompactText(pos.cell.text);
        page ??= text ? pos.cell.page : null;
        const leftSame = col.index > 0 && gridRow[col.index - 1]?.cell === pos.cell;
        switch (col.role) {
          case 'code_lei':
            if (!leftSame) digits.lei = text;
            break;
          case 'code_kuan':
            if (!leftSame) digits.kuan = text;
            break;
          case 'code_xiang':
            if (!leftSame) digits.xiang = text;
            break;
          case 'code':
            if (!leftSame) digits.code = text;
            break;
          case 'name':
            // A label merged from the previous side over this side's name column ("当年支出小计" over three columns) names this side's row too.
            // A figure glued in front of a name belongs to the cell on the left (an extraction slip): it is not part of the name.
            if ((!leftSame || (label === '' && col.index === firstName)) && text) label += text.slice(afterGluedAmount(text));
            break;
          case null:
            break;
          default: {
            if (leftSame || !pos.origin) break;
            const p = parseAmountCell(text, unit);
            if (p) values.set(col.index, { ...p, at: { anchor: { block: origin.block, row: origin.firstRow + r, cell: col.index }, bbox: pos.cell.bbox ?? null } });
          }
        }
      }
      // Words in code cells (a merged "合计" over the code columns) are the row's label.
      for (const part of [digits.lei, digits.kuan, digits.xiang, digits.code]) {
        if (part && !/^\d+$/.test(part) && !/^(类|款|项)$/.test(part) && !label.includes(part)) label = part + label;
      }
      let code = codeOf(digits, lastLei[side]!, lastKuan[side]!);
      if (code === null) {
        const m = label.match(/^(\d{3}(?:\d{2}){0,2})(?!\d)(.*)$/);
        if (m && m[2]) {
          code = m[1]!;
          label = m[2];
        }
      }
      if (code) {
        lastLei[side] = code.slice(0, 3);
        if (code.length >= 5) lastKuan[side] = code.slice(0, 5);
      }
      if (label === '' && code === null && values.size === 0) return;
      rows.push({ label, code, values, page: page ?? fallbackPage, side });
    });
    // A label merged over two sides belongs to the side that holds its figures.
    const mine = rows.slice(before);
    const kept = mine.filter((r, k) => !(r.values.size === 0 && r.code === null && mine.some((o, j) => j > k && o.label === r.label && o.values.size > 0)));
    rows.length = before;
    pushAll(rows, kept);
  }
  return rows;
}

function codeOf(d: Partial<Record<'lei' | 'kuan' | 'xiang' | 'code', string>>, lastLei: string | null, lastKuan: string | null): string | null {
  const digitsOnly = (s: string | undefined): string => (s && /^\d+$/.test(s) ? s : '');
  const single = digitsOnly(d.code);
  if (single && [3, 5, 7].includes(single.length)) return single;
  const lei = digitsOnly(d.lei);
  const kuan = digitsOnly(d.kuan);
  const xiang = digitsOnly(d.xiang);
  // An extractor may put the whole code in the 类 cell.
  if (lei.length === 5 || lei.length === 7) return lei;
  if (!lei && !kuan && !xiang) return null;
  if (xiang && !kuan && !lei && lastKuan) return lastKuan + xiang.padStart(2, '0');
  const base = lei || (kuan ? lastLei : null);
  if (!base || base.length !== 3) return null;
  if (!kuan) return xiang ? null : base;
  const k = base + kuan.padStart(2, '0');
  return xiang ? k + xiang.padStart(2, '0') : k;
}

function pagesOf(block: TableBlock): number[] {
  if (block.page === null) return [];
  const end = block.pageEnd ?? block.page;
  return Array.from({ length: end - block.page + 1 }, (_, i) => block.page! + i);
}

function mergePages(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

/** A reading problem of a table: a parse warning at the table's first page and box, not a finding. */
function readingProblem(code: 'table-unit-missing' | 'table-columns-unrecognised', message: string, table: RecognisedTable, block: { readonly bbox?: TableBlock['bbox'] }): ParseWarning {
  return { code, message, page: table.pages[0] ?? null, box: block.bbox ?? null };
}
