import { wordIndex } from './word-index.ts';

/**
 * Changes: a number after a word of increase or decrease (`增长442%`,
 * `下降7%`, `增加3008.59万元`, `减少0.1万元`) is a signed change. `增长至`
 * (grew *to*) is a level, not a change, and is not matched.
 */

const INCREASE = ['增长', '增加', '上升', '提高', '提升', '增幅', '增长了', '增加了', '上升了', '提高了', '提升了', '增幅为', '同比增', '多出'];
const DECREASE = ['下降', '减少', '降低', '下滑', '降幅', '缩减', '减幅', '下降了', '减少了', '降低了', '降幅为', '同比减', '同比降'];

const WORDS = wordIndex<1 | -1>([...INCREASE.map((w) => [w, 1] as const), ...DECREASE.map((w) => [w, -1] as const)]);

export interface ChangeWordMatch {
  readonly length: number;
  readonly sign: 1 | -1;
}

/** The change word that ends exactly at `pos`, if any. */
export function changeWordBefore(s: string, pos: number): ChangeWordMatch | null {
  const m = WORDS.endingAt(s, pos);
  return m && { length: m[0].length, sign: m[1] };
}
