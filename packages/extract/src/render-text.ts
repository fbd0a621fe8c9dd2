import stringWidth from 'string-width';
import { maxOf, toGrid, type Block, type DocumentModel, type TableBlock, type TableCell } from '@budget-ingest/doc-model';

/** Widest a table column gets before its text wraps, in terminal columns (a CJK character takes two). */
export const MAX_CELL_WIDTH = 24;

/**
 * The document model as a person reads it in a terminal (`extract --format
 * text`): page markers, headings with their numbering, paragraphs, and tables
 * drawn as box-drawing grids in which a merged cell is one box spanning its
 * rows and columns. Widths count CJK characters as two columns.
 */
export function renderModelText(model: Pick<DocumentModel, 'blocks' | 'format' | 'pageCount' | 'warnings'> & { readonly pages?: DocumentModel['pages'] }): string {
  const out: string[] = [];
  let page: number | null = null;
  const ocrOf = new Map((model.pages ?? []).flatMap((p) => (p.ocr ? [[p.number, p.ocr] as const] : [])));
  for (const block of model.blocks) {
    if (block.page !== null && block.page !== page) {
      page = block.page;
      const ocr = ocrOf.get(page);
      // A page read by OCR says so, with the engine's confidence: its text is a reading of an image.
      const how = ocr ? ` · OCR ${ocr.engine}, confidence ${ocr.confidence.toFixed(2)}${ocr.skewDegrees !== 0 ? `, deskewed ${ocr.skewDegrees}°` : ''}` : '';
      out.push(`──── page ${page}${model.pageCount ? ` / ${model.pageCount}` : ''}${how} ────`);
    }
    out.push(renderBlock(block));
  }
  for (const w of model.warnings) out.push(`! ${w.code}${w.page ? ` (page ${w.page})` : ''}: ${w.message}`);
  return `${out.join('\n\n')}\n`;
}

export function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(Math.min(6, block.level ?? 1))} ${block.numbering ? `[${block.numbering}] ` : ''}${block.text}`;
    case 'paragraph':
      return block.text;
    case 'table': {
      const title = [block.ocr ? `OCR confidence ${(block.confidence ?? 0).toFixed(2)}` : null, block.sheet ? `sheet ${block.sheet}` : null, block.caption ? `caption: ${block.caption}` : null, block.pageEnd && block.pageEnd !== block.page ? `pages ${block.page}–${block.pageEnd}` : null].filter(Boolean).join(' · ');
      return `${title ? `[table · ${title}]\n` : '[table]\n'}${renderTable(block)}`;
    }
  }
}

const UP = 1;
const DOWN = 2;
const LEFT = 4;
const RIGHT = 8;
const BOX: Record<number, string> = {
  [LEFT]: '─', [RIGHT]: '─', [LEFT | RIGHT]: '─', [UP]: '│', [DOWN]: '│', [UP | DOWN]: '│',
  [DOWN | RIGHT]: '┌', [DOWN | LEFT]: '┐', [UP | RIGHT]: '└', [UP | LEFT]: '┘',
  [UP | DOWN | RIGHT]: '├', [UP | DOWN | LEFT]: '┤', [DOWN | LEFT | RIGHT]: '┬', [UP | LEFT | RIGHT]: '┴', [UP | DOWN | LEFT | RIGHT]: '┼',
};

interface Placed {
  readonly cell: TableCell;
  readonly row: number;
  readonly col: number;
  readonly rowspan: number;
  readonly colspan: number;
}

/** Draws a table as a grid; merged cells are single boxes. */
export function renderTable(table: Pick<TableBlock, 'rows'>): string {
  const grid = toGrid(table);
  const rowCount = grid.length;
  const colCount = grid[0]?.length ?? 0;
  if (rowCount === 0 || colCount === 0) return '(empty table)';
  const placed = placeCells(grid);

  // Column widths: single-column cells first, then widen the last column a spanning cell covers.
  const widths = Array.from({ length: colCount }, () => 1);
  const textWidth = (c: TableCell): number => Math.min(MAX_CELL_WIDTH, Math.max(1, maxOf(c.text.split('\n').map((l) => stringWidth(l)))));
  for (const p of placed) if (p.colspan === 1) widths[p.col] = Math.max(widths[p.col]!, textWidth(p.cell));
  for (const p of placed) {
    if (p.colspan === 1) continue;
    const have = spanWidth(widths, p.col, p.colspan);
    const need = textWidth(p.cell);
    if (need > have) widths[p.col + p.colspan - 1]! += need - have;
  }
  const lines = new Map<Placed, string[]>(placed.map((p) => [p, wrap(p.cell.text, spanWidth(widths, p.col, p.colspan))]));

  // Row heights, the same way.
  const heights = Array.from({ length: rowCount }, () => 1);
  for (const p of placed) if (p.rowspan === 1) heights[p.row] = Math.max(heights[p.row]!, lines.get(p)!.length);
  for (const p of placed) {
    if (p.rowspan === 1) continue;
    const have = heights.slice(p.row, p.row + p.rowspan).reduce((a, b) => a + b, 0) + p.rowspan - 1;
    const need = lines.get(p)!.length;
    if (need > have) heights[p.row + p.rowspan - 1]! += need - have;
  }

  const xs = [0];
  for (const w of widths) xs.push(xs.at(-1)! + w + 3);
  const ys = [0];
  for (const h of heights) ys.push(ys.at(-1)! + h + 1);
  const canvasWidth = xs.at(-1)! + 1;
  const canvasHeight = ys.at(-1)! + 1;
  const masks = Array.from({ length: canvasHeight }, () => new Array<number>(canvasWidth).fill(0));
  const chars = Array.from({ length: canvasHeight }, () => new Array<string>(canvasWidth).fill(' '));

  for (const p of placed) {
    const x0 = xs[p.col]!;
    const x1 = xs[p.col + p.colspan]!;
    const y0 = ys[p.row]!;
    const y1 = ys[p.row + p.rowspan]!;
    for (const y of [y0, y1]) {
      for (let x = x0; x < x1; x++) {
        masks[y]![x]! |= RIGHT;
        masks[y]![x + 1]! |= LEFT;
      }
    }
    for (const x of [x0, x1]) {
      for (let y = y0; y < y1; y++) {
        masks[y]![x]! |= DOWN;
        masks[y + 1]![x]! |= UP;
      }
    }
    lines.get(p)!.forEach((line, i) => {
      let x = x0 + 2;
      for (const ch of line) {
        const w = stringWidth(ch);
        if (w === 0) continue;
        chars[y0 + 1 + i]![x] = ch;
        for (let k = 1; k < w; k++) chars[y0 + 1 + i]![x + k] = '';
        x += w;
      }
    });
  }
  return masks
    .map((row, y) => row.map((m, x) => (m !== 0 ? BOX[m]! : chars[y]![x]!)).join('').trimEnd())
    .join('\n');
}

function placeCells(grid: ReturnType<typeof toGrid>): Placed[] {
  const out: Placed[] = [];
  const seen = new Set<TableCell>();
  grid.forEach((row, r) =>
    row.forEach((pos, c) => {
      if (!pos.origin || seen.has(pos.cell)) {
        // Padding cells (rows shorter than the widest) are shared objects: give each position its own box.
        if (pos.origin && pos.cell.text === '' && pos.cell.rowspan === 1 && pos.cell.colspan === 1) out.push({ cell: pos.cell, row: r, col: c, rowspan: 1, colspan: 1 });
        return;
      }
      seen.add(pos.cell);
      // Spans are clipped to the grid (a rowspan can claim rows the table does not have).
      out.push({ cell: pos.cell, row: r, col: c, rowspan: Math.max(1, Math.min(pos.cell.rowspan, grid.length - r)), colspan: Math.max(1, Math.min(pos.cell.colspan, row.length - c)) });
    }),
  );
  return out;
}

function spanWidth(widths: readonly number[], col: number, span: number): number {
  return widths.slice(col, col + span).reduce((a, b) => a + b, 0) + 3 * (span - 1);
}

/** Breaks text into lines no wider than `width` columns (CJK text breaks anywhere). */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let w = 0;
    for (const ch of para) {
      const cw = stringWidth(ch);
      if (w + cw > width && line !== '') {
        out.push(line);
        line = '';
        w = 0;
      }
      line += ch;
      w += cw;
    }
    out.push(line);
  }
  return out.length > 0 ? out : [''];
}
