import { wordIndex } from './word-index.ts';

/**
 * Comparisons and qualifiers around a number: signs (≥ >= ＞), words before it
 * (不低于, 不少于, 超过, 达到, 约, 近) and after it (以上, 以内, 左右, 余).
 */

export const OPS = ['>=', '<=', '=', '>', '<'] as const;
/** A comparison as GOLD.md writes it. */
export type Op = (typeof OPS)[number];

interface Qualifier {
  readonly word: string;
  readonly op: Op | null;
  readonly approx: boolean;
}

function q(word: string, op: Op | null, approx = false): Qualifier {
  return { word, op, approx };
}

/** Words and signs before a number, longest first. */
const BEFORE: readonly Qualifier[] = [
  q('大于或等于', '>='),
  q('小于或等于', '<='),
  q('大于等于', '>='),
  q('小于等于', '<='),
  q('不低于', '>='),
  q('不少于', '>='),
  q('不小于', '>='),
  q('不短于', '>='),
  q('不高于', '<='),
  q('不超过', '<='),
  q('不超出', '<='),
  q('不多于', '<='),
  q('不大于', '<='),
  q('不长于', '<='),
  q('>=', '>='),
  q('<=', '<='),
  q('=>', '>='),
  q('=<', '<='),
  q('≥', '>='),
  q('≤', '<='),
  q('⩾', '>='),
  q('⩽', '<='),
  q('>', '>'),
  q('<', '<'),
  q('=', '='),
  q('超过', '>'),
  q('大于', '>'),
  q('高于', '>'),
  q('多于', '>'),
  q('逾', '>'),
  q('小于', '<'),
  q('低于', '<'),
  q('少于', '<'),
  q('不足', '<'),
  q('达到', '>='),
  q('至少', '>='),
  q('最少', '>='),
  q('至多', '<='),
  q('最多', '<='),
  q('等于', '='),
  q('大约', null, true),
  q('约为', null, true),
  q('约', null, true),
  q('接近', null, true),
  q('将近', null, true),
  q('近', null, true),
];

/** Words after a number (and its unit), longest first. */
const AFTER: readonly Qualifier[] = [
  q('及以上', '>='),
  q('以上', '>='),
  q('及以下', '<='),
  q('以下', '<='),
  q('以内', '<='),
  q('之内', '<='),
  q('左右', null, true),
  q('上下', null, true),
  q('余', null, true),
  q('多', null, true),
];

export interface QualifierMatch {
  readonly length: number;
  readonly op: Op | null;
  readonly approx: boolean;
}

const BEFORE_INDEX = wordIndex(BEFORE.map((item) => [item.word, item] as const));
const AFTER_INDEX = wordIndex(AFTER.map((item) => [item.word, item] as const));

/** The qualifier that ends exactly at `pos`, if any. */
export function qualifierBefore(s: string, pos: number): QualifierMatch | null {
  const m = BEFORE_INDEX.endingAt(s, pos);
  return m && { length: m[0].length, op: m[1].op, approx: m[1].approx };
}

/** The qualifier that starts exactly at `pos`, if any. */
export function qualifierAfter(s: string, pos: number): QualifierMatch | null {
  const m = AFTER_INDEX.startingAt(s, pos);
  return m && { length: m[0].length, op: m[1].op, approx: m[1].approx };
}

/** Read a comparison sign or word on its own (`≥`, `不低于`, `以上`): the op it states, or null. */
export function parseOp(text: string): Op | null {
  const t = text.trim();
  for (const item of BEFORE) if (item.word === t) return item.op;
  for (const item of AFTER) if (item.word === t) return item.op;
  return null;
}
