import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';
import { createTestDatabase, noPostgres, type TestDatabase } from './support/services.ts';

const docs = join(import.meta.dirname, 'fixtures/corpus/docs');

/** A folder with two real documents, a duplicate of one under another name, a .txt and an empty file. */
function makeInbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bi-inbox-'));
  copyFileSync(join(docs, 'renhua-2021-perf.pdf'), join(dir, 'renhua-2021-perf.pdf'));
  copyFileSync(join(docs, 'lusong-2023-perf.docx'), join(dir, 'lusong-2023-perf.docx'));
  copyFileSync(join(docs, 'renhua-2021-perf.pdf'), join(dir, 'same-bytes-other-name.pdf'));
  copyFileSync(join(docs, 'renhua-2021-perf-broken.pdf'), join(dir, 'broken.pdf'));
  writeFileSync(join(dir, 'notes.txt'), 'not a budget document\n');
  writeFileSync(join(dir, 'empty.pdf'), '');
  return dir;
}

interface Status {
  documentsByStatus: Record<string, number>;
  documents: number;
}

function behavesLikeAnIngestPipeline(name: string, envFor: () => Record<string, string>) {
  describe(name, () => {
    let inbox: string;
    let out: string;
    beforeAll(() => {
      inbox = makeInbox();
      out = mkdtempSync(join(tmpdir(), 'bi-out-'));
    });
    afterAll(() => {
      rmSync(inbox, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    });

    it('ingests a folder, records every bad file with a clear status, and goes on', async () => {
      const run = await cli(['ingest', inbox], envFor());
      // Three files failed or are unsupported: a script sees it in the exit code.
      expect(run.code).toBe(1);
      const lines = run.stdout.split('\n').filter((l) => /^\[\d+\/\d+\]/.test(l));
      expect(lines).toHaveLength(6);
      expect(run.stdout).toMatch(/renhua-2021-perf\.pdf\s+pdf\s+8p\s+parsed/);
      expect(run.stdout).toMatch(/lusong-2023-perf\.docx\s+docx\s+-\s+parsed/);
      expect(run.stdout).toMatch(/notes\.txt.*unsupported.*not a PDF, Word or Excel document/);
      expect(run.stdout).toMatch(/empty\.pdf.*failed.*empty \(0 bytes\)/);
      expect(run.stdout).toMatch(/broken\.pdf.*failed.*not a readable PDF/);

      const status = JSON.parse((await cli(['status', '--json'], envFor())).stdout) as Status;
      // The same bytes under two names are one document: 5 documents from 6 files.
      expect(status.documents).toBe(5);
      expect(status.documentsByStatus).toEqual({ parsed: 2, failed: 2, unsupported: 1 });
    });

    it('changes nothing when the same files are ingested again', async () => {
      const run = await cli(['ingest', inbox, '--allow-failures'], envFor());
      expect(run.code).toBe(0);
      expect(run.stdout.match(/\(unchanged\)/g)).toHaveLength(6);
      const status = JSON.parse((await cli(['status', '--json'], envFor())).stdout) as Status;
      expect(status.documents).toBe(5);
    });

    it('exports one <original file name>.json per document in the GOLD.md shape', async () => {
      const run = await cli(['export', '--format', 'json', '--out', out], envFor());
      expect(run.code).toBe(0);
      const files = readdirSync(out).sort();
      expect(files).toEqual(['broken.pdf.json', 'empty.pdf.json', 'lusong-2023-perf.docx.json', 'notes.txt.json', 'renhua-2021-perf.pdf.json']);
      const renhua = JSON.parse(readFileSync(join(out, 'renhua-2021-perf.pdf.json'), 'utf8'));
      expect(renhua.source).toMatchObject({ file: 'renhua-2021-perf.pdf', sha256: '704072d769a90d3815fab6fdf743a974d8752b94b434a0eebd6fb168c88638d7', format: 'pdf' });
      expect(Array.isArray(renhua.reports)).toBe(true);
      const notes = JSON.parse(readFileSync(join(out, 'notes.txt.json'), 'utf8'));
      expect(notes.status).toBe('unsupported');
    });

    it('re-parses stored documents without re-extracting them', async () => {
      const run = await cli(['reparse'], envFor());
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/renhua-2021-perf\.pdf\s+parsed/);
      expect(run.stdout).toMatch(/lusong-2023-perf\.docx\s+parsed/);
    });
  });
}

behavesLikeAnIngestPipeline('the embedded default (PGlite)', () => ({ BUDGET_INGEST_DATA_DIR: embeddedDir }));
let embeddedDir = '';
beforeAll(() => {
  embeddedDir = mkdtempSync(join(tmpdir(), 'bi-data-'));
});
afterAll(() => rmSync(embeddedDir, { recursive: true, force: true }));

describe.skipIf(noPostgres)('with DATABASE_URL', () => {
  let testDb: TestDatabase;
  let blobs: string;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    blobs = mkdtempSync(join(tmpdir(), 'bi-blobs-'));
  });
  afterAll(async () => {
    await testDb?.drop();
    rmSync(blobs, { recursive: true, force: true });
  });
  behavesLikeAnIngestPipeline('a real Postgres server', () => ({ DATABASE_URL: testDb.url, BUDGET_INGEST_DATA_DIR: blobs }));

  it('migrate creates the schema and a second run is a no-op', async () => {
    const fresh = await createTestDatabase();
    try {
      const first = await cli(['migrate'], { DATABASE_URL: fresh.url });
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/schema up to date \(postgres/);
      const second = await cli(['migrate'], { DATABASE_URL: fresh.url });
      expect(second.code).toBe(0);
    } finally {
      await fresh.drop();
    }
  });
});

const ALL_COMMANDS = ['ingest', 'migrate', 'export', 'extract', 'explain', 'status', 'reparse', 'retry-failed', 'workers', 'dashboard', 'parse-number', 'findings', 'eval', 'crawl', 'sql'];

describe('the command line', () => {
  it('prints one JSON line per figure of the parser\'s figure layer with parse-number', async () => {
    const run = await cli(['parse-number', '基本支出126.15万元，增长442%', '≥95%', '没有数字', '约100万元']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ arg: 0, text: '126.15万元', value: '1261500.00', unit: '元', printedUnit: '万元', scale: 2, kind: 'money', label: '基本支出', emitted: true, compared: true });
    expect(lines.find((l) => l.arg === 3)).toMatchObject({ kind: 'money', approx: true, emitted: false, compared: true });
    expect(lines.find((l) => l.kind === 'change')).toMatchObject({ arg: 0, value: '442' });
    expect(lines.find((l) => l.arg === 1)).toMatchObject({ kind: 'percent', op: '>=', value: '95', unit: '%' });
    expect(lines.find((l) => l.arg === 2)).toMatchObject({ kind: null });
  });

  it('shows the year the readers take and, with --indicator, what an indicator cell reads as', async () => {
    const years = await cli(['parse-number', '1.2026年预算单位收入预算总表', '二〇二三年度']);
    expect(years.stdout.split('\n').map((l) => JSON.parse(l).year)).toEqual([2026, 2023]);
    const cells = await cli(['parse-number', '--indicator', '100万人次以上', '约100人', '达标']);
    expect(cells.code).toBe(0);
    expect(cells.stdout.split('\n').map((l) => JSON.parse(l))).toEqual([
      { arg: 0, input: '100万人次以上', text: '100万人次以上', value: '1000000', unit: '人次', op: '>=', approx: false },
      { arg: 1, input: '约100人', text: '约100人', value: '100', unit: '人', op: null, approx: true },
      { arg: 2, input: '达标', text: null, value: null, unit: null, op: null, approx: false },
    ]);
  });

  it('scores an export against its gold file with eval, and fails below --min-f1 only when it must', async () => {
    const gold = join(import.meta.dirname, 'fixtures/corpus/gold');
    const run = await cli(['eval', '--gold', gold, join(docs, 'renhua-2021-perf.docx'), '--quiet', '--min-f1', '0.95']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/renhua-2021-perf\.docx\s+1\.00\/1\.00\/1\.00/);
    const none = await cli(['eval', '--gold', gold, join(docs, 'lusong-2023-table.xlsx')]);
    expect(none.code).toBe(2);
  });

  it('lists the findings of an ingested file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bi-findings-'));
    try {
      const file = join(import.meta.dirname, 'fixtures/corpus/real/shanghai-putuo-sifaju-2026-dept-budget.pdf');
      expect((await cli(['ingest', file], { BUDGET_INGEST_DATA_DIR: dir })).code).toBe(0);
      const run = await cli(['findings', file], { BUDGET_INGEST_DATA_DIR: dir });
      expect(run.code).toBe(0);
      // The document compares its 2026 budget with "2026年预算" (a year that should be 2025): a real error it prints.
      expect(run.stdout).toMatch(/comparison-year-mismatch/);
      expect(run.stdout).toMatch(/\d+ finding\(s\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records a city’s budget report to the People’s Congress as out_of_scope with the reason: no report, no error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bi-scope-'));
    try {
      const file = join(import.meta.dirname, 'fixtures/corpus/real/outofscope-shenzhen-2022-city-budget-report.docx');
      const run = await cli(['ingest', file], { BUDGET_INGEST_DATA_DIR: dir });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/✓ .*outofscope-shenzhen-2022-city-budget-report\.docx.*out_of_scope.*人民代表大会/);
      const status = JSON.parse((await cli(['status', '--json'], { BUDGET_INGEST_DATA_DIR: dir })).stdout) as Status;
      expect(status.documentsByStatus).toEqual({ out_of_scope: 1 });
      expect((await cli(['status'], { BUDGET_INGEST_DATA_DIR: dir })).stdout).toMatch(/out_of_scope\s+1/);
      const out = join(dir, 'export');
      expect((await cli(['export', '--format', 'json', '--out', out], { BUDGET_INGEST_DATA_DIR: dir })).code).toBe(0);
      const exported = JSON.parse(readFileSync(join(out, 'outofscope-shenzhen-2022-city-budget-report.docx.json'), 'utf8'));
      expect(exported).toMatchObject({ status: 'out_of_scope', reports: [] });
      expect(exported.error).toMatch(/预算执行情况.*预算草案/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists every command with one line each', async () => {
    const run = await cli(['--help']);
    for (const command of ALL_COMMANDS) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
  });

  it.each(ALL_COMMANDS)('has --help for %s', async (command) => {
    const run = await cli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: budget-ingest ${command}`, 'm'));
    // At least one real example of the command under its options.
    expect(run.stdout).toMatch(new RegExp(`^Examples:\n  \\$ budget-ingest ${command}( |$)`, 'm'));
  });

  it('prints its version, and exits 2 on a usage error whoever catches it', async () => {
    const version = await cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await cli(['ingest'])).code).toBe(2);
    expect((await cli(['ingest', 'x', '--no-such-option'])).code).toBe(2);
    expect((await cli(['export', '--format', 'xml', '--out', 'x'])).code).toBe(2);
    expect((await cli(['no-such-command'])).code).toBe(2);
  });

  it('ingest --json gives each document its errorCode and closes with a summary object', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bi-json-'));
    try {
      writeFileSync(join(dir, 'empty.pdf'), '');
      copyFileSync(join(docs, 'lusong-2023-perf.docx'), join(dir, 'lusong.docx'));
      const run = await cli(['ingest', dir, '--json', '--data-dir', join(dir, 'data')]);
      expect(run.code).toBe(1);
      const lines = run.stdout.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatchObject({ status: 'failed', errorCode: 'empty', errorMessage: 'the file is empty (0 bytes)' });
      expect(lines[1]).toMatchObject({ status: 'parsed', errorCode: null });
      expect(lines[2]).toMatchObject({ summary: { documents: 2, new: 2, failed: 1, database: { kind: 'pglite', documents: 2 } } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says a missing or wrong path in one line, not as a raw ENOENT/EEXIST', async () => {
    const missing = await cli(['explain', 'missing.pdf']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('budget-ingest: missing.pdf: no such file or folder (ENOENT)');
    const dir = mkdtempSync(join(tmpdir(), 'bi-eexist-'));
    try {
      writeFileSync(join(dir, 'a-file'), '');
      const eexist = await cli(['export', '--out', join(dir, 'a-file'), '--data-dir', dir], {}, dir);
      expect(eexist.code).toBe(1);
      expect(eexist.stderr.split('\n').at(-1)).toBe('budget-ingest: a-file: already exists and is not a folder (EEXIST)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the setting that is wrong', async () => {
    const run = await cli(['status'], { DATABASE_URL: 'mysql://nope' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/DATABASE_URL/);
  });

  it('prints the document model of a file without a database', async () => {
    const run = await cli(['extract', join(docs, 'renhua-2021-perf.pdf'), '--format', 'json']);
    expect(run.code).toBe(0);
    const model = JSON.parse(run.stdout);
    expect(model.format).toBe('pdf');
    expect(model.pageCount).toBe(8);
    expect(run.stdout).toContain('仁化县医疗保障局');
  });

  it('reports a scanned PDF as needing OCR when OCR is off', async () => {
    const run = await cli(['extract', join(docs, 'lusong-2023-perf-scanned.pdf')], { OCR_ENABLED: 'false' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/OCR_ENABLED=false.*needs_ocr/);
  });
});
