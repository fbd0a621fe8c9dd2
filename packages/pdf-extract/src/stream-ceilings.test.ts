import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTRACT_LIMITS } from '@budget-ingest/doc-model';
import { extractErrorOf } from '@budget-ingest/doc-model/testing';
import { operatorBombPdf, textPdf, zerosBombPdf } from '../../../test/support/hostile-files.ts';
import { extractPdf } from './extract-pdf.ts';
import { countOperators } from './stream-ceilings.ts';

const limits = DEFAULT_EXTRACT_LIMITS;

describe('PDF decompression ceilings', () => {
  it('fails a small PDF whose stream inflates to 1 GiB as a decompression bomb, fast and without the gigabyte', async () => {
    const bomb = await zerosBombPdf(1024);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const err = await extractErrorOf(extractPdf(bomb, { limits }));
    expect(err).toMatchObject({ code: 'decompression-bomb', message: expect.stringMatching(/MAX_PDF_STREAM_BYTES/) });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024);
  });

  it('holds the whole document to MAX_PDF_INFLATED_BYTES', async () => {
    const pdf = await zerosBombPdf(8);
    const err = await extractErrorOf(extractPdf(pdf, { limits: { ...limits, maxPdfStreamBytes: 16 * 1024 * 1024, maxPdfInflatedBytes: 4 * 1024 * 1024 } }));
    expect(err).toMatchObject({ code: 'decompression-bomb', message: expect.stringMatching(/MAX_PDF_INFLATED_BYTES/) });
  });

  it('fails a page of millions of path operators as too-large before pdfjs builds them', async () => {
    const pdf = await operatorBombPdf(48);
    expect(pdf.length).toBeLessThan(1024 * 1024);
    const err = await extractErrorOf(extractPdf(pdf, { limits }));
    expect(err).toMatchObject({ code: 'too-large', message: expect.stringMatching(/MAX_PDF_OPERATORS/) });
  });

  it('reads an ordinary PDF under every ceiling', async () => {
    const m = await extractPdf(textPdf('Budget 2024'), { limits });
    expect(m.blocks.map((b) => ('text' in b ? b.text : ''))).toContain('Budget 2024');
  });

  it('counts content-stream operators, not operands', () => {
    expect(countOperators(Buffer.from('BT /F1 12 Tf 72 720 Td (x) Tj ET\n0 0 m 1 1 l S'), 100)).toBe(8);
  });
});
