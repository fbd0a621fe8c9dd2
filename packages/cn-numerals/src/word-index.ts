/**
 * Fast lookup of a word list at a position of a string: the words are bucketed
 * by their first (or last) character, longest first, so a lookup tries only
 * the few words that can match.
 */
export interface WordIndex<T> {
  /** The longest word that starts at `pos`, with its payload. */
  startingAt(s: string, pos: number): readonly [word: string, payload: T] | null;
  /** The longest word that ends exactly at `pos` (exclusive), with its payload. */
  endingAt(s: string, pos: number): readonly [word: string, payload: T] | null;
}

type Bucket<T> = (readonly [string, T])[];

export function wordIndex<T>(entries: readonly (readonly [string, T])[]): WordIndex<T> {
  const sorted = [...entries].sort((a, b) => b[0].length - a[0].length);
  // Plain arrays indexed by char code: faster than a Map on the scanner's hot path.
  const byFirst: (Bucket<T> | undefined)[] = new Array<Bucket<T> | undefined>(0x10000).fill(undefined);
  const byLast: (Bucket<T> | undefined)[] = new Array<Bucket<T> | undefined>(0x10000).fill(undefined);
  for (const e of sorted) {
    (byFirst[e[0].charCodeAt(0)] ??= []).push(e);
    (byLast[e[0].charCodeAt(e[0].length - 1)] ??= []).push(e);
  }
  return {
    startingAt(s, pos) {
      if (pos >= s.length) return null;
      const bucket = byFirst[s.charCodeAt(pos)];
      if (bucket === undefined) return null;
      for (const e of bucket) if (s.startsWith(e[0], pos)) return e;
      return null;
    },
    endingAt(s, pos) {
      if (pos <= 0) return null;
      const bucket = byLast[s.charCodeAt(pos - 1)];
      if (bucket === undefined) return null;
      for (const e of bucket) {
        const from = pos - e[0].length;
        if (from >= 0 && s.startsWith(e[0], from)) return e;
      }
      return null;
    },
  };
}
