import { describe, expect, it } from 'vitest';
import { maxOf, minOf, pushAll } from './collections.ts';

describe('minOf, maxOf, pushAll', () => {
  it('agree with Math.min, Math.max and push on small inputs, empty ones included', () => {
    for (const xs of [[], [3], [2, -1, 7], [0.5, NaN, 2]]) {
      expect(minOf(xs)).toBe(Math.min(...xs));
      expect(maxOf(xs)).toBe(Math.max(...xs));
    }
    expect(pushAll([1], [2, 3])).toEqual([1, 2, 3]);
  });

  it('take 1 000 000 values, where a spread overflows the call stack', () => {
    const xs = Array.from({ length: 1_000_000 }, (_, i) => i);
    expect(() => Math.max(...xs)).toThrow(RangeError);
    expect([minOf(xs), maxOf(xs), pushAll([], xs).length]).toEqual([0, 999_999, 1_000_000]);
  });
});
