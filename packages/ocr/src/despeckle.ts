/**
 * Speckle from the scanner glass or a photocopy: specks of ink far smaller
 * than any printed mark (a full stop at 10.5 pt is about 0.8 pt across) are
 * painted white, so the engine reads no stray "." or "'" from them. A speck is
 * a connected blob of ink pixels (8-neighbourhood) of at most `maxPixels`.
 */
import type { GrayImage } from './gray-image.ts';

export function despeckle(img: GrayImage, darkThreshold: number, maxPixels: number): GrayImage {
  const { width: w, height: h } = img;
  const data = img.data.slice();
  const seen = new Uint8Array(w * h);
  const stack: number[] = [];
  const blob: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (seen[start] || data[start]! >= darkThreshold) continue;
    blob.length = 0;
    stack.push(start);
    seen[start] = 1;
    let big = false;
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (!big) {
        blob.push(p);
        if (blob.length > maxPixels) big = true;
      }
      const x = p % w;
      const y = (p - x) / w;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const q = yy * w + xx;
          if (seen[q] || data[q]! >= darkThreshold) continue;
          seen[q] = 1;
          stack.push(q);
        }
      }
    }
    if (!big) for (const p of blob) data[p] = 255;
  }
  return { width: w, height: h, data };
}

/**
 * Light gray to paper white: what is left of a red seal once the red channel
 * is read (its ink is light there), the scanner's gray paper, the halo of
 * speckle after interpolation. Print stays: its strokes are far darker.
 */
export function whitenPaper(img: GrayImage, paperLevel: number): GrayImage {
  const data = img.data.slice();
  for (let i = 0; i < data.length; i++) if (data[i]! >= paperLevel) data[i] = 255;
  return { width: img.width, height: img.height, data };
}
