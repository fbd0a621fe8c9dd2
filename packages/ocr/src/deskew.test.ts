import { describe, expect, it } from 'vitest';
import { findSkew, rotate } from './deskew.ts';
import type { GrayImage } from './gray-image.ts';
import { IMAGE_SETTINGS } from './ocr-settings.ts';

/** Lines of "text" (dashes of ink) across a page, falling by `degrees` to the right. */
function slanted(degrees: number): GrayImage {
  const w = 1200;
  const h = 1600;
  const data = new Uint8Array(w * h).fill(255);
  const t = Math.tan((degrees * Math.PI) / 180);
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let line = 150; line < 1450; line += 60) {
    // Characters of varying width and strokes, with gaps between them, as a line of print.
    for (let x = 100; x < 1100; ) {
      const width = 20 + Math.floor(rand() * 16);
      for (let k = x; k < x + width; k++) {
        const y = Math.round(line + (k - 600) * t);
        for (let dy = 0; dy < 22; dy++) if (rand() < 0.35) data[(y + dy) * w + k] = 0;
      }
      x += width + 3 + Math.floor(rand() * 6);
    }
  }
  return { width: w, height: h, data };
}

describe('findSkew', () => {
  it.each([0, 1.5, -1, 2])('finds a page fed in at %s° to a tenth of a degree', (deg) => {
    expect(Math.abs(findSkew(slanted(deg), IMAGE_SETTINGS) - deg)).toBeLessThanOrEqual(0.1);
  });

  it('levels the lines when the page is turned back by the skew it found', () => {
    const img = slanted(1.5);
    const level = rotate(img, findSkew(img, IMAGE_SETTINGS));
    expect(Math.abs(findSkew(level, IMAGE_SETTINGS))).toBeLessThanOrEqual(0.1);
  });
});
