/**
 * PDF extraction speed over the corpus, next to poppler's pdftotext on the
 * same files in the same run, and peak memory.
 *
 *   npm run bench -w @budget-ingest/pdf-extract     (or the root `npm run bench`)
 *   BENCH_ROUNDS=N (default 3): each document keeps its fastest of N runs; V8 needs a few passes
 *   over pdfjs before it runs at full speed, as it does in a long-running worker.
 *
 * With qpdf installed it also checks that memory stays bounded on a long PDF:
 * the peak RSS of extracting a 32-page report and the same report repeated to
 * 320 pages, each in its own process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_EXTRACT_LIMITS, isExtractError } from '@budget-ingest/doc-model';
import { extractPdf } from '../src/index.ts';

const corpus = fileURLToPath(new URL('../../../test/fixtures/corpus/', import.meta.url));
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

const files = ['docs', 'real'].flatMap((dir) =>
  readdirSync(`${corpus}${dir}`)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => `${corpus}${dir}/${f}`),
);
const docs = files.map((path) => ({ path, bytes: readFileSync(path) }));

let peakRss = 0;
const sample = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

const hasPdftotext = !spawnSync('pdftotext', ['-v']).error;

interface DocTimes {
  pdftotext: number;
  textOnly: number;
  withTables: number;
}

/** Our extraction of one document; its pages and tables, or the ExtractError code it failed with. */
async function ours(bytes: Uint8Array, tables: boolean): Promise<{ ms: number; pages: number; tables: number; failed: string | null }> {
  const t0 = performance.now();
  try {
    const model = await extractPdf(bytes, { limits: DEFAULT_EXTRACT_LIMITS, tables });
    return { ms: performance.now() - t0, pages: model.pageCount ?? 0, tables: model.blocks.filter((b) => b.kind === 'table').length, failed: null };
  } catch (err) {
    if (!isExtractError(err)) throw err;
    return { ms: performance.now() - t0, pages: 0, tables: 0, failed: err.code };
  } finally {
    sample();
  }
}

function pdftotext(path: string): number {
  const t0 = performance.now();
  spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return performance.now() - t0;
}

// Warm up with one pass over the corpus, outside the timings: a worker runs for many documents,
// and a fresh process's first documents are up to 2× slower while V8 compiles pdfjs.
for (const doc of docs) await extractPdf(doc.bytes, { limits: DEFAULT_EXTRACT_LIMITS }).catch(() => undefined);

// The three measurements alternate document by document, so that a shared machine's changing
// speed weighs on each alike; each document keeps its fastest time over the rounds.
const best: DocTimes[] = docs.map(() => ({ pdftotext: Infinity, textOnly: Infinity, withTables: Infinity }));
let pages = 0;
let tableCount = 0;
const failed: string[] = [];
for (let r = 0; r < rounds; r++) {
  for (const [i, doc] of docs.entries()) {
    const b = best[i]!;
    if (hasPdftotext) b.pdftotext = Math.min(b.pdftotext, pdftotext(doc.path));
    b.textOnly = Math.min(b.textOnly, (await ours(doc.bytes, false)).ms);
    const full = await ours(doc.bytes, true);
    b.withTables = Math.min(b.withTables, full.ms);
    if (r === 0) {
      pages += full.pages;
      tableCount += full.tables;
      if (full.failed) failed.push(`${doc.path.split('/').pop()}: ${full.failed}`);
    }
  }
}
const total = (key: keyof DocTimes): number => best.reduce((s, b) => s + b[key], 0);
const poppler = hasPdftotext ? { ms: total('pdftotext') } : null;
const textOnly = { ms: total('textOnly') };
const withTables = { ms: total('withTables'), tables: tableCount, failed };

const pps = (pages: number, ms: number): string => (pages / (ms / 1000)).toFixed(1);
console.log(`PDF extraction over ${docs.length} corpus PDFs (${pages} readable pages; after a warm-up pass, best of ${rounds} round(s))`);
console.log(`  failed as expected: ${withTables.failed.join(', ') || 'none'}`);
if (poppler) console.log(`  pdftotext (poppler)        ${poppler.ms.toFixed(0).padStart(7)} ms  ${pps(pages, poppler.ms).padStart(7)} pages/s`);
else console.log('  pdftotext not found (apt-get install poppler-utils): no reference figure');
const ratio = (ms: number): string => (poppler ? `  ${(ms / poppler.ms).toFixed(1)}× pdftotext` : '');
console.log(`  extractPdf, text only      ${textOnly.ms.toFixed(0).padStart(7)} ms  ${pps(pages, textOnly.ms).padStart(7)} pages/s${ratio(textOnly.ms)}`);
console.log(`  extractPdf, with tables    ${withTables.ms.toFixed(0).padStart(7)} ms  ${pps(pages, withTables.ms).padStart(7)} pages/s${ratio(withTables.ms)}  (${withTables.tables} tables)`);
console.log('  (each total adds every document\'s fastest run; pdftotext\'s includes starting its process)');
console.log(`  peak RSS ${(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024).toFixed(0)} MB`);

/** Peak RSS of extracting one file in a fresh process. */
function peakOf(path: string): { pages: number; peakRssMb: number } | null {
  const child = fileURLToPath(new URL('./extract-one.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', child, path], { encoding: 'utf8' });
  if (run.status !== 0) {
    console.log(`  memory check: extracting ${path} failed (exit ${run.status}): ${run.stderr.trim().split('\n').pop() ?? ''}`);
    return null;
  }
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as { pages: number; peakRssMb: number };
}

const long = docs.find((d) => d.path.endsWith('wanyuan-2022-final-accounts.pdf'));
if (long && !spawnSync('qpdf', ['--version']).error) {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-bench-'));
  try {
    const tenTimes = join(dir, 'long.pdf');
    const joined = spawnSync('qpdf', ['--empty', '--pages', ...Array<string>(10).fill(long.path), '--', tenTimes], { encoding: 'utf8' });
    if (joined.status !== 0) console.log(`  memory check: qpdf could not build the long PDF: ${joined.stderr.trim()}`);
    const short = peakOf(long.path);
    const big = peakOf(tenTimes);
    if (short && big) console.log(`  memory, one process per file: ${short.pages} pages peak RSS ${short.peakRssMb} MB; ${big.pages} pages peak RSS ${big.peakRssMb} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else console.log('  qpdf not found (apt-get install qpdf): no long-PDF memory figure');
