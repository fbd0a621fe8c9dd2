import { describe, expect, it } from 'vitest';
import { cell, paragraph, numberBlocks, table, type Block } from '@budget-ingest/doc-model';
import type { Comparison, SumRelation } from './checks/compare.ts';
import { correctOcrBySums, readingsOf } from './ocr-sum-correction.ts';

/** One paragraph per figure (block i holds figure i, in 万元), read by OCR unless `ocr` is false. */
function doc(figures: readonly string[], ocr = true): Block[] {
  return numberBlocks(figures.map((f) => ({ ...paragraph(`支出${f}万元。`, { page: 3 }), ...(ocr ? { ocr: true as const, confidence: 0.9 } : {}) })));
}
const ref = (block: number, wan: string) => ({ anchor: { block }, yuan: (Number(wan.replace(/,/g, '')) * 10000).toFixed(2) });
function sum(total: number, parts: readonly number[], figures: readonly string[]): SumRelation {
  return { total: ref(total, figures[total]!), parts: parts.map((p) => ref(p, figures[p]!)), tolerance: '200.00' };
}
function compared(s: SumRelation, agrees: boolean): Comparison {
  return { agrees, values: 'constant' in s.total ? [...s.parts] : [s.total, ...s.parts], sum: s };
}

describe('correctOcrBySums', () => {
  it('takes the one reading of one confused digit that makes a failed sum hold, keeping the printed reading', () => {
    // 基本支出 126.15 read as 126.75: 126.75 + 220.11 ≠ 346.26; only 126.15 makes it add up.
    const figures = ['346.26', '126.75', '220.11'];
    const [c] = correctOcrBySums([compared(sum(0, [1, 2], figures), false)], doc(figures));
    expect(c).toMatchObject({ anchor: { block: 1 }, printed: '126.75', printedYuan: '1267500.00', reading: '126.15', yuan: '1261500.00', page: 3 });
  });

  it('changes nothing where two readings would make the sum hold (the total or a part)', () => {
    // 100 = 77 + 83 fails; 17 + 83 and 160 = 77 + 83 both hold: which figure is wrong is not known.
    const figures = ['100', '77', '83'];
    expect(correctOcrBySums([compared(sum(0, [1, 2], figures), false)], doc(figures))).toEqual([]);
  });

  it('changes nothing in a document read from its text layer', () => {
    const figures = ['346.26', '126.75', '220.11'];
    expect(correctOcrBySums([compared(sum(0, [1, 2], figures), false)], doc(figures, false))).toEqual([]);
  });

  it('takes no reading that breaks another sum which held with the printed figure', () => {
    // 126.75 is also the total of 100.75 + 26.00, which holds: 126.15 would break it.
    const figures = ['346.26', '126.75', '220.11', '100.75', '26.00'];
    const failing = compared(sum(0, [1, 2], figures), false);
    const holding = compared(sum(1, [3, 4], figures), true);
    expect(correctOcrBySums([failing, holding], doc(figures))).toEqual([]);
  });

  it('leaves a sum that agrees alone, and one whose error is no single confusion', () => {
    const ok = ['346.26', '126.15', '220.11'];
    const far = ['346.26', '126.45', '220.11'];
    expect(correctOcrBySums([compared(sum(0, [1, 2], ok), true)], doc(ok))).toEqual([]);
    expect(correctOcrBySums([compared(sum(0, [1, 2], far), false)], doc(far))).toEqual([]);
  });
});

describe('the indicator table’s sums', () => {
  // Weights 30 + 20 + 50 = 100, the 30 read as 80 by OCR: 80 + 20 + 50 ≠ 100; only 30 makes 总分 100.
  const rows = [['数量指标', '80', '30'], ['质量指标', '20', '20'], ['满意度', '50', '45']];
  const blocks = numberBlocks([{ ...table(rows.map((r) => r.map((t) => cell(t, { page: 2 }))), { page: 2 }), ocr: true as const, confidence: 0.8 }]);
  const weights: SumRelation = { total: { constant: '100' }, parts: rows.map((r, i) => ({ anchor: { block: 0, row: i }, yuan: r[1]! })), tolerance: '0', of: 'weight' };

  it('reads a weight again against 总分 100', () => {
    expect(correctOcrBySums([compared(weights, false)], blocks)).toMatchObject([{ anchor: { block: 0, row: 0 }, printed: '80', reading: '30', page: 2 }]);
  });
});

describe('readingsOf', () => {
  it.each([
    ['17', ['77', '11']],
    ['3.5', ['8.5', '3,5', '3.6']],
    ['60', ['80', '00', '50', '68', '66']],
  ])('reads %s with one confused character swapped', (printed, readings) => {
    expect(readingsOf(printed).sort()).toEqual([...readings].sort());
  });
});
