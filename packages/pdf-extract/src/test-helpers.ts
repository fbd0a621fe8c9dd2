import type { TextLine, TextRun } from './types.ts';

/** A horizontal run whose glyphs are `size` wide (Han) or half that (others), top at `y`. */
export function run(text: string, x: number, y: number, size = 10): TextRun {
  const width = [...text].reduce((w, ch) => w + (/[\u2E80-\u9FFF\uFF00-\uFFEF]/u.test(ch) ? size : size / 2), 0);
  return { text, x0: x, y0: y, x1: x + width, y1: y + size, size, horizontal: true };
}

/** A line built from one run. */
export function line(text: string, x: number, y: number, size = 10): TextLine {
  const r = run(text, x, y, size);
  return { text, x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1, size, runs: [r] };
}
