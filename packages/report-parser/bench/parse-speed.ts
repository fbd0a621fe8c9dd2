/**
 * Parse time after extraction: extracts each document once, then times
 * parseDocument (median of 15 runs after 5 warm-up runs, i.e. a worker's steady state). Target: under 200 ms
 * for a 30-page document. Run: npm run bench -w @budget-ingest/report-parser
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractDocument } from '@budget-ingest/extract';
import { parseDocument } from '../src/parse-document.ts';

const root = resolve(import.meta.dirname, '../../../test/fixtures/corpus');
const RUNS = 15;
const WARMUP = 5;
const files = [
  ...readdirSync(join(root, 'docs')).filter((f) => /\.(pdf|docx)$/.test(f) && !/broken|scanned/.test(f)).map((f) => join(root, 'docs', f)),
  ...readdirSync(join(root, 'real')).filter((f) => f.endsWith('.pdf')).map((f) => join(root, 'real', f)),
];
let worst = 0;
for (const path of files) {
  const name = path.split('/').pop()!;
  try {
    const { model } = await extractDocument(readFileSync(path), { fileName: name, pathEnv: process.env['PATH'] ?? '' });
    for (let i = 0; i < WARMUP; i++) parseDocument(model);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      parseDocument(model);
      times.push(performance.now() - t0);
    }
    const median = times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
    const perThirty = model.pageCount ? (median / model.pageCount) * 30 : median;
    worst = Math.max(worst, perThirty);
    console.log(`${name.padEnd(52)} ${String(model.pageCount ?? '-').padStart(3)} pages  ${median.toFixed(1).padStart(7)} ms  (${perThirty.toFixed(1)} ms per 30 pages)`);
  } catch (err) {
    console.log(`${name}: skipped (${(err as Error).message.split('\n')[0]})`);
  }
}
console.log(`worst: ${worst.toFixed(1)} ms per 30 pages (target < 200)`);
