import { describe, expect, it } from 'vitest';
import { dominantDirection, turnUpright } from './orientation.ts';
import type { Direction, DrawnPage, DrawnRun } from './types.ts';

const drawn = (text: string, direction: Direction | null, box: [number, number, number, number] = [0, 0, 10, 10]): DrawnRun => ({
  text,
  x0: box[0],
  y0: box[1],
  x1: box[2],
  y1: box[3],
  size: 10,
  direction,
});

const page = (runs: DrawnRun[], segments: DrawnPage['segments'] = []): DrawnPage => ({ number: 1, width: 600, height: 800, rotation: 0, runs, segments });

describe('dominantDirection', () => {
  it('keeps an upright page with a few sideways labels as it is', () => {
    expect(dominantDirection([drawn('部门整体支出绩效自评报告', 0), drawn('单位', 90), drawn('万元', 270)])).toBe(0);
  });

  it('picks the direction that carries more than half of the characters', () => {
    expect(dominantDirection([drawn('标题', 0), drawn('部门整体支出绩效自评报告', 180)])).toBe(180);
    expect(dominantDirection([drawn('部门整体支出绩效自评报告', 90), drawn('附件', 0)])).toBe(90);
  });

  it('stays upright when no direction has a majority (skewed text counts against turning)', () => {
    expect(dominantDirection([drawn('一二三四', 90), drawn('五六七八', 0), drawn('九十', null)])).toBe(0);
    expect(dominantDirection([drawn('一二三', 270), drawn('四五六七', null)])).toBe(0);
  });

  it('counts characters, not spaces', () => {
    expect(dominantDirection([drawn('a          b', 180), drawn('abc', 0)])).toBe(0);
  });
});

describe('turnUpright', () => {
  it('leaves an upright page untouched', () => {
    const out = turnUpright(page([drawn('正文', 0, [10, 20, 30, 30]), drawn('侧标', 90, [500, 100, 510, 120])]));
    expect(out).toMatchObject({ width: 600, height: 800, turn: 0 });
    expect(out.runs.map((r) => [r.x0, r.y0, r.horizontal])).toEqual([
      [10, 20, true],
      [500, 100, false],
    ]);
  });

  it('turns a page drawn upside down half a turn: the last line drawn becomes the first', () => {
    // As displayed, line 1 sits lower on the page than line 2 and reads right to left.
    const out = turnUpright(page([drawn('第一行', 180, [400, 700, 580, 712]), drawn('第二行', 180, [400, 680, 580, 692])], [{ x0: 100, y0: 50, x1: 500, y1: 50 }]));
    expect(out.turn).toBe(180);
    expect(out.runs.map((r) => [r.text, r.x0, r.y0, r.x1, r.y1, r.horizontal])).toEqual([
      ['第一行', 20, 88, 200, 100, true],
      ['第二行', 20, 108, 200, 120, true],
    ]);
    expect(out.segments).toEqual([{ x0: 100, y0: 750, x1: 500, y1: 750 }]);
  });

  it('turns text that runs down the page a quarter turn back, swapping width and height', () => {
    // Reading downwards, the first line is the rightmost column of glyphs.
    const out = turnUpright(page([drawn('第一行', 90, [580, 100, 592, 300]), drawn('第二行', 90, [560, 100, 572, 300])], [{ x0: 50, y0: 100, x1: 50, y1: 700 }]));
    expect(out).toMatchObject({ width: 800, height: 600, turn: 90 });
    expect(out.runs.map((r) => [r.text, r.x0, r.y0, r.x1, r.y1, r.horizontal])).toEqual([
      ['第一行', 100, 8, 300, 20, true],
      ['第二行', 100, 28, 300, 40, true],
    ]);
    expect(out.segments).toEqual([{ x0: 100, y0: 550, x1: 700, y1: 550 }]);
  });

  it('turns text that runs up the page a quarter turn the other way', () => {
    // Reading upwards, the first line is the leftmost column of glyphs.
    const out = turnUpright(page([drawn('第一行', 270, [8, 500, 20, 700]), drawn('第二行', 270, [28, 500, 40, 700])]));
    expect(out).toMatchObject({ width: 800, height: 600, turn: 270 });
    expect(out.runs.map((r) => [r.text, r.x0, r.y0, r.horizontal])).toEqual([
      ['第一行', 100, 8, true],
      ['第二行', 100, 28, true],
    ]);
  });
});
