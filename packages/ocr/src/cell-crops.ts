/**
 * The cells of a ruled form, cut out of the page image one by one: the engine
 * reads each cell as its own small block of text, so its page layout analysis
 * never runs a row across two columns or drops a column it took for a
 * picture, and every word falls into the cell it was printed in.
 */
import type { GrayImage } from './gray-image.ts';

export interface PixelBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** White margin around a cut-out cell: Tesseract finds text poorly that touches the image's edge. */
const PAD = 12;

export interface Crop {
  readonly image: GrayImage;
  /** Where the crop's pixel (0, 0) sits on the page image. */
  readonly offsetX: number;
  readonly offsetY: number;
}

/** A cell's inside (its borders left out) with a white margin; null when no ink is in it. */
export function cropCell(img: GrayImage, box: PixelBox, inset: number, darkThreshold: number): Crop | null {
  const x0 = Math.max(0, Math.round(box.x0 + inset));
  const y0 = Math.max(0, Math.round(box.y0 + inset));
  const x1 = Math.min(img.width, Math.round(box.x1 - inset));
  const y1 = Math.min(img.height, Math.round(box.y1 - inset));
  if (x1 - x0 < 4 || y1 - y0 < 4) return null;
  const w = x1 - x0 + 2 * PAD;
  const h = y1 - y0 + 2 * PAD;
  const data = new Uint8Array(w * h).fill(255);
  let ink = 0;
  for (let y = y0; y < y1; y++) {
    const row = img.data.subarray(y * img.width + x0, y * img.width + x1);
    data.set(row, (y - y0 + PAD) * w + PAD);
    for (const v of row) if (v < darkThreshold) ink++;
  }
  if (ink < 6) return null;
  return { image: { width: w, height: h, data }, offsetX: x0 - PAD, offsetY: y0 - PAD };
}

/** The image with the given boxes painted white (the tables, read cell by cell, left out of the page's own reading). */
export function blankBoxes(img: GrayImage, boxes: readonly PixelBox[]): GrayImage {
  const data = img.data.slice();
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b.x0));
    const x1 = Math.min(img.width, Math.ceil(b.x1));
    for (let y = Math.max(0, Math.floor(b.y0)); y < Math.min(img.height, Math.ceil(b.y1)); y++) data.fill(255, y * img.width + x0, y * img.width + x1);
  }
  return { width: img.width, height: img.height, data };
}

export function hasInk(img: GrayImage, darkThreshold: number): boolean {
  let ink = 0;
  for (const v of img.data) if (v < darkThreshold && ++ink > 50) return true;
  return false;
}
