/**
 * PDF extraction speed over the corpus, next to poppler's pdftotext on the
 * same files in the same run, and peak memory.
 *
 *   npm run bench -w @budget-ingest/pdf-extract     (or the root `npm run bench`)
 *   BENCH_ROUNDS=3 to repeat each measurement and keep the fastest.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_EXTRACT_LIMITS, isExtractError } from '@budget-ingest/doc-model';
import { extractPdf } from '../src/index.ts';

const corpus = fileURLToPath(new URL('../../../test/fixtures/corpus/', import.meta.url));
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));

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

async function timeOurs(tables: boolean): Promise<{ ms: number; pages: number; tables: number; failed: string[] }> {
  let best = Infinity;
  let pages = 0;
  let tableCount = 0;
  const failed: string[] = [];
  for (let r = 0; r < rounds; r++) {
    pages = 0;
    tableCount = 0;
    failed.length = 0;
    const t0 = performance.now();
    for (const doc of docs) {
      try {
        const model = await extractPdf(doc.bytes, { limits: DEFAULT_EXTRACT_LIMITS, tables });
        pages += model.pageCount ?? 0;
        tableCount += model.blocks.filter((b) => b.kind === 'table').length;
      } catch (err) {
        if (!isExtractError(err)) throw err;
        failed.push(`${doc.path.split('/').pop()}: ${err.code}`);
      }
      sample();
    }
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, pages, tables: tableCount, failed };
}

function timePdftotext(): { ms: number } | null {
  const probe = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  if (probe.error) return null;
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const doc of docs) spawnSync('pdftotext', ['-enc', 'UTF-8', doc.path, '-'], { maxBuffer: 64 * 1024 * 1024 });
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best };
}

// Warm up: load pdfjs-dist and its CMaps once, outside the timings.
await extractPdf(docs.find((d) => d.path.endsWith('renhua-2021-perf.pdf'))?.bytes ?? docs[0]!.bytes, { limits: DEFAULT_EXTRACT_LIMITS }).catch(() => undefined);

const textOnly = await timeOurs(false);
const withTables = await timeOurs(true);
const poppler = timePdftotext();

const pps = (pages: number, ms: number): string => (pages / (ms / 1000)).toFixed(1);
const pages = withTables.pages;
console.log(`PDF extraction over ${docs.length} corpus PDFs (${pages} readable pages; best of ${rounds} round(s))`);
console.log(`  failed as expected: ${withTables.failed.join(', ') || 'none'}`);
if (poppler) console.log(`  pdftotext (poppler)        ${poppler.ms.toFixed(0).padStart(7)} ms  ${pps(pages, poppler.ms).padStart(7)} pages/s`);
else console.log('  pdftotext not found (apt-get install poppler-utils): no reference figure');
const ratio = (ms: number): string => (poppler ? `  ${(ms / poppler.ms).toFixed(1)}× pdftotext` : '');
console.log(`  extractPdf, text only      ${textOnly.ms.toFixed(0).padStart(7)} ms  ${pps(pages, textOnly.ms).padStart(7)} pages/s${ratio(textOnly.ms)}`);
console.log(`  extractPdf, with tables    ${withTables.ms.toFixed(0).padStart(7)} ms  ${pps(pages, withTables.ms).padStart(7)} pages/s${ratio(withTables.ms)}  (${withTables.tables} tables)`);
console.log(`  peak RSS ${(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024).toFixed(0)} MB`);
