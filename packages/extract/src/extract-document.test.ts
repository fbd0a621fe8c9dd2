import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { extractErrorOf } from '@budget-ingest/doc-model/testing';
import { DEFAULT_EXTRACT_LIMITS, toTextGrid, type TableBlock } from '@budget-ingest/doc-model';
import { buildDocx } from '@budget-ingest/docx-extract/testing';
import { extractDocument } from './extract-document.ts';
import { findSoffice } from './soffice.ts';

const fixture = (dir: string, name: string) => readFile(new URL(`../../../test/fixtures/corpus/${dir}/${name}`, import.meta.url)).then((b) => new Uint8Array(b));
const PATH = process.env.PATH ?? '';
const soffice = findSoffice(process.env.SOFFICE_PATH ?? null, PATH);
const inCi = process.env.CI === 'true';
const needsSoffice = soffice === null ? ' (SKIPPED: LibreOffice `soffice` not installed)' : '';

describe('extractDocument limits', () => {
  it('refuses a file over MAX_FILE_BYTES before reading it, naming the ceiling', async () => {
    const big = buildDocx(`<w:p><w:r><w:t>${'预算'.repeat(50_000)}</w:t></w:r></w:p>`);
    const start = performance.now();
    const err = await extractErrorOf(extractDocument(big, { fileName: 'big.docx', limits: { ...DEFAULT_EXTRACT_LIMITS, maxFileBytes: 1024 } }));
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/MAX_FILE_BYTES/);
    expect(performance.now() - start).toBeLessThan(100);
  });

  it('routes a DOCX zip bomb to a zip-bomb error', async () => {
    const err = await extractErrorOf(extractDocument(buildDocx('<w:p><w:r><w:t>x</w:t></w:r></w:p>'), { fileName: 'a.docx', limits: { ...DEFAULT_EXTRACT_LIMITS, maxUncompressedBytes: 100 } }));
    expect(err.code).toBe('zip-bomb');
  });
});

// Conversions run side by side (each LibreOffice gets its own profile), which is also what parallel workers do.
describe.concurrent('extractDocument on legacy formats', () => {
  it('says what to install when a .doc arrives and LibreOffice is missing', async () => {
    const err = await extractErrorOf(extractDocument(await fixture('docs', 'wanyuan-2022-final-accounts.doc'), { fileName: 'a.doc', pathEnv: '', sofficePath: null }));
    expect(err.code).toBe('converter-missing');
    expect(err.status).toBe('unsupported');
    expect(err.message).toMatch(/libreoffice-writer-nogui/);
  });

  if (soffice === null && inCi) {
    it('has LibreOffice installed, as CI=true requires', () => {
      throw new Error('CI=true but soffice is not on PATH: install libreoffice-writer-nogui and libreoffice-calc-nogui');
    });
  }

  it.skipIf(soffice === null)(`converts a Word 97 .doc and reads it like its DOCX${needsSoffice}`, async () => {
    const { sniffed, model } = await extractDocument(await fixture('docs', 'wanyuan-2022-final-accounts.doc'), { fileName: 'a.doc', pathEnv: PATH });
    expect(sniffed.format).toBe('doc');
    expect(model.format).toBe('doc');
    expect(model.warnings.map((w) => w.code)).toContain('converted-from-legacy-format');
    const table = model.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    expect(toTextGrid(table)[7]!.slice(1, 6)).toEqual(['完成指标', '数量指标', '定点医院、定点诊所及药店监管', '237所', '240所']);
  });

  it.skipIf(soffice === null)(`extracts the out-of-scope city budget report as .doc and .docx without error${needsSoffice}`, async () => {
    const doc = await extractDocument(await fixture('real', 'outofscope-shenzhen-2021-city-budget-report.doc'), { fileName: 'a.doc', pathEnv: PATH });
    const docx = await extractDocument(await fixture('real', 'outofscope-shenzhen-2022-city-budget-report.docx'), { fileName: 'a.docx', pathEnv: PATH });
    expect(doc.model.blocks.length).toBeGreaterThan(50);
    expect(docx.model.blocks.filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? b.numbering : null))).toContain('一、');
  });

  it.skipIf(soffice === null)(`converts a blank .xls budget template into tables, one per sheet${needsSoffice}`, async () => {
    const { sniffed, model } = await extractDocument(await fixture('real', 'template-shanghai-putuo-2026-unit-budget.xls'), { fileName: 't.xls', pathEnv: PATH });
    expect(sniffed.format).toBe('xls');
    expect(model.format).toBe('xls');
    const tables = model.blocks.filter((b): b is TableBlock => b.kind === 'table');
    expect(tables.length).toBeGreaterThan(5);
    expect(tables.every((t) => typeof t.sheet === 'string')).toBe(true);
  });
});
