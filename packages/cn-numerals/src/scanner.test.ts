import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import goldAmounts from '../fixtures/gold-amounts.json';
import { Dec } from './decimal.ts';
import { scanNumbers, type NumberExpression } from './scanner.ts';

function brief(e: NumberExpression) {
  return { text: e.text, kind: e.kind, value: e.value, unit: e.unit, op: e.op, approx: e.approx };
}

describe('scanNumbers', () => {
  it('finds each figure of a sentence with its span, value and the words before it', () => {
    const text = '其中基本支出 126.15 万元，项目支出为 9294.05 万元。';
    const found = scanNumbers(text);
    expect(found.map((e) => [e.kind, e.value, e.unit, e.before, text.slice(e.start, e.end)])).toEqual([
      ['money', '1261500.00', '元', '其中基本支出', '126.15 万元'],
      ['money', '92940500.00', '元', '项目支出为', '9294.05 万元'],
    ]);
  });

  it.each([
    ['3688.59万元', { text: '3688.59万元', kind: 'money', value: '36885900.00', unit: '元', op: null, approx: false }],
    ['4.85亿元', { text: '4.85亿元', kind: 'money', value: '485000000.00', unit: '元', op: null, approx: false }],
    ['1.23余亿元', { text: '1.23余亿元', kind: 'money', value: '123000000.00', unit: '元', op: null, approx: true }],
    ['3.5万', { text: '3.5万', kind: 'number', value: '35000', unit: null, op: null, approx: false }],
    ['47 万人', { text: '47 万人', kind: 'quantity', value: '470000', unit: '人', op: null, approx: false }],
    ['10 万余份', { text: '10 万余份', kind: 'quantity', value: '100000', unit: '份', op: null, approx: true }],
    ['≥90%', { text: '≥90%', kind: 'percent', value: '90', unit: '%', op: '>=', approx: false }],
    ['＞90%', { text: '＞90%', kind: 'percent', value: '90', unit: '%', op: '>', approx: false }],
    ['不少于200人次', { text: '不少于200人次', kind: 'quantity', value: '200', unit: '人次', op: '>=', approx: false }],
    ['超过5家', { text: '超过5家', kind: 'quantity', value: '5', unit: '家', op: '>', approx: false }],
    ['约5万元', { text: '约5万元', kind: 'money', value: '50000.00', unit: '元', op: null, approx: true }],
    ['近3000人', { text: '近3000人', kind: 'quantity', value: '3000', unit: '人', op: null, approx: true }],
    ['节约5万元', { text: '5万元', kind: 'money', value: '50000.00', unit: '元', op: null, approx: false }],
    ['增长442%', { text: '增长442%', kind: 'change', value: '442', unit: '%', op: null, approx: false }],
    ['减少0.1万元', { text: '减少0.1万元', kind: 'change', value: '-1000.00', unit: '元', op: null, approx: false }],
    ['2023年3月29日', { text: '2023年3月29日', kind: 'date', value: '2023-03-29', unit: null, op: null, approx: false }],
    ['2022年度', { text: '2022年度', kind: 'date', value: '2022', unit: '年度', op: null, approx: false }],
    ['韶财社〔2021〕139号', { text: '韶财社〔2021〕139号', kind: 'docno', value: '韶财社〔2021〕139号', unit: null, op: null, approx: false }],
    ['-5', { text: '-5', kind: 'number', value: '-5', unit: null, op: null, approx: false }],
    ['负3.5%', { text: '负3.5%', kind: 'percent', value: '-3.5', unit: '%', op: null, approx: false }],
    ['5‰', { text: '5‰', kind: 'percent', value: '5', unit: '‰', op: null, approx: false }],
    ['百分之九十五', { text: '百分之九十五', kind: 'percent', value: '95', unit: '%', op: null, approx: false }],
    ['人民币壹万贰仟叁佰肆拾伍元陆角柒分', { text: '壹万贰仟叁佰肆拾伍元陆角柒分', kind: 'money', value: '12345.67', unit: '元', op: null, approx: false }],
    ['壹佰万元整', { text: '壹佰万元整', kind: 'money', value: '1000000.00', unit: '元', op: null, approx: false }],
    ['一千零一', { text: '一千零一', kind: 'number', value: '1001', unit: null, op: null, approx: false }],
    ['十万零一', { text: '十万零一', kind: 'number', value: '100001', unit: null, op: null, approx: false }],
    ['两万', { text: '两万', kind: 'number', value: '20000', unit: null, op: null, approx: false }],
    ['二十万零三百', { text: '二十万零三百', kind: 'number', value: '200300', unit: null, op: null, approx: false }],
    ['３６８８．５９万元', { text: '３６８８．５９万元', kind: 'money', value: '36885900.00', unit: '元', op: null, approx: false }],
    ['共3 688.59万元', { text: '3 688.59万元', kind: 'money', value: '36885900.00', unit: '元', op: null, approx: false }],
    ['95%以上', { text: '95%以上', kind: 'percent', value: '95', unit: '%', op: '>=', approx: false }],
    ['30天以内', { text: '30天以内', kind: 'quantity', value: '30', unit: '天', op: '<=', approx: false }],
  ])('reads %j', (text, expected) => {
    expect(scanNumbers(text).map(brief)).toEqual([expected]);
  });

  it.each([
    ['80%-100%', '80', '100', '%'],
    ['100%-80%(含)', '80', '100', '%'],
    ['3-5万元', '30000.00', '50000.00', '元'],
    ['1-12月', '1', '12', '月'],
    ['5～10人', '5', '10', '人'],
    ['100万-200万元', '1000000.00', '2000000.00', '元'],
  ])('reads the range %j as low and high', (text, low, high, unit) => {
    const [e] = scanNumbers(text);
    expect(e && { text: e.text, value: e.value, low: e.low, high: e.high, unit: e.unit }).toEqual({ text, value: null, low, high, unit });
  });

  it('keeps 3 688.59 apart when no unit follows, since the space may part two table cells', () => {
    expect(scanNumbers('合计 3 688.59').map((e) => e.value)).toEqual(['3', '688.59']);
  });

  it('joins a number split from its unit by a line break', () => {
    expect(scanNumbers('项目支出为 6391.32\n万元').map((e) => e.value)).toEqual(['63913200.00']);
  });

  it('reads bare numbers as money in the unit of the table header', () => {
    const found = scanNumbers('一般公共预算：346.26\t96.74%', { moneyUnit: '万元' });
    expect(found.map((e) => [e.kind, e.value, e.printedUnit])).toEqual([
      ['money', '3462600.00', '万元'],
      ['percent', '96.74', '%'],
    ]);
  });

  it.each([
    '统一领导，一般公共预算，“三公”经费十分重要，万一出现问题千万不要',
    '一、部门基本情况',
    '（十一）其他事项',
    '1、基本支出',
    '第三条 第12页',
    'GB2260',
  ])('finds no figure in %j', (text) => {
    expect(scanNumbers(text).filter((e) => e.kind !== 'date')).toEqual([]);
  });

  it('splits a sentence of dates, a range and money into separate expressions', () => {
    const found = scanNumbers('2022年1-12月项目支出2946.68万元');
    expect(found.map((e) => [e.kind, e.text, e.before])).toEqual([
      ['date', '2022年', ''],
      ['quantity', '1-12月', ''],
      ['money', '2946.68万元', '项目支出'],
    ]);
  });

  it('reads the words before a figure across a label and a line break', () => {
    const [e] = scanNumbers('项目支出：\n\t366.69', { moneyUnit: '万元' });
    expect(e?.before).toBe('项目支出：');
  });

  it('gives spans into the original text even where full-width characters were normalised', () => {
    const text = '参保率达到９６．７４％，';
    const [e] = scanNumbers(text);
    expect(e && text.slice(e.start, e.end)).toBe('达到９６．７４％');
  });

  it.each(goldAmounts.map((a) => [a.source_text, a.yuan, a.alternatives] as const))(
    'finds the gold amount in %j',
    (sourceText, yuan, alternatives) => {
      // money as printed; 1803.53 万 (元 lost to a line break) as a number; table cells under a 万元 header
      let values = scanNumbers(sourceText).filter((e) => e.kind === 'money' || (e.kind === 'number' && e.printedUnit !== null));
      if (values.length === 0) values = scanNumbers(sourceText, { moneyUnit: '万元' });
      const wanted = [yuan, ...alternatives].map((v) => new Dec(v));
      expect(values.some((e) => e.value !== null && wanted.some((w) => w.eq(e.value!)))).toBe(true);
    },
  );

  it('scans the sample documents without throwing and with ordered, non-overlapping spans', () => {
    const text = readFileSync(new URL('../bench/sample-text.txt', import.meta.url), 'utf8');
    const found = scanNumbers(text);
    expect(found.length).toBeGreaterThan(300);
    for (let i = 0; i < found.length; i++) {
      const e = found[i]!;
      expect(e.text).toBe(text.slice(e.start, e.end));
      if (i > 0) expect(e.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
    }
  });

  it('refuses absurdly long numeral runs quickly instead of multiplying them out', () => {
    const t0 = performance.now();
    expect(scanNumbers(`一${'万'.repeat(20_000)}`)).toEqual([]);
    expect(scanNumbers('一'.repeat(20_000))).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('never throws on arbitrary text', () => {
    const alphabet = '0123456789.,-+%‰万亿千百十元人次个月年度〔〕（）()一二三四五六七八九零〇两壹贰拾佰仟整角分约≥≤><=以上余增长下降 \n\t号点第、';
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        for (const e of scanNumbers(text)) expect(text.slice(e.start, e.end)).toBe(e.text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('scanNumbers options and sentences', () => {
  it('reads lone numerals and ordinals only when lenient', () => {
    expect(scanNumbers('三')).toEqual([]);
    expect(scanNumbers('三', { lenient: true }).map((e) => e.value)).toEqual(['3']);
  });

  it('reads a paragraph of a final-accounts report', () => {
    const text =
      '2022 年度收、支总计 3688.59 万元。与 2021 年相比，收、支总计各增加 1,234.5 万元，增长 50.3%。主要原因是城乡居民医保参保人数达到 47 万人。';
    expect(scanNumbers(text).map((e) => [e.kind, e.value, e.unit, e.before])).toEqual([
      ['date', '2022', '年度', ''],
      ['money', '36885900.00', '元', '收、支总计'],
      ['date', '2021', null, '与'],
      ['change', '12345000.00', '元', '收、支总计各'],
      ['change', '50.3', '%', ''],
      ['quantity', '470000', '人', '主要原因是城乡居民医保参保人数'],
    ]);
  });

  it('marks 余 and 多 as approximate only when they belong to the figure', () => {
    expect(scanNumbers('100余人').map((e) => e.approx)).toEqual([true]);
    expect(scanNumbers('10多万元').map((e) => [e.value, e.approx])).toEqual([['100000.00', true]]);
    expect(scanNumbers('3人多次').map((e) => e.approx)).toEqual([false]);
  });

  it('reads a negative number but not a dash between two figures', () => {
    expect(scanNumbers('结余 -12.5 万元').map((e) => e.value)).toEqual(['-125000.00']);
    expect(scanNumbers('5-10').map((e) => [e.low, e.high])).toEqual([['5', '10']]);
  });
});
