/**
 * A sheet as rows of cells with merges: pure, independent of the spreadsheet
 * library. Empty rows and columns around the data are dropped; a merge keeps
 * its top-left text and becomes rowspan/colspan.
 */
export interface SheetCellSource {
  /** 1-based, as spreadsheets count. */
  text(row: number, col: number): string;
}

export interface MergeRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface GridCell {
  readonly text: string;
  readonly rowspan: number;
  readonly colspan: number;
}

/** "B3:C5" → { top: 3, left: 2, bottom: 5, right: 3 }; null when not a range. */
export function parseRange(ref: string): MergeRange | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return null;
  const a = { col: colNumber(m[1]!), row: Number(m[2]) };
  const b = m[3] ? { col: colNumber(m[3]), row: Number(m[4]) } : a;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

function colNumber(letters: string): number {
  return letters.toUpperCase().split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

export function toSheetRows(source: SheetCellSource, rowCount: number, colCount: number, merges: readonly MergeRange[]): GridCell[][] {
  const texts: string[][] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row: string[] = [];
    for (let c = 1; c <= colCount; c++) row.push(source.text(r, c));
    texts.push(row);
  }
  // Bounds of the data: rows and columns holding any text.
  let top = Infinity;
  let bottom = 0;
  let left = Infinity;
  let right = 0;
  texts.forEach((row, r) =>
    row.forEach((t, c) => {
      if (t === '') return;
      top = Math.min(top, r + 1);
      bottom = Math.max(bottom, r + 1);
      left = Math.min(left, c + 1);
      right = Math.max(right, c + 1);
    }),
  );
  if (bottom === 0) return [];
  const covered = new Map<string, MergeRange | 'hidden'>();
  for (const m of merges) {
    const clipped = { top: Math.max(m.top, top), left: Math.max(m.left, left), bottom: Math.min(m.bottom, bottom), right: Math.min(m.right, right) };
    if (clipped.top > clipped.bottom || clipped.left > clipped.right) continue;
    for (let r = clipped.top; r <= clipped.bottom; r++) for (let c = clipped.left; c <= clipped.right; c++) covered.set(`${r}:${c}`, 'hidden');
    covered.set(`${clipped.top}:${clipped.left}`, clipped);
  }
  const rows: GridCell[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row: GridCell[] = [];
    for (let c = left; c <= right; c++) {
      const merge = covered.get(`${r}:${c}`);
      if (merge === 'hidden') continue;
      const text = texts[r - 1]![c - 1]!;
      row.push(merge ? { text, rowspan: merge.bottom - merge.top + 1, colspan: merge.right - merge.left + 1 } : { text, rowspan: 1, colspan: 1 });
    }
    rows.push(row);
  }
  return rows;
}
