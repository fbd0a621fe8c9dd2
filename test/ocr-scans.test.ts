/**
 * Scanned documents read by the real OCR engine (Tesseract 5 + chi_sim from
 * Debian, poppler's pdftoppm): the corpus's two-page scan against the text
 * PDF it was made from, scanned forms made by packages/ocr/test/make-scan.ts
 * against their text pages, and what a missing engine or a failing page does.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXTRACT_LIMITS, type DocumentModel } from '@budget-ingest/doc-model';
import { extractDocument } from '@budget-ingest/extract';
import { parseDocument, VERIFICATIONS, type Amount } from '@budget-ingest/report-parser';
import { makeScan } from '../packages/ocr/test/make-scan.ts';
import { SCANNED_FORMS, type ExpectedIndicator } from '../packages/ocr/test/scanned-forms.ts';
import { cli } from './support/cli.ts';

const docs = join(import.meta.dirname, 'fixtures/corpus/docs');
const read = (name: string) => new Uint8Array(readFileSync(join(docs, name)));
const PATH = process.env.PATH ?? '';
const ocr = { enabled: true, dpi: 200, language: 'chi_sim', pageSeconds: 120, pageMemoryMb: 1024, slots: 2 };
const limits = { ...DEFAULT_EXTRACT_LIMITS, maxSecondsPerDocument: 600 };
const extract = async (bytes: Uint8Array, opts: { pathEnv?: string; ocr?: typeof ocr } = {}) =>
  (await extractDocument(bytes, { fileName: 'scan.pdf', limits, pathEnv: opts.pathEnv ?? PATH, ocr: opts.ocr ?? ocr })).model;

const key = (a: Amount) => `${a.item}|${a.phase}|${a.fiscal_year}|${a.yuan}`;

describe('the corpus scan of a report that also exists with a text layer', () => {
  let scanned: DocumentModel;
  beforeAll(async () => {
    scanned = await extract(read('lusong-2023-perf-scanned.pdf'));
  }, 300_000);

  it('reads both pages by OCR: every block says so, with the engine’s mean confidence', () => {
    expect(scanned.pages.map((p) => [p.number, p.ocr?.engine.startsWith('tesseract 5') && p.ocr.confidence > 0.8])).toEqual([[1, true], [2, true]]);
    expect(scanned.blocks.length).toBeGreaterThan(10);
    for (const b of scanned.blocks) expect(b).toMatchObject({ ocr: true, confidence: expect.any(Number) });
    expect(scanned.warnings).toEqual([]);
  });

  it('gives the amounts the text PDF gives on those pages (F1 ≥ 0.95), each with its verification', async () => {
    const text = parseDocument((await extractDocument(read('lusong-2023-perf.pdf'), { fileName: 'lusong-2023-perf.pdf' })).model).reports[0]!;
    // The amounts printed on those two pages: a paragraph that starts on page 2 and goes on to page 3 states its later figures on page 3.
    const printed = execFileSync('pdftotext', ['-f', '1', '-l', '2', join(docs, 'lusong-2023-perf.pdf'), '-']).toString().normalize('NFKC').replace(/\s+/g, '');
    const want = text.amounts.filter((a) => printed.includes(a.source_text.normalize('NFKC').replace(/\s+/g, ''))).map(key);
    const got = parseDocument(scanned).reports.flatMap((r) => r.amounts);
    const hit = got.filter((a) => want.includes(key(a))).length;
    const f1 = (2 * hit) / (want.length + got.length);
    expect(want.length).toBeGreaterThan(0);
    expect(f1).toBeGreaterThanOrEqual(0.95);
    for (const a of got) expect(VERIFICATIONS).toContain(a.verification);
    // 267.43万元 is stated twice (收入, 支出): the second statement confirms it; 648.01 is stated once and stays unconfirmed.
    expect(got.map((a) => [a.item, a.phase, a.yuan, a.verification])).toEqual([
      ['general_public_budget', 'budget_initial', '6480100.00', 'unconfirmed'],
      ['general_public_budget', 'actual', '2674300.00', 'confirmed'],
    ]);
  });
});

describe('scanned forms made from corpus forms (150 and 300 dpi, turned, speckled, a seal over the table)', () => {
  const expected = JSON.parse(readFileSync(join(import.meta.dirname, '../packages/ocr/test/scanned-forms.expected.json'), 'utf8')) as Record<string, ExpectedIndicator[]>;
  it.each(SCANNED_FORMS.map((f) => [f.name, f] as const))('%s: the indicator table comes out whole, its values right', async (_, form) => {
    const pdf = join(mkdtempSync(join(tmpdir(), 'scanned-form-')), `${form.name}.pdf`);
    writeFileSync(pdf, makeScan(join(docs, form.source), form.page, form.recipe));
    const model = await extract(new Uint8Array(readFileSync(pdf)));
    expect(Math.abs(model.pages[0]!.ocr!.skewDegrees - form.recipe.rotate)).toBeLessThanOrEqual(0.2);
    const want = expected[`${form.source}#${form.page}`]!;
    const got = parseDocument(model).reports.flatMap((r) => r.indicators);
    const fields = ['target', 'actual', 'weight', 'score'] as const;
    const raw = (i: (typeof got)[number], f: (typeof fields)[number]) => (f === 'target' || f === 'actual' ? (i[f]?.raw ?? null) : i[f]);
    // Rows are matched in order among those the scan gives; a row the scan added or lost costs its values.
    const right = want.reduce((n, w, k) => n + fields.filter((f) => got[k] !== undefined && raw(got[k]!, f) === w[f]).length, 0);
    const share = right / (want.length * fields.length);
    console.log(`${form.name}: ${got.length}/${want.length} indicator rows, ${right}/${want.length * fields.length} values right`);
    expect(got.length).toBe(want.length);
    expect(share).toBeGreaterThanOrEqual(form.floor);
    for (const i of got) expect(VERIFICATIONS).toContain(i.verification);
  }, 300_000);
});

describe('when the engine is missing or a page fails', () => {
  it('leaves a scan needs_ocr, naming what to install', async () => {
    await expect(extract(read('lusong-2023-perf-scanned.pdf'), { pathEnv: '/nonexistent' })).rejects.toMatchObject({
      code: 'no-text-layer',
      status: 'needs_ocr',
      message: expect.stringContaining('apt-get install -y tesseract-ocr tesseract-ocr-chi-sim poppler-utils'),
    });
    await expect(extract(read('lusong-2023-perf-scanned.pdf'), { ocr: { ...ocr, enabled: false } })).rejects.toMatchObject({ code: 'no-text-layer', message: expect.stringContaining('OCR_ENABLED=false') });
  });

  /** A tesseract that answers the version and language questions but crashes (or hangs) on a page. */
  function brokenTesseract(behaviour: 'crash' | 'hang'): string {
    const dir = mkdtempSync(join(tmpdir(), 'broken-tesseract-'));
    const real = execFileSync('sh', ['-c', 'command -v tesseract']).toString().trim();
    const onPage = behaviour === 'crash' ? 'kill -SEGV $$' : 'sleep 30';
    writeFileSync(join(dir, 'tesseract'), `#!/bin/sh\ncase "$1" in --list-langs|--version) exec ${real} "$@";; esac\n${onPage}\n`);
    chmodSync(join(dir, 'tesseract'), 0o755);
    return `${dir}:${PATH}`;
  }

  /** A text page of the report followed by the two scanned pages. */
  function mixedPdf(): Uint8Array {
    const dir = mkdtempSync(join(tmpdir(), 'mixed-'));
    execFileSync('pdfseparate', ['-f', '3', '-l', '3', join(docs, 'lusong-2023-perf.pdf'), join(dir, 'text-%d.pdf')]);
    execFileSync('pdfunite', [join(dir, 'text-3.pdf'), join(docs, 'lusong-2023-perf-scanned.pdf'), join(dir, 'mixed.pdf')]);
    return new Uint8Array(readFileSync(join(dir, 'mixed.pdf')));
  }

  it.each(['crash', 'hang'] as const)('a page whose engine run fails (%s) becomes a warning on that page; the document keeps its other pages', async (behaviour) => {
    const model = await extract(mixedPdf(), { pathEnv: brokenTesseract(behaviour), ocr: { ...ocr, pageSeconds: 3 } });
    expect(model.warnings.filter((w) => w.code === 'ocr-page-failed').map((w) => w.page)).toEqual([2, 3]);
    expect(model.warnings.find((w) => w.code === 'ocr-page-failed')?.message).toMatch(behaviour === 'crash' ? /signal SIGSEGV/ : /took longer than/);
    expect(model.blocks.length).toBeGreaterThan(0);
    expect(model.blocks.every((b) => b.page === 1 && b.ocr === undefined)).toBe(true);
  }, 120_000);
});

describe('extract and explain on a scan', () => {
  it('shows the OCR pages with their confidences, and --progress tells each page read', async () => {
    const scan = join(docs, 'lusong-2023-perf-scanned.pdf');
    const extracted = await cli(['extract', scan, '--progress']);
    expect(extracted.code).toBe(0);
    expect(extracted.stdout).toMatch(/──── page 1 \/ 2 · OCR tesseract 5[\d.]+ chi_sim, figures eng, confidence 0\.\d\d ────/);
    expect(extracted.stderr).toMatch(/ocr: page \d read \(1\/2\)[\s\S]*ocr: page \d read \(2\/2\)/);
    const explained = await cli(['explain', scan]);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toMatch(/page 2: read by OCR \(tesseract 5[^)]*mean confidence 0\.\d\d\)/);
    expect(explained.stdout).toContain('2674300.00');
  }, 300_000);
});
