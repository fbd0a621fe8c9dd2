import { maxOf, minOf } from '@budget-ingest/doc-model';
import type { Box, Segment } from './types.ts';

/** A table found from ruling lines, as grid positions; text is assigned later. */
export interface RuledGrid {
  /** Column boundaries, left to right (n + 1 values for n columns). */
  readonly xs: readonly number[];
  /** Row boundaries, top to bottom. */
  readonly ys: readonly number[];
  readonly cells: readonly GridCell[];
  readonly bbox: Box;
}

export interface GridCell {
  readonly row: number;
  readonly col: number;
  readonly rowspan: number;
  readonly colspan: number;
  readonly bbox: Box;
}

const TOL = 2;
const MIN_GAP = 3;

interface HLine { y: number; x0: number; x1: number }
interface VLine { x: number; y0: number; y1: number }

/** Merges touching or overlapping collinear segments. */
export function mergeRulings(segments: readonly Segment[]): { h: HLine[]; v: VLine[] } {
  const hs = segments.filter((s) => s.y1 - s.y0 < s.x1 - s.x0).map((s) => ({ y: (s.y0 + s.y1) / 2, x0: s.x0, x1: s.x1 }));
  const vs = segments.filter((s) => s.y1 - s.y0 >= s.x1 - s.x0).map((s) => ({ x: (s.x0 + s.x1) / 2, y0: s.y0, y1: s.y1 }));
  const h = mergeCollinear(hs.map((l) => ({ at: l.y, a: l.x0, b: l.x1 }))).map((l) => ({ y: l.at, x0: l.a, x1: l.b }));
  const v = mergeCollinear(vs.map((l) => ({ at: l.x, a: l.y0, b: l.y1 }))).map((l) => ({ x: l.at, y0: l.a, y1: l.b }));
  return { h, v };
}

function mergeCollinear(lines: { at: number; a: number; b: number }[]): { at: number; a: number; b: number }[] {
  const sorted = [...lines].sort((p, q) => p.at - q.at || p.a - q.a);
  const out: { at: number; a: number; b: number }[] = [];
  // Cluster by position, then merge spans within each cluster.
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.at - sorted[j - 1]!.at <= TOL * 0.75) j++;
    const cluster = sorted.slice(i, j).sort((p, q) => p.a - q.a);
    const at = cluster.reduce((s, l) => s + l.at, 0) / cluster.length;
    let cur = { at, a: cluster[0]!.a, b: cluster[0]!.b };
    for (const l of cluster.slice(1)) {
      if (l.a <= cur.b + TOL) cur.b = Math.max(cur.b, l.b);
      else {
        out.push(cur);
        cur = { at, a: l.a, b: l.b };
      }
    }
    out.push(cur);
    i = j;
  }
  return out.filter((l) => l.b - l.a > TOL);
}

/**
 * Finds tables on a page from its ruling lines: connected groups of
 * horizontal and vertical lines become grids; a missing inner line between
 * two grid positions merges them into one cell.
 */
export function toRuledGrids(segments: readonly Segment[]): RuledGrid[] {
  const { h, v } = mergeRulings(segments);
  if (h.length === 0 || v.length === 0) return [];
  // Union-find over lines: a horizontal and a vertical line touching join one group.
  const parent = Array.from({ length: h.length + v.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const vByX = v.map((l, i) => ({ l, i })).sort((a, b) => a.l.x - b.l.x);
  const vxs = vByX.map((e) => e.l.x);
  h.forEach((hl, hi) => {
    for (let k = lowerBound(vxs, hl.x0 - TOL); k < vByX.length && vByX[k]!.l.x <= hl.x1 + TOL; k++) {
      const { l, i } = vByX[k]!;
      if (hl.y >= l.y0 - TOL && hl.y <= l.y1 + TOL) parent[find(hi)] = find(h.length + i);
    }
  });
  const groups = new Map<number, { h: HLine[]; v: VLine[] }>();
  h.forEach((l, i) => group(groups, find(i)).h.push(l));
  v.forEach((l, i) => group(groups, find(h.length + i)).v.push(l));
  const grids: RuledGrid[] = [];
  for (const g of groups.values()) {
    const grid = toGrid(g.h, g.v);
    if (grid) grids.push(grid);
  }
  return grids.sort((a, b) => a.bbox[1] - b.bbox[1]);
}

function group(groups: Map<number, { h: HLine[]; v: VLine[] }>, root: number): { h: HLine[]; v: VLine[] } {
  let g = groups.get(root);
  if (!g) {
    g = { h: [], v: [] };
    groups.set(root, g);
  }
  return g;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (sorted[m]! < value) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** Index of the interval of `edges` that holds `value`, or -1. */
export function intervalOf(edges: readonly number[], value: number): number {
  if (edges.length < 2 || value < edges[0]! || value > edges[edges.length - 1]!) return -1;
  const k = lowerBound(edges, value);
  return Math.min(edges.length - 2, Math.max(0, k - 1));
}

function clusterCoords(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && v - last < MIN_GAP) continue;
    out.push(v);
  }
  return out;
}

function toGrid(h: HLine[], v: VLine[]): RuledGrid | null {
  if (h.length + v.length < 4) return null;
  const xs = clusterCoords([...v.map((l) => l.x), minOf(h.map((l) => l.x0)), maxOf(h.map((l) => l.x1))]);
  const ys = clusterCoords([...h.map((l) => l.y), minOf(v.map((l) => l.y0)), maxOf(v.map((l) => l.y1))]);
  const nCols = xs.length - 1;
  const nRows = ys.length - 1;
  if (nCols < 1 || nRows < 1) return null;
  const covered = (lines: { at: number; a: number; b: number }[], at: number, a: number, b: number): boolean => {
    const need = (b - a) * 0.6;
    let have = 0;
    for (const l of lines) if (Math.abs(l.at - at) <= TOL) have += Math.max(0, Math.min(b, l.b) - Math.max(a, l.a));
    return have >= need;
  };
  const hl = h.map((l) => ({ at: l.y, a: l.x0, b: l.x1 }));
  const vl = v.map((l) => ({ at: l.x, a: l.y0, b: l.y1 }));
  // right[r][c]: a line between column c and c+1 in row r; below[r][c]: a line between row r and r+1 in column c.
  const right = (r: number, c: number): boolean => c === nCols - 1 || covered(vl, xs[c + 1]!, ys[r]!, ys[r + 1]!);
  const below = (r: number, c: number): boolean => r === nRows - 1 || covered(hl, ys[r + 1]!, xs[c]!, xs[c + 1]!);
  const taken: boolean[][] = Array.from({ length: nRows }, () => new Array<boolean>(nCols).fill(false));
  const cells: GridCell[] = [];
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      if (taken[r]![c]) continue;
      let cs = 1;
      while (c + cs < nCols && !right(r, c + cs - 1) && !taken[r]![c + cs]) cs++;
      let rs = 1;
      const openBelow = (rr: number): boolean => {
        for (let k = c; k < c + cs; k++) if (below(rr, k) || taken[rr + 1]?.[k]) return false;
        return true;
      };
      while (r + rs < nRows && openBelow(r + rs - 1)) rs++;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) taken[r + dr]![c + dc] = true;
      cells.push({ row: r, col: c, rowspan: rs, colspan: cs, bbox: [xs[c]!, ys[r]!, xs[c + cs]!, ys[r + rs]!] });
    }
  }
  if (nRows * nCols === 1) return null;
  return { xs, ys, cells, bbox: [xs[0]!, ys[0]!, xs[nCols]!, ys[nRows]!] };
}
