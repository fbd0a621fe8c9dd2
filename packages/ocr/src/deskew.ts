/**
 * A scan fed in at a slight angle: its angle is found from the text lines
 * and rulings themselves (the angle at which the edges of the horizontal
 * bands of ink are sharpest), then the image is turned back, so that rows of
 * text and ruling lines run level for the ruling finder and the engine.
 */
import type { GrayImage } from './gray-image.ts';

export interface DeskewSettings {
  /** Largest skew looked for, in degrees either way. */
  readonly maxDegrees: number;
  /** Gray value below which a pixel counts as ink. */
  readonly darkThreshold: number;
}

/** The skew of the page in degrees (positive: its lines fall to the right), to a tenth of a degree. */
export function findSkew(img: GrayImage, s: DeskewSettings): number {
  // Ink positions on a reduced grid: four times fewer rows and columns keep the angle to well under 0.1°.
  const step = 4;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < img.height; y += step) {
    const row = y * img.width;
    for (let x = 0; x < img.width; x += step) {
      if (img.data[row + x]! >= s.darkThreshold) continue;
      xs.push(x);
      ys.push(y);
    }
  }
  if (xs.length < 50) return 0;
  const sharpness = (deg: number): number => {
    const t = Math.tan((deg * Math.PI) / 180);
    const bins = new Float64Array(Math.ceil(img.height / step) + Math.ceil((img.width * Math.abs(t)) / step) + 4);
    const offset = t < 0 ? Math.ceil((img.width * -t) / step) + 1 : 1;
    for (let k = 0; k < xs.length; k++) bins[Math.round((ys[k]! - xs[k]! * t) / step) + offset]! += 1;
    // Postl's measure: the energy of the profile's steps, sharpest where the edges of lines and rulings fall in one bin.
    let sum = 0;
    for (let i = 1; i < bins.length; i++) sum += (bins[i]! - bins[i - 1]!) ** 2;
    return sum;
  };
  let best = 0;
  let bestScore = sharpness(0);
  for (let d = -s.maxDegrees; d <= s.maxDegrees + 1e-9; d += 0.25) {
    const sc = sharpness(d);
    if (sc > bestScore) {
      best = d;
      bestScore = sc;
    }
  }
  const coarse = best;
  for (let d = coarse - 0.2; d <= coarse + 0.2 + 1e-9; d += 0.05) {
    const sc = sharpness(d);
    if (sc > bestScore) {
      best = d;
      bestScore = sc;
    }
  }
  return Math.round(best * 100) / 100;
}

/** The image turned by `degrees` about its centre (bilinear), white where nothing was. */
export function rotate(img: GrayImage, degrees: number): GrayImage {
  if (degrees === 0) return img;
  const { width: w, height: h, data } = img;
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = w / 2;
  const cy = h / 2;
  const out = new Uint8Array(w * h).fill(255);
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      // Source of this pixel: the inverse turn.
      const sx = cos * dx - sin * dy + cx;
      const sy = sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const p = y0 * w + x0;
      const top = data[p]! * (1 - fx) + data[p + 1]! * fx;
      const bottom = data[p + w]! * (1 - fx) + data[p + w + 1]! * fx;
      out[y * w + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return { width: w, height: h, data: out };
}
