/**
 * Indicators: every row of a performance indicator table, whatever its
 * column layout. The header row is found by its column names
 * (genre/indicator-columns.ts: 一级指标 二级指标 三级指标 指标性质
 * 指标值 度量单位 实际完成值 分值 得分 偏差原因 …, in any order); merged label
 * cells are filled down, an empty label cell of its own stays empty; template
 * placeholder rows (……, 无, a bare 指标1:) are left out; a row broken across a
 * page break is joined; the 总分 row gives the score (its 得分 cell: blank is
 * null, never the 分值) and the rating printed in or beside it. A table
 * without a header that continues the previous indicator table (same width)
 * is read with that table's columns.
 */
import { parseAmountCell, scoreSuffixAt } from './figures/index.ts';
import { maxOf, pushAll, toCompactText, toGrid, type Block, type GridPosition, type TableBlock, type TableCell } from '@budget-ingest/doc-model';
import { BLANK_NOTE, PLACEHOLDER_INDICATORS, RATING_LABELS, RATING_WORDS, TOTAL_ROW_LABELS } from './form-vocabulary.ts';
import { readIndicatorCell } from './indicator-cell.ts';
import type { SkippedRow } from './trace.ts';
import type { Indicator } from './types.ts';
import { indicatorColumnRole, SUB_HEADER_ROLES, type IndicatorRole } from './genre/indicator-columns.ts';

type Roles = Map<IndicatorRole, number>;

export interface IndicatorTables {
  readonly indicators: Indicator[];
  /** The 总分 row's 得分, if a table printed one (null when it is blank). */
  readonly totalScore: string | null;
  /** A rating printed in the 总分 row or in a row beside it. */
  readonly rating: string | null;
}

/** A cell's text as printed, without white space (names keep their full-width punctuation). */
function clean(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The form used for matching vocabulary: NFKC (（ → (, ： → :). */
function folded(text: string): string {
  return toCompactText(text);
}

/** True when a table row is an indicator table's header (一级/二级/三级指标 with a target or actual column). */
export function isIndicatorHeader(row: readonly string[]): boolean {
  return readHeader(row) !== null;
}

function readHeader(row: readonly string[]): Roles | null {
  const roles: Roles = new Map();
  row.forEach((cellText, c) => {
    const role = indicatorColumnRole(cellText);
    if (role !== null && !roles.has(role)) roles.set(role, c);
  });
  // A scoring table of a department as a whole prints no target or actual, only each indicator's 分值 and 得分.
  return roles.has('level3') && (roles.has('level1') || roles.has('level2')) && (roles.has('target') || roles.has('actual') || (roles.has('weight') && roles.has('score'))) ? roles : null;
}

/**
 * The roles of a header printed over two rows (the national template: 年度指标值
 * merged over 指标性质 | 指标值 | 度量单位, 实际完成值 over its value and 度量单位):
 * each column takes the role of its second-row cell when that cell is its own
 * (not merged down from the first row), refined by the first row's role above
 * it (SUB_HEADER_ROLES), else the first row's. Null when the second row is not
 * such a header (fewer than two cells of its own with a role).
 */
function subHeader(top: readonly GridPosition[], below: readonly GridPosition[]): Roles | null {
  const own = below.map((p, c) => (p.origin && p.cell !== top[c]!.cell ? indicatorColumnRole(p.cell.text) : null));
  if (own.filter((r) => r !== null).length < 2) return null;
  const roles: Roles = new Map();
  top.forEach((p, c) => {
    const above = indicatorColumnRole(p.cell.text);
    const role = own[c] === null ? above : above === null ? own[c]! : (SUB_HEADER_ROLES[above]?.[own[c]!] ?? own[c]!);
    if (role !== null && !roles.has(role)) roles.set(role, c);
  });
  return roles.has('level3') && (roles.has('target') || roles.has('actual')) ? roles : null;
}

/** A level's name without the score printed after it ("产出指标(40分)" → 产出指标). */
function levelName(text: string): string | null {
  const name = clean(text);
  const t = name.slice(0, scoreSuffixAt(name) ?? name.length);
  return t === '' ? null : t;
}

function numberCell(text: string): string | null {
  // A weight or score ("10分", "9.50"): the plain number, without trailing zeros.
  return parseAmountCell(folded(text).replace(/分$/, ''), 'yuan')?.value.toFixed() ?? null;
}

export function isPlaceholder(text: string): boolean {
  const t = folded(text);
  return PLACEHOLDER_INDICATORS.some((re) => re.test(t));
}

/** `skipped` (explain) hears of each row passed over as a placeholder or a heading. */
export function readIndicatorTables(blocks: readonly Block[], skipped?: SkippedRow): IndicatorTables {
  const indicators: Indicator[] = [];
  let totalScore: string | null = null;
  let rating: string | null = null;
  let carried: { roles: Roles; width: number; last: LastLabels } | null = null;
  for (const block of blocks) {
    if (block.kind !== 'table') continue;
    const grid = toGrid(block);
    const width = grid[0]?.length ?? 0;
    let roles: Roles | null = null;
    let start = 0;
    for (let r = 0; r < grid.length; r++) {
      const header = readHeader(grid[r]!.map((p) => p.cell.text));
      if (header) {
        const sub = grid[r + 1] ? subHeader(grid[r]!, grid[r + 1]!) : null;
        roles = sub ?? header;
        start = r + (sub ? 2 : 1);
        break;
      }
    }
    // A continuation keeps the labels the previous table left open (merged over the page break).
    const last: LastLabels = roles === null && carried !== null && carried.width === width ? carried.last : {};
    if (roles === null && carried !== null && carried.width === width) roles = carried.roles;
    if (roles === null) {
      carried = null;
      continue;
    }
    carried = { roles, width, last };
    const read = readRows(block, grid, roles, start, last, skipped);
    pushAll(indicators, read.indicators);
    if (read.total) totalScore = read.totalScore;
    rating = read.rating ?? rating;
  }
  return { indicators, totalScore, rating };
}

type LastLabels = Partial<Record<'level1' | 'level2', string | null>>;
type Row = readonly GridPosition[];

/** The page a row is printed on: its own cells' (a cell merged from above may start a page earlier). */
function rowPage(row: Row): number | null {
  const pages = row.filter((p) => p.origin && p.cell.page !== null).map((p) => p.cell.page!);
  return pages.length === 0 ? null : maxOf(pages);
}

/** The texts of the rows, with a row broken across a page break joined to the row above it. */
function joinBrokenRows(grid: readonly Row[], roles: Roles, start: number): { rows: Row[]; joined: Map<TableCell, string> } {
  const rows: Row[] = [];
  const joined = new Map<TableCell, string>();
  const figureRoles: IndicatorRole[] = ['target', 'actual', 'weight', 'score'];
  for (let r = start; r < grid.length; r++) {
    const row = grid[r]!;
    const prev = rows.at(-1);
    const level3 = roles.get('level3')!;
    const figures = figureRoles.some((role) => roles.has(role) && clean(row[roles.get(role)!]!.cell.text) !== '');
    const brokenHere = prev !== undefined && !figures && row[level3]!.origin && clean(row[level3]!.cell.text) !== '' && !isPlaceholder(row[level3]!.cell.text) && rowPage(prev) !== null && rowPage(row) !== null && rowPage(row)! > rowPage(prev)!;
    if (!brokenHere) {
      rows.push(row);
      continue;
    }
    // The cells this row starts continue the cells of the row above: one text each.
    row.forEach((pos, c) => {
      const above = prev[c]!.cell;
      if (!pos.origin || pos.cell === above) return;
      const text = (joined.get(above) ?? clean(above.text)) + clean(pos.cell.text);
      joined.set(above, text);
      joined.set(pos.cell, text);
    });
  }
  return { rows, joined };
}

interface RowsRead {
  readonly indicators: Indicator[];
  readonly total: boolean;
  readonly totalScore: string | null;
  readonly rating: string | null;
}

function readRows(block: TableBlock, grid: readonly Row[], roles: Roles, start: number, last: LastLabels, skipped?: SkippedRow): RowsRead {
  const indicators: Indicator[] = [];
  let total = false;
  let totalScore: string | null = null;
  let rating: string | null = null;
  const { rows, joined } = joinBrokenRows(grid, roles, start);
  const text = (pos: GridPosition | undefined): string => (pos === undefined ? '' : (joined.get(pos.cell) ?? clean(pos.cell.text)));
  const at = (row: Row, role: IndicatorRole): string => {
    const c = roles.get(role);
    return c === undefined ? '' : text(row[c]);
  };
  const seen = new Set<'level1' | 'level2'>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const texts = row.map(text);
    if (readHeader(row.map((p) => p.cell.text))) continue;
    if (total) {
      rating ??= ratingIn(texts);
      continue;
    }
    if (texts.some((t) => TOTAL_ROW_LABELS.test(t.normalize('NFKC')))) {
      total = true;
      const scoreCol = roles.get('score');
      totalScore = scoreCol !== undefined ? numberCell(text(row[scoreCol])) : null;
      rating = ratingIn(texts);
      continue;
    }
    const level3 = at(row, 'level3');
    if (isPlaceholder(level3) || /^三级指标/.test(level3)) {
      skipped?.({ block: block.index, row: grid.indexOf(row) }, level3, isPlaceholder(level3) ? 'placeholder-row' : 'heading-row');
      continue;
    }
    // A label cell merged over several rows is filled down; an empty cell of its own stays empty.
    const fill = (role: 'level1' | 'level2'): string | null => {
      const c = roles.get(role);
      if (c === undefined) return null;
      const pos = row[c]!;
      const name = levelName(text(pos));
      // Before the table's first label, an empty cell continues a label the previous page left open.
      if (name === null && (!pos.origin || !seen.has(role))) return last[role] ?? null;
      seen.add(role);
      last[role] = name;
      return name;
    };
    const level1 = fill('level1');
    const level2 = fill('level2');
    if (level3 === level2 || level3 === level1) {
      skipped?.({ block: block.index, row: grid.indexOf(row) }, level3, 'heading-row');
      continue;
    }
    const unit = roles.has('unit') ? at(row, 'unit') : null;
    const op = roles.has('op') ? at(row, 'op') : null;
    const note = at(row, 'note');
    indicators.push({
      level1,
      level2,
      level3,
      target: readIndicatorCell(at(row, 'target'), unit, op),
      actual: readIndicatorCell(at(row, 'actual'), roles.has('actual_unit') ? at(row, 'actual_unit') : unit),
      weight: roles.has('weight') ? numberCell(at(row, 'weight')) : null,
      score: roles.has('score') ? numberCell(at(row, 'score')) : null,
      note: BLANK_NOTE.test(note.normalize('NFKC')) || note === level3 ? null : note,
      page: row[roles.get('level3')!]?.cell.page ?? block.page,
      anchor: { block: block.index, row: grid.indexOf(row) },
    });
  }
  return { indicators, total, totalScore, rating };
}

/** A rating in a row's cells: a bare grade (优, 良好), or a grade after its label (等级:优). */
function ratingIn(texts: readonly string[]): string | null {
  for (const t of texts.map((x) => x.normalize('NFKC'))) {
    if (RATING_WORDS.test(t)) return t;
    const m = new RegExp(`${RATING_LABELS.source}[:为]?(.+)$`).exec(t);
    if (m && RATING_WORDS.test(m[2]!)) return m[2]!;
  }
  return null;
}
