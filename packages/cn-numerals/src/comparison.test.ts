import { describe, expect, it } from 'vitest';
import { parseOp, qualifierAfter, qualifierBefore } from './comparison.ts';

describe('parseOp', () => {
  it.each([
    ['≥', '>='],
    ['>=', '>='],
    ['≤', '<='],
    ['<=', '<='],
    ['>', '>'],
    ['<', '<'],
    ['=', '='],
    ['不低于', '>='],
    ['不少于', '>='],
    ['不超过', '<='],
    ['不高于', '<='],
    ['超过', '>'],
    ['低于', '<'],
    ['达到', '>='],
    ['至少', '>='],
    ['最多', '<='],
    ['以上', '>='],
    ['以内', '<='],
    ['以下', '<='],
    ['约', null],
    ['定性', null],
  ])('reads %j as %s', (text, op) => {
    expect(parseOp(text)).toBe(op);
  });
});

describe('qualifiers around a number', () => {
  it('prefers the longest word before a number', () => {
    expect(qualifierBefore('大于等于5', 4)).toEqual({ length: 4, op: '>=', approx: false });
    expect(qualifierBefore('>=5', 2)).toEqual({ length: 2, op: '>=', approx: false });
  });

  it('reads 左右 and 余 after a number as approximate', () => {
    expect(qualifierAfter('5%左右', 2)).toEqual({ length: 2, op: null, approx: true });
    expect(qualifierAfter('100余', 3)).toEqual({ length: 1, op: null, approx: true });
  });

  it('finds nothing where no qualifier is', () => {
    expect(qualifierBefore('支出5', 2)).toBeNull();
    expect(qualifierAfter('5万元', 1)).toBeNull();
  });
});
