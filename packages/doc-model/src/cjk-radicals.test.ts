import { describe, expect, it } from 'vitest';
import { normalizeIdeographs, toUnifiedIdeographs } from './cjk-radicals.ts';

describe('normalizeIdeographs', () => {
  it('maps the CJK radicals NFKC leaves alone to their unified ideographs', () => {
    // What a PDF text layer gives for 人民、见、车辆、长 when the font draws them with radical glyphs.
    expect('⺠⻅⻋⻓'.normalize('NFKC')).toBe('⺠⻅⻋⻓');
    expect(normalizeIdeographs('⼈⺠政府⻅证⻋辆⻓期⻔⻢⻛⻜⻰⻆⻚⻝⻄⻘⻣⻤⻥⻦⻨⻩⻬⻮⻳')).toBe('人民政府见证车辆长期门马风飞龙角页食西青骨鬼鱼鸟麦黄齐齿龟');
  });

  it('covers every assigned character of the CJK Radicals Supplement that has an equivalent', () => {
    const mapped = [...Array(0x2ef4 - 0x2e81).keys()].map((k) => String.fromCodePoint(0x2e81 + k)).filter((c) => c !== '\u2e9a');
    expect(mapped.filter((c) => toUnifiedIdeographs(c) === c)).toEqual([]);
    expect(mapped.map(toUnifiedIdeographs).every((c) => /\p{Unified_Ideograph}/u.test(c))).toBe(true);
  });

  it('leaves other text as NFKC makes it', () => {
    expect(normalizeIdeographs('（一）２０２３年 ⺀')).toBe('(一)2023年 ⺀');
  });
});
