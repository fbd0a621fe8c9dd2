import { describe, expect, it } from 'vitest';
import { findBorderlessTables } from './borderless-tables.ts';
import { toLines } from './lines.ts';
import { run } from './test-helpers.ts';

const row = (y: number, cells: [string, number][]) => cells.map(([text, x]) => run(text, x, y));

describe('findBorderlessTables', () => {
  it('finds a table from pieces aligned in columns', () => {
    const lines = toLines([
      run('表一 收入情况', 100, 50),
      ...row(80, [['项目', 100], ['预算数', 250], ['决算数', 400]]),
      ...row(98, [['基本支出', 100], ['126.15', 250], ['126.15', 400]]),
      ...row(116, [['项目支出', 100], ['141.28', 250]]),
      ...row(134, [['合计', 100], ['267.43', 250], ['267.43', 400]]),
      run('表后的一段文字。', 100, 170),
    ]);
    const { tables, rest } = findBorderlessTables(lines, 4);
    expect(rest.map((l) => l.text)).toEqual(['表一收入情况', '表后的一段文字。']);
    expect(tables).toHaveLength(1);
    const t = tables[0]!;
    expect([t.nRows, t.nCols]).toEqual([4, 3]);
    expect(t.cells.filter((c) => c.row === 2).map((c) => c.text)).toEqual(['项目支出', '141.28', '']);
  });

  it('leaves ordinary paragraphs and two-column form lines as text', () => {
    const lines = toLines([
      run('这是一段普通的文字,没有列。', 100, 80),
      ...row(98, [['填表人:', 100], ['联系电话:', 300]]),
      ...row(116, [['单位负责人:', 100], ['日期:', 300]]),
      run('又一行文字。', 100, 134),
    ]);
    expect(findBorderlessTables(lines, 1).tables).toEqual([]);
  });
});
