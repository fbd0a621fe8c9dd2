import { describe, expect, it } from 'vitest';
import type { GrayImage } from './gray-image.ts';
import { eraseRulings, findRulings } from './rulings.ts';
import { IMAGE_SETTINGS } from './ocr-settings.ts';

/** A white page at 200 dpi with black rectangles drawn on it. */
function page(w: number, h: number, rects: readonly [number, number, number, number][]): GrayImage {
  const data = new Uint8Array(w * h).fill(255);
  for (const [x0, y0, x1, y1] of rects) for (let y = y0; y < y1; y++) data.fill(0, y * w + x0, y * w + x1);
  return { width: w, height: h, data };
}

describe('findRulings', () => {
  it('finds the lines of a ruled grid and nothing in the text or the filled box', () => {
    const grid: [number, number, number, number][] = [
      [100, 100, 900, 103], [100, 200, 900, 203], [100, 300, 900, 303], // three rows of lines, 3 px thick
      [100, 100, 103, 303], [500, 100, 503, 303], [897, 100, 900, 303], // three columns
      [520, 215, 524, 245], [540, 215, 560, 219], [600, 215, 640, 219], // strokes of characters in a cell
      [100, 500, 400, 600], // a filled area (a photo, a seal's fill)
    ];
    const r = findRulings(page(1000, 700, grid), 200, IMAGE_SETTINGS);
    expect(r.horizontal.map((s) => [s.x0, s.y0, s.x1])).toEqual([[100, 101, 899], [100, 201, 899], [100, 301, 899]]);
    expect(r.vertical.map((s) => [s.x0, s.y0, s.y1]).sort((a, b) => a[0]! - b[0]!)).toEqual([[101, 100, 302], [501, 100, 302], [898, 100, 302]]);
  });

  it('keeps a short divider of one row only where it meets horizontal lines at both ends (a merged cell beside it)', () => {
    const rows: [number, number, number, number][] = [[100, 100, 900, 102], [100, 150, 900, 152], [100, 400, 900, 402], [100, 100, 102, 402], [898, 100, 900, 402]];
    const divider: [number, number, number, number] = [500, 100, 502, 152];
    const stroke: [number, number, number, number] = [300, 200, 302, 250];
    const r = findRulings(page(1000, 500, [...rows, divider, stroke]), 200, IMAGE_SETTINGS);
    expect(r.vertical.some((s) => s.x0 === 501)).toBe(true);
    expect(r.vertical.some((s) => s.x0 === 301)).toBe(false);
  });

  it('paints the rulings white and leaves the text', () => {
    const img = page(1000, 400, [[100, 100, 900, 102], [100, 300, 900, 302], [100, 100, 102, 302], [898, 100, 900, 302], [300, 200, 320, 230]]);
    const clean = eraseRulings(img, findRulings(img, 200, IMAGE_SETTINGS));
    expect(clean.data[101 * 1000 + 500]).toBe(255);
    expect(clean.data[200 * 1000 + 101]).toBe(255);
    expect(clean.data[215 * 1000 + 310]).toBe(0);
  });
});
