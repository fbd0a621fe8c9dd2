import { describe, expect, it } from 'vitest';
import { cell } from './build.ts';
import { MAX_GRID_POSITIONS, toGrid, toTextGrid } from './grid.ts';
import { isExtractError } from './errors.ts';

describe('toGrid', () => {
  it('expands merges into a dense grid padded to the widest row', () => {
    const rows = [[cell('a', { rowspan: 2 }), cell('b', { colspan: 2 })], [cell('c')]];
    expect(toTextGrid({ rows })).toEqual([
      ['a', 'b', 'b'],
      ['a', 'c', ''],
    ]);
  });

  it('reads a table of 150 000 rows (no spread of its rows into one call)', () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => [cell(String(i)), cell('x')]);
    const grid = toGrid({ rows });
    expect(grid).toHaveLength(150_000);
    expect(grid[149_999]![0]!.cell.text).toBe('149999');
  });

  it('refuses a claimed span past MAX_GRID_POSITIONS as too-large before allocating it', () => {
    const started = performance.now();
    let err: unknown;
    try {
      toGrid({ rows: [[cell('x', { colspan: 2_147_483_647 })]] });
    } catch (e) {
      err = e;
    }
    expect(isExtractError(err) && err.code).toBe('too-large');
    expect(() => toGrid({ rows: [[cell('x', { rowspan: MAX_GRID_POSITIONS, colspan: 2 })]] })).toThrow(/grid positions/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
