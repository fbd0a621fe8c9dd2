import type { Direction, DrawnPage, DrawnRun, RawPage, Segment, TextRun } from './types.ts';

/**
 * Turns a page so that its text reads left to right. A page whose /Rotate
 * does not match how its content is drawn (an upright page marked 180°, a
 * landscape table printed sideways on a portrait page) otherwise comes out
 * with its lines in reverse or as one-run vertical fragments. The direction
 * that carries most of the page's characters wins; runs in other directions
 * (a rotated column label) stay as they are, marked not horizontal.
 */
export function turnUpright(page: DrawnPage): RawPage {
  const turn = dominantDirection(page.runs);
  const { width, height } = page;
  const map = pointMap(turn, width, height);
  const quarter = turn === 90 || turn === 270;
  return {
    number: page.number,
    width: quarter ? height : width,
    height: quarter ? width : height,
    rotation: page.rotation,
    turn,
    runs: page.runs.map((r) => turnRun(r, turn, map)),
    segments: page.segments.map((s) => boxOf(s, map) as Segment),
  };
}

/** The direction of most characters; 0 unless another direction clearly carries the page. */
export function dominantDirection(runs: readonly DrawnRun[]): Direction {
  const chars = new Map<Direction, number>();
  let total = 0;
  for (const r of runs) {
    const n = [...r.text.replace(/\s/gu, '')].length;
    total += n;
    if (r.direction !== null) chars.set(r.direction, (chars.get(r.direction) ?? 0) + n);
  }
  let best: Direction = 0;
  for (const [dir, n] of chars) if (n > (chars.get(best) ?? 0)) best = dir;
  // A page of mixed directions (a few sideways labels) keeps its display frame.
  return best !== 0 && (chars.get(best) ?? 0) * 2 > total ? best : 0;
}

type PointMap = (x: number, y: number) => [number, number];

/** Display space → upright frame, y down: undoes a reading direction of `turn` degrees clockwise. */
function pointMap(turn: Direction, width: number, height: number): PointMap {
  switch (turn) {
    case 0:
      return (x, y) => [x, y];
    case 90: // text runs downwards: turn the page a quarter anticlockwise
      return (x, y) => [y, width - x];
    case 180:
      return (x, y) => [width - x, height - y];
    case 270: // text runs upwards: turn the page a quarter clockwise
      return (x, y) => [height - y, x];
  }
}

function boxOf(b: { x0: number; y0: number; x1: number; y1: number }, map: PointMap): { x0: number; y0: number; x1: number; y1: number } {
  const [ax, ay] = map(b.x0, b.y0);
  const [bx, by] = map(b.x1, b.y1);
  return { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) };
}

function turnRun(run: DrawnRun, turn: Direction, map: PointMap): TextRun {
  const { direction, ...rest } = run;
  return { ...rest, ...boxOf(run, map), horizontal: direction !== null && (direction - turn + 360) % 360 === 0 };
}
