import { describe, expect, it } from 'vitest';
import { splitAtGaps, toLines } from './lines.ts';
import { run } from './test-helpers.ts';

describe('toLines', () => {
  it('puts runs on the same baseline into one line read left to right', () => {
    const lines = toLines([run('万元', 150, 100.5), run('3688.59 ', 100, 100), run('下一行', 100, 120)]);
    expect(lines.map((l) => l.text)).toEqual(['3688.59万元', '下一行']);
  });

  it('keeps a run drawn twice at the same place (fake bold) once', () => {
    const lines = toLines([run('标题', 100, 100), run('标题', 100.4, 100)]);
    expect(lines.map((l) => l.text)).toEqual(['标题']);
  });

  it('keeps one space between pieces far apart on a line', () => {
    const lines = toLines([run('填表人:陈娟', 100, 100), run('填报日期:', 300, 100)]);
    expect(lines[0]?.text).toBe('填表人:陈娟 填报日期:');
  });

  it('orders lines from top to bottom whatever order the runs came in', () => {
    const lines = toLines([run('三', 100, 140), run('一', 100, 100), run('二', 100, 120)]);
    expect(lines.map((l) => l.text)).toEqual(['一', '二', '三']);
  });
});

describe('splitAtGaps', () => {
  it('splits a line where the runs leave a wide gap', () => {
    const [l] = toLines([run('项目', 100, 100), run('金额', 300, 100), run('合计', 400, 100)]);
    expect(splitAtGaps(l!).map((p) => p.text)).toEqual(['项目', '金额', '合计']);
  });
});
