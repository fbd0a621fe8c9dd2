/**
 * OCR speed and memory. For each page: the engine's own time on it (the
 * anchor: `tesseract` with its default whole-page layout analysis, one
 * thread, on the page rendered at the same dpi) and our whole reading of it
 * (render, deskew, seal and speckle, rulings, the engine's runs on the body
 * and the cells, the figures re-read), printed as seconds and as a ratio to
 * the anchor. Then a long scan end to end (`--pages N`, default 100: the
 * corpus scan's pages repeated) through extractDocument, as a pooled
 * extraction child runs it: pages/s, and the resident memory of this process
 * and of the engine processes it starts, sampled every 100 ms, peak and per
 * tenth of the scan (flat, or growing).
 *
 *   npm run bench -w packages/ocr -- [--pages 100] [--slots 1] [--skip-long]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_EXTRACT_LIMITS } from '@budget-ingest/doc-model';
import { extractDocument } from '@budget-ingest/extract';
import { DEFAULT_OCR_SETTINGS, findEngine, openPdfOcr, type OcrStageTimes } from '../src/index.ts';
import { makeScan } from '../test/make-scan.ts';
import { SCANNED_FORMS } from '../test/scanned-forms.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const PAGES = arg('pages', 100);
const SLOTS = arg('slots', 1);
const docs = new URL('../../../test/fixtures/corpus/docs/', import.meta.url);
const work = mkdtempSync(join(tmpdir(), 'ocr-bench-'));
const settings = { ...DEFAULT_OCR_SETTINGS, slots: 1 };
const PATH = process.env.PATH ?? '';
const engine = await findEngine(settings.language, PATH);
if (!engine.engine) throw new Error(engine.missing);
const tesseract = engine.engine.tesseract;

// Pages: the corpus scan's two pages (150 dpi scans of prose), and two scanned forms (300 dpi, tables, a seal).
const samples: { name: string; pdf: string; page: number }[] = [
  { name: 'lusong-scanned p1', pdf: fileOf(docs, 'lusong-2023-perf-scanned.pdf'), page: 1 },
  { name: 'lusong-scanned p2', pdf: fileOf(docs, 'lusong-2023-perf-scanned.pdf'), page: 2 },
];
for (const f of SCANNED_FORMS.filter((x) => x.recipe.dpi === 300)) {
  const pdf = join(work, `${f.name}.pdf`);
  writeFileSync(pdf, makeScan(fileOf(docs, f.source), f.page, f.recipe));
  samples.push({ name: f.name, pdf, page: 1 });
}

console.log(`engine ${engine.engine.name}; ${settings.dpi} dpi; one thread per engine run; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
console.log('page                   anchor s   ours s   ratio   (render / image / engine s)');
let anchorSum = 0;
let oursSum = 0;
for (const s of samples) {
  const png = join(work, 'anchor');
  execFileSync('pdftoppm', ['-r', String(settings.dpi), '-gray', '-png', '-singlefile', '-f', String(s.page), '-l', String(s.page), s.pdf, png]);
  const anchor = best(3, () => execFileSync(tesseract, [`${png}.png`, 'stdout', '-l', settings.language, '--dpi', String(settings.dpi), 'tsv'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'ignore', 'ignore'] }));
  // The stage times of the fastest of the three runs.
  let times: OcrStageTimes = { render: 0, image: 0, engine: 0 };
  let ours = Infinity;
  for (let round = 0; round < 3; round++) {
    const t: OcrStageTimes = { render: 0, image: 0, engine: 0 };
    const started = performance.now();
    const ocr = await openPdfOcr(new Uint8Array(readFileSync(s.pdf)), settings, PATH, { times: t });
    try {
      await ocr.readPage(s.page, 595.28, 841.89);
    } finally {
      await ocr.close();
    }
    const ms = performance.now() - started;
    if (ms < ours) {
      ours = ms;
      times = t;
    }
  }
  anchorSum += anchor;
  oursSum += ours;
  console.log(`${s.name.padEnd(22)} ${(anchor / 1000).toFixed(2).padStart(8)} ${(ours / 1000).toFixed(2).padStart(8)} ${(ours / anchor).toFixed(2).padStart(7)}   (${[times.render, times.image, times.engine].map((t) => (t / 1000).toFixed(2)).join(' / ')})`);
}
console.log(`${'mean'.padEnd(22)} ${(anchorSum / samples.length / 1000).toFixed(2).padStart(8)} ${(oursSum / samples.length / 1000).toFixed(2).padStart(8)} ${(oursSum / anchorSum).toFixed(2).padStart(7)}`);

if (!process.argv.includes('--skip-long')) {
  // A long scan: the corpus scan's pages repeated, one PDF, through the extractor as a pooled child runs it.
  const two = fileOf(docs, 'lusong-2023-perf-scanned.pdf');
  const long = join(work, `scan-${PAGES}.pdf`);
  execFileSync('pdfunite', [...Array.from({ length: Math.ceil(PAGES / 2) }, () => two), long]);
  const bytes = new Uint8Array(readFileSync(long));
  const samplesMb: { page: number; self: number; engines: number }[] = [];
  let done = 0;
  let peakSelf = 0;
  let peakEngines = 0;
  const timer = setInterval(() => {
    const self = rssKb(process.pid);
    const engines = childrenRssKb(process.pid);
    peakSelf = Math.max(peakSelf, self);
    peakEngines = Math.max(peakEngines, engines);
    samplesMb.push({ page: done, self, engines });
  }, 100);
  const t0 = performance.now();
  const { model } = await extractDocument(bytes, {
    fileName: 'long.pdf',
    pathEnv: PATH,
    // A 150 dpi colour scan inflates to about 5 MiB a page: a long one passes the default MAX_PDF_INFLATED_BYTES (512 MiB).
    limits: { ...DEFAULT_EXTRACT_LIMITS, maxSecondsPerDocument: 3600, maxPages: 10_000, maxPdfInflatedBytes: 4 * 1024 ** 3 },
    ocr: { ...settings, slots: SLOTS },
    onOcrPage: (n) => (done = n),
  });
  const s = (performance.now() - t0) / 1000;
  clearInterval(timer);
  const pages = model.pages.filter((p) => p.ocr).length;
  console.log(`\nlong scan: ${pages}/${model.pageCount} pages read by OCR in ${s.toFixed(1)} s, ${(pages / s).toFixed(3)} pages/s (${SLOTS} slot(s)); warnings ${model.warnings.length}`);
  console.log(`peak resident: this process ${(peakSelf / 1024).toFixed(0)} MiB, engine processes ${(peakEngines / 1024).toFixed(0)} MiB`);
  const tenths = Array.from({ length: 10 }, (_, k) => samplesMb.filter((x) => x.page >= (k * pages) / 10 && x.page < ((k + 1) * pages) / 10));
  console.log(`this process's resident MiB by tenth of the scan (max): ${tenths.map((t) => (t.length ? Math.max(...t.map((x) => x.self)) / 1024 : 0).toFixed(0)).join(' ')}`);
  console.log(`engine processes' resident MiB by tenth (max):        ${tenths.map((t) => (t.length ? Math.max(...t.map((x) => x.engines)) / 1024 : 0).toFixed(0)).join(' ')}`);
}

function fileOf(base: URL, name: string): string {
  return new URL(name, base).pathname;
}

function best(n: number, run: () => unknown): number {
  let b = Infinity;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    run();
    b = Math.min(b, performance.now() - t);
  }
  return b;
}

function rssKb(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Resident kB of the processes this one started (pdftoppm, tesseract, and prlimit's exec of them). */
function childrenRssKb(pid: number): number {
  let sum = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) sum += rssKb(Number(d));
    } catch {
      // gone
    }
  }
  return sum;
}
