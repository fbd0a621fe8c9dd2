import { describe, expect, it } from 'vitest';
import { parseRange, toSheetRows } from './sheet-grid.ts';

const source = (rows: string[][]) => ({ text: (r: number, c: number) => rows[r - 1]?.[c - 1] ?? '' });

describe('parseRange', () => {
  it.each([
    ['A1:B2', { top: 1, left: 1, bottom: 2, right: 2 }],
    ['$C$3:$AA$10', { top: 3, left: 3, bottom: 10, right: 27 }],
    ['D4', { top: 4, left: 4, bottom: 4, right: 4 }],
  ])('reads %s', (ref, range) => {
    expect(parseRange(ref)).toEqual(range);
  });

  it('returns null for what is not a cell range', () => {
    expect(parseRange('Sheet1!')).toBeNull();
  });
});

describe('toSheetRows', () => {
  it('turns merges into rowspan and colspan and drops the cells they cover', () => {
    const rows = toSheetRows(source([['标题', '', ''], ['一级', 'a', 'b'], ['', 'c', 'd']]), 3, 3, [parseRange('A1:C1')!, parseRange('A2:A3')!]);
    expect(rows).toEqual([
      [{ text: '标题', rowspan: 1, colspan: 3 }],
      [{ text: '一级', rowspan: 2, colspan: 1 }, { text: 'a', rowspan: 1, colspan: 1 }, { text: 'b', rowspan: 1, colspan: 1 }],
      [{ text: 'c', rowspan: 1, colspan: 1 }, { text: 'd', rowspan: 1, colspan: 1 }],
    ]);
  });

  it('drops empty rows and columns around the data and clips merges to it', () => {
    const rows = toSheetRows(source([['', '', ''], ['', 'x', ''], ['', 'y', ''], ['', '', '']]), 4, 3, [parseRange('B3:C4')!]);
    expect(rows).toEqual([[{ text: 'x', rowspan: 1, colspan: 1 }], [{ text: 'y', rowspan: 1, colspan: 1 }]]);
  });

  it('returns no rows for a sheet without text', () => {
    expect(toSheetRows(source([['', '']]), 1, 2, [])).toEqual([]);
  });
});
