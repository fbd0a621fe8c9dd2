/**
 * Ruling lines of a scanned form, from runs of ink: a ruled government form
 * prints its grid as thin straight lines, which in the image are long runs of
 * dark pixels along a row (or a column) a few pixels thick. Text never makes
 * such runs, a filled area (a photo, a seal's solid fill) is too thick to
 * pass, and a short vertical run counts only where it meets horizontal lines
 * at both ends (the divider of a merged cell), not inside a character.
 */
import type { GrayImage } from './gray-image.ts';

export interface RulingSettings {
  /** Gray value below which a pixel counts as ink. */
  readonly darkThreshold: number;
  /** Shortest horizontal ruling, in points (a narrow column is still wider). */
  readonly minHorizontalPt: number;
  /** Shortest vertical ruling that stands alone, in points; shorter ones must join horizontals at both ends. */
  readonly minVerticalPt: number;
  /** Shortest vertical piece between two horizontals (one row of a table), in points. */
  readonly minJoinedVerticalPt: number;
  /** Thickest line, in points; anything thicker is a filled area. */
  readonly maxThicknessPt: number;
  /** Ink gaps along a horizontal line that are bridged (a broken scan line), in points: small, or bold characters side by side would join. */
  readonly gapPt: number;
  /** The same along a vertical line: a thin line at a slant breaks up more, and no text runs down a page. */
  readonly verticalGapPt: number;
  /** Gray value below which a pixel counts as a ruling's ink: higher than for text, a 0.5 pt line is light once scanned. */
  readonly rulingThreshold: number;
}

/** A ruling in image pixels: horizontal when y0 === y1 after thinning, vertical when x0 === x1. */
export interface PixelSegment {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  /** Pixel thickness across the line (for erasing it). */
  readonly thickness: number;
}

export interface Rulings {
  readonly horizontal: readonly PixelSegment[];
  readonly vertical: readonly PixelSegment[];
}

/** Finds the horizontal and vertical rulings of a (deskewed) page image rendered at `dpi`. */
export function findRulings(img: GrayImage, dpi: number, s: RulingSettings): Rulings {
  const px = (pt: number) => Math.max(1, Math.round((pt * dpi) / 72));
  const maxThick = px(s.maxThicknessPt);
  const gap = px(s.gapPt);
  const horizontal = linesAlong(img, 'h', px(s.minHorizontalPt), maxThick, gap, s.rulingThreshold);
  const verticalAll = linesAlong(img, 'v', px(s.minJoinedVerticalPt), maxThick, px(s.verticalGapPt), s.rulingThreshold);
  const reach = maxThick + px(s.verticalGapPt) + 2;
  const meets = (x: number, y: number) => horizontal.some((h) => Math.abs(h.y0 - y) <= reach && x >= h.x0 - reach && x <= h.x1 + reach);
  const vertical = verticalAll.filter((v) => v.y1 - v.y0 >= px(s.minVerticalPt) || (meets(v.x0, v.y0) && meets(v.x0, v.y1)));
  return { horizontal, vertical };
}

/**
 * Runs of ink at least `minLen` long along each row ('h') or column ('v'),
 * joined with the runs of neighbouring rows they overlap into one line,
 * kept when the joined line is at most `maxThick` thick.
 */
function linesAlong(img: GrayImage, dir: 'h' | 'v', minLen: number, maxThick: number, gap: number, threshold: number): PixelSegment[] {
  const { width: w, height: h, data } = img;
  const rows = dir === 'h' ? h : w;
  const len = dir === 'h' ? w : h;
  const at = dir === 'h' ? (r: number, i: number) => data[r * w + i]! : (r: number, i: number) => data[i * w + r]!;
  interface Open { a: number; b: number; first: number; last: number }
  let open: Open[] = [];
  const done: Open[] = [];
  for (let r = 0; r < rows; r++) {
    const runs: [number, number][] = [];
    let start = -1;
    let lastInk = -1;
    for (let i = 0; i <= len; i++) {
      const ink = i < len && at(r, i) < threshold;
      if (ink) {
        if (start === -1) start = i;
        else if (i - lastInk > gap + 1) {
          if (lastInk - start + 1 >= minLen) runs.push([start, lastInk]);
          start = i;
        }
        lastInk = i;
      }
      if (i === len && start !== -1 && lastInk - start + 1 >= minLen) runs.push([start, lastInk]);
    }
    const next: Open[] = [];
    for (const [a, b] of runs) {
      const o = open.find((q) => q.last === r - 1 && Math.min(q.b, b) - Math.max(q.a, a) > 0.5 * Math.min(q.b - q.a, b - a));
      if (o) {
        o.a = Math.min(o.a, a);
        o.b = Math.max(o.b, b);
        o.last = r;
        if (!next.includes(o)) next.push(o);
      } else next.push({ a, b, first: r, last: r });
    }
    for (const q of open) if (!next.includes(q)) done.push(q);
    open = next;
  }
  done.push(...open);
  return done
    .filter((q) => q.last - q.first + 1 <= maxThick)
    .map((q) => {
      const mid = Math.round((q.first + q.last) / 2);
      const thickness = q.last - q.first + 1;
      return dir === 'h' ? { x0: q.a, y0: mid, x1: q.b, y1: mid, thickness } : { x0: mid, y0: q.a, x1: mid, y1: q.b, thickness };
    });
}

/** A copy of the image with the rulings painted white, so the engine reads no "|" or "_" from the grid. */
export function eraseRulings(img: GrayImage, rulings: Rulings): GrayImage {
  const data = img.data.slice();
  const w = img.width;
  for (const s of rulings.horizontal) {
    const half = Math.ceil(s.thickness / 2) + 2;
    for (let y = Math.max(0, s.y0 - half); y <= Math.min(img.height - 1, s.y0 + half); y++) data.fill(255, y * w + s.x0, y * w + s.x1 + 1);
  }
  for (const s of rulings.vertical) {
    const half = Math.ceil(s.thickness / 2) + 2;
    for (let y = s.y0; y <= s.y1; y++) data.fill(255, y * w + Math.max(0, s.x0 - half), y * w + Math.min(w - 1, s.x0 + half) + 1);
  }
  return { width: img.width, height: img.height, data };
}
