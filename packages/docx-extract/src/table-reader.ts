import type { RawBlock, RawCell, RawTable } from './raw.ts';
import { attr, child, childElements, type XmlElement } from './xml.ts';

/**
 * A w:tbl as rows of cells with HTML merge semantics: w:gridSpan becomes
 * colspan; a w:vMerge run (restart, then continue cells below) becomes one
 * cell with rowspan, the continue cells dropped; w:gridBefore keeps the row's
 * cells in their grid columns.
 */
export function readTable(tbl: XmlElement, readCell: (tc: XmlElement) => RawBlock[]): RawTable {
  const rows: RawCell[][] = [];
  /** The cell that owns a grid column in the latest row, by its first column. */
  const owners = new Map<number, { cell: RawCell; col: number }>();
  for (const tr of rowsOf(tbl)) {
    const trPr = child(tr, 'w:trPr');
    const before = Number(attr(child(trPr, 'w:gridBefore'), 'w:val') ?? '0');
    const row: RawCell[] = [];
    let col = 0;
    if (before > 0) {
      row.push({ text: '', colspan: before, rowspan: 1 });
      col = before;
    }
    for (const tc of cellsOf(tr)) {
      const tcPr = child(tc, 'w:tcPr');
      const span = Math.max(1, Number(attr(child(tcPr, 'w:gridSpan'), 'w:val') ?? '1') || 1);
      const vMerge = child(tcPr, 'w:vMerge');
      const hMerge = child(tcPr, 'w:hMerge');
      const continues = vMerge !== undefined && attr(vMerge, 'w:val') !== 'restart';
      if (hMerge !== undefined && attr(hMerge, 'w:val') !== 'restart' && row.length > 0) {
        row[row.length - 1]!.colspan += span;
        col += span;
        continue;
      }
      const above = owners.get(col);
      if (continues && above && above.col === col) {
        above.cell.rowspan += 1;
        col += span;
        continue;
      }
      const cell: RawCell = { text: cellText(readCell(tc)), colspan: span, rowspan: 1 };
      row.push(cell);
      for (let c = col; c < col + span; c++) owners.delete(c);
      owners.set(col, { cell, col });
      col += span;
    }
    rows.push(row);
  }
  return { kind: 'table', rows };
}

/** Rows, also those wrapped in content controls or tracked insertions. */
function rowsOf(tbl: XmlElement): XmlElement[] {
  return childElements(tbl).flatMap((el) => (el.name === 'w:tr' ? [el] : ['w:sdt', 'w:sdtContent', 'w:customXml', 'w:ins'].includes(el.name) ? rowsOf(el) : []));
}

function cellsOf(tr: XmlElement): XmlElement[] {
  return childElements(tr).flatMap((el) => (el.name === 'w:tc' ? [el] : ['w:sdt', 'w:sdtContent', 'w:customXml', 'w:ins'].includes(el.name) ? cellsOf(el) : []));
}

/** A cell's paragraphs (with their Word numbers) one per line; a nested table's cells flattened row by row. */
function cellText(blocks: readonly RawBlock[]): string {
  return blocks
    .map((b) => (b.kind === 'paragraph' ? `${b.numberText ?? ''}${b.text}` : b.rows.map((r) => r.map((c) => c.text).join(' ')).join('\n')))
    .filter((t) => t.trim() !== '')
    .join('\n');
}
