import { describe, expect, it } from 'vitest';
import { normalizeWidth } from './normalize.ts';

describe('normalizeWidth', () => {
  it.each([
    ['３６８８．５９', '3688.59'],
    ['９５％', '95%'],
    ['＞＝＜', '>=<'],
    ['≧≦', '≥≤'],
    ['１\u3000２', '1 2'],
    ['－５', '-5'],
    ['5～10', '5~10'],
  ])('writes %j as %j', (input, output) => {
    expect(normalizeWidth(input)).toBe(output);
  });

  it('keeps Chinese punctuation and the length of the text', () => {
    const text = '基本支出（万元）：１２６．１５，合计';
    const out = normalizeWidth(text);
    expect(out).toBe('基本支出（万元）：126.15，合计');
    expect(out.length).toBe(text.length);
  });

  it('returns the same string when nothing needs normalising', () => {
    const text = '基本支出126.15万元';
    expect(normalizeWidth(text)).toBe(text);
  });
});
