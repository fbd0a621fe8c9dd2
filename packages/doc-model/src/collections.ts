/**
 * Min, max and append over arrays whose length a document decides (the
 * glyphs of a line, the rows of a sheet, the cells of a table). A spread
 * passes every element as an argument — `Math.max(...rows)`,
 * `out.push(...cells)` — and past about 120 000 of them V8 throws "Maximum
 * call stack size exceeded": a lint rule (eslint.config.js) forbids spreads
 * in calls in the packages that handle documents, and these loops take
 * their place.
 */

/** The smallest value (Infinity when there are none, as Math.min()). */
export function minOf(values: Iterable<number>): number {
  let min = Infinity;
  for (const v of values) if (v < min || Number.isNaN(v)) min = v;
  return min;
}

/** The largest value (-Infinity when there are none, as Math.max()). */
export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const v of values) if (v > max || Number.isNaN(v)) max = v;
  return max;
}

/** Appends every item to `target`, in order, whatever their number; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
