import { describe, expect, it } from 'vitest';
import { cell, paragraph, table, type PageInfo } from '@budget-ingest/doc-model';
import { cleanOcrCellText, ocrPages, withOcrConfidence, type OcrRead } from './ocr-pages.ts';
import type { OcrPageReading, PageOcr } from './page-ocr.ts';

const page = (number: number): PageInfo => ({ number, width: 595, height: 842, rotation: 0 });
const reading = (text: string, confidence: number): OcrPageReading => ({
  words: [{ text, x0: 100, y0: 100, x1: 200, y1: 112, size: 12, confidence }],
  segments: [],
  skewDegrees: 0.5,
  engine: 'test-engine',
  dpi: 200,
});

/** The pages' readings by page number; a page missing from it fails the way a crashed engine does. */
function engine(readings: Record<number, OcrPageReading>, slots: number, busy: { now: number; most: number }, done: number[] = []): PageOcr {
  return {
    unavailable: null,
    slots,
    onPage: (n) => done.push(n),
    async readPage(n) {
      busy.now++;
      busy.most = Math.max(busy.most, busy.now);
      await new Promise((r) => setTimeout(r, 5));
      busy.now--;
      const r = readings[n];
      if (!r) throw new Error('tesseract ended with signal SIGSEGV');
      return r;
    },
  };
}

describe('ocrPages', () => {
  it('reads the pages up to the slots at once; a page that fails is a warning on it and the others are read', async () => {
    const busy = { now: 0, most: 0 };
    const done: number[] = [];
    const out = await ocrPages(engine({ 1: reading('一般公共预算', 0.9), 3: reading('项目支出', 0.8), 4: reading('合计', 0.7) }, 2, busy, done), [1, 2, 3, 4].map(page), [0, 0, 0, 0]);
    expect([...out.pages.keys()].sort()).toEqual([1, 3, 4]);
    expect(out.pages.get(1)!.info).toEqual({ engine: 'test-engine', confidence: 0.9, words: 1, skewDegrees: 0.5, dpi: 200 });
    expect(out.warnings).toEqual([{ code: 'ocr-page-failed', message: 'page 2 could not be read by OCR: tesseract ended with signal SIGSEGV', page: 2 }]);
    expect(busy.most).toBe(2);
    expect(done).toEqual([1, 2, 3, 4]);
  });

  it('keeps a page’s own short text unless OCR read a page’s worth more (a scan under a stamped header)', async () => {
    const short = await ocrPages(engine({ 1: reading('Budget 2024 plan', 0.9) }, 1, { now: 0, most: 0 }), [page(1)], [12]);
    expect(short.pages.size).toBe(0);
    const scan = await ocrPages(engine({ 1: reading('2023年度株洲市芦淞区医疗保障局整体支出绩效自评报告', 0.9) }, 1, { now: 0, most: 0 }), [page(1)], [4]);
    expect([...scan.pages.keys()]).toEqual([1]);
  });
});

describe('withOcrConfidence', () => {
  const read = (words: OcrPageReading['words']): OcrRead => ({ raw: { number: 1, width: 595, height: 842, rotation: 0, turn: 0, runs: [], segments: [] }, info: { engine: 'e', confidence: 0.5, words: words.length, skewDegrees: 0, dpi: 200 }, words });
  const w = (x: number, confidence: number) => ({ text: 'x', x0: x, y0: 100, x1: x + 10, y1: 110, size: 10, confidence });

  it('marks blocks of OCR pages with the mean confidence of their words, cells each with their own, and cleans ruling traces', () => {
    const blocks = [
      paragraph('预算|数', { page: 1, bbox: [0, 90, 300, 120] }),
      table([[cell('648.01,', { page: 1, bbox: [0, 90, 50, 120] }), cell('|346.26', { page: 1, bbox: [50, 90, 100, 120] })]], { page: 1, bbox: [0, 90, 100, 120] }),
      paragraph('正文', { page: 2, bbox: [0, 90, 300, 120] }),
    ];
    const out = withOcrConfidence(blocks, new Map([[1, read([w(10, 0.9), w(60, 0.7)])]]));
    expect(out[0]).toMatchObject({ text: '预算数', ocr: true, confidence: 0.8 });
    expect(out[1]).toMatchObject({ ocr: true, confidence: 0.8, rows: [[{ text: '648.01', confidence: 0.9 }, { text: '346.26', confidence: 0.7 }]] });
    expect(out[2]).not.toHaveProperty('ocr');
  });

  it.each([
    ['“按收入性质分:346.26', '按收入性质分:346.26'],
    ['.346.26', '346.26'],
    ['95%', '95%'],
    ['-12.5', '-12.5'],
    ['10|10', '10 10'],
  ])('cleans the OCR cell %s to %s', (raw, clean) => {
    expect(cleanOcrCellText(raw)).toBe(clean);
  });
});
