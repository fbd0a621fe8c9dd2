import { maxOf, minOf } from '@budget-ingest/doc-model';
import { joinPieces, normalizeText, squeezeSpaces } from './text-join.ts';
import type { TextLine, TextRun } from './types.ts';

/**
 * Groups runs into lines: runs whose vertical middles are within half a glyph
 * of each other share a line; each line reads left to right. Sorting first
 * keeps this O(n log n). Runs drawn twice at the same place (fake bold) are
 * kept once.
 */
export function toLines(runs: readonly TextRun[]): TextLine[] {
  const sorted = runs.filter((r) => r.horizontal).sort((a, b) => mid(a) - mid(b) || a.x0 - b.x0);
  const groups: TextRun[][] = [];
  let current: TextRun[] = [];
  let lineMid = 0;
  let lineSize = 0;
  for (const run of sorted) {
    if (current.length > 0 && Math.abs(mid(run) - lineMid) <= Math.min(lineSize, run.size) * 0.45) {
      current.push(run);
      continue;
    }
    if (current.length > 0) groups.push(current);
    current = [run];
    lineMid = mid(run);
    lineSize = run.size;
  }
  if (current.length > 0) groups.push(current);
  const lines = groups.map(toLine);
  // Vertical runs (rotated labels) become one line each, in reading order.
  for (const run of runs) if (!run.horizontal) lines.push(toLine([run]));
  return lines.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

function mid(r: { y0: number; y1: number }): number {
  return (r.y0 + r.y1) / 2;
}

const WIDE_GAP = 1.5;

/** One line from runs on the same baseline. */
export function toLine(runs: readonly TextRun[]): TextLine {
  const ordered = [...runs].sort((a, b) => a.x0 - b.x0);
  const kept: TextRun[] = [];
  for (const run of ordered) {
    const prev = kept[kept.length - 1];
    if (prev && prev.text === run.text && Math.abs(prev.x0 - run.x0) < run.size * 0.3) continue;
    kept.push(run);
  }
  // Pieces far apart on one line (form fields, columns) keep one space between them.
  const pieces: string[] = [];
  let text = '';
  let prev: TextRun | undefined;
  for (const run of kept) {
    const piece = normalizeText(run.text);
    const gap = prev === undefined ? 0 : run.x0 - prev.x1;
    const size = prev === undefined ? run.size : Math.min(prev.size, run.size);
    if (gap > WIDE_GAP * size) {
      pieces.push(squeezeSpaces(text));
      text = piece;
    } else text = joinPieces(text, piece, gap > size * 0.2);
    prev = run;
  }
  pieces.push(squeezeSpaces(text));
  return {
    text: pieces.filter((p) => p !== '').join(' '),
    x0: minOf(kept.map((r) => r.x0)),
    y0: minOf(kept.map((r) => r.y0)),
    x1: maxOf(kept.map((r) => r.x1)),
    y1: maxOf(kept.map((r) => r.y1)),
    size: median(kept.map((r) => r.size)),
    runs: kept,
  };
}

/** Splits a line where the runs leave a wide gap (columns of a table without rulings). */
export function splitAtGaps(line: TextLine, gapInSizes = 1.5): TextLine[] {
  const parts: TextRun[][] = [];
  let cur: TextRun[] = [];
  for (const run of line.runs) {
    const prev = cur[cur.length - 1];
    if (prev && run.x0 - prev.x1 > gapInSizes * Math.max(prev.size, run.size)) {
      parts.push(cur);
      cur = [];
    }
    cur.push(run);
  }
  if (cur.length > 0) parts.push(cur);
  return parts.length <= 1 ? [line] : parts.map(toLine);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
