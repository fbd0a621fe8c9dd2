import { describe, expect, it } from 'vitest';
import { NumberingCounter, chineseCounting, formatNumber, readNumbering } from './numbering.ts';
import { parseXml } from './xml.ts';

describe('chineseCounting', () => {
  it.each([
    [1, '一'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [21, '二十一'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
  ])('writes %i as %s', (n, text) => {
    expect(chineseCounting(n)).toBe(text);
  });
});

describe('formatNumber', () => {
  it.each([
    [3, 'decimal', '3'],
    [3, 'chineseCountingThousand', '三'],
    [12, 'ideographDigital', '一二'],
    [2, 'ideographTraditional', '乙'],
    [3, 'decimalEnclosedCircle', '③'],
    [4, 'lowerRoman', 'iv'],
    [2, 'upperLetter', 'B'],
    [7, 'decimalZero', '07'],
    [5, 'somethingNew', '5'],
  ])('writes %i in format %s as %s', (n, format, text) => {
    expect(formatNumber(n, format)).toBe(text);
  });
});

describe('NumberingCounter', () => {
  const xml = `<w:numbering xmlns:w="w">
    <w:abstractNum w:abstractNumId="5">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:suff w:val="space"/></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
    </w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="5"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="5"/></w:num>
  </w:numbering>`;

  it('counts multi-level lists, restarting deeper levels unless lvlRestart says never', () => {
    const c = new NumberingCounter(readNumbering(parseXml(xml, 'numbering.xml')));
    const seq = [
      [1, 0],
      [1, 1],
      [1, 2],
      [1, 1],
      [1, 0],
      [1, 1],
      [1, 2],
    ].map(([n, l]) => c.next(String(n), l!)?.text);
    expect(seq).toEqual(['1.', '1.1', 'a)', '1.2', '2.', '2.1', 'b)']);
  });

  it('continues counting across lists that share one abstract definition', () => {
    const c = new NumberingCounter(readNumbering(parseXml(xml, 'numbering.xml')));
    expect([c.next('1', 0)?.text, c.next('2', 0)?.text]).toEqual(['1.', '2.']);
    expect(c.next('0', 0)).toBeNull();
    expect(c.isDefined('9')).toBe(false);
  });
});
