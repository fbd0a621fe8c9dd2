/**
 * Memory of one extractor process, each figure printed next to its target:
 * the peak RSS of extracting each corpus PDF in a fresh process (≤ 300 MB), a
 * long PDF (one report repeated to ten times its pages, with qpdf), and a soak
 * run of many documents in one process whose RSS must stay flat (the end within
 * 10% of the figure after 500 documents).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from './child-build.ts';
import type { CorpusPdf } from './corpus.ts';

export const PEAK_RSS_TARGET_MB = 300;
const SOAK_DRIFT_TARGET = 0.1;

const verdict = (ok: boolean): string => (ok ? 'pass' : 'FAIL');

async function peakOf(path: string): Promise<{ pages: number; peakRssMb: number } | string> {
  const run = await runChild(['one', path]);
  if (run.status !== 0) return `exit ${run.status}: ${run.stderr.trim().split('\n').pop() ?? ''}`;
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as { pages: number; peakRssMb: number };
}

/** Peak RSS of each corpus PDF in its own process; prints the largest few and the verdict. */
export async function peakPerDocument(docs: readonly CorpusPdf[]): Promise<boolean> {
  const peaks: { name: string; mb: number }[] = [];
  const failed: string[] = [];
  for (const doc of docs) {
    const r = await peakOf(doc.path);
    // Documents that fail as expected (scanned, broken) still count: the process ran them.
    if (typeof r === 'string') failed.push(doc.name);
    else peaks.push({ name: doc.name, mb: r.peakRssMb });
  }
  peaks.sort((a, b) => b.mb - a.mb);
  const worst = peaks[0]?.mb ?? 0;
  console.log(`  peak RSS per corpus PDF (one compiled process each, ${peaks.length} PDFs): max ${worst} MB, median ${peaks[Math.floor(peaks.length / 2)]?.mb ?? 0} MB  target ≤ ${PEAK_RSS_TARGET_MB} MB: ${verdict(worst <= PEAK_RSS_TARGET_MB)}`);
  console.log(`    largest: ${peaks.slice(0, 3).map((p) => `${p.name} ${p.mb} MB`).join(', ')}`);
  if (failed.length > 0) console.log(`    failed (expected for scanned/broken files): ${failed.join(', ')}`);
  return worst <= PEAK_RSS_TARGET_MB;
}

/** Peak RSS of a 32-page report and of the same report repeated to 320 pages (needs qpdf). */
export async function longPdfCheck(longPath: string): Promise<void> {
  if (spawnSync('qpdf', ['--version']).error) {
    console.log('  qpdf not found (apt-get install qpdf): no long-PDF memory figure');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'pdf-bench-'));
  try {
    const tenTimes = join(dir, 'long.pdf');
    const joined = spawnSync('qpdf', ['--empty', '--pages', ...Array<string>(10).fill(longPath), '--', tenTimes], { encoding: 'utf8' });
    if (joined.status !== 0) console.log(`  memory check: qpdf could not build the long PDF: ${joined.stderr.trim()}`);
    const short = await peakOf(longPath);
    const big = await peakOf(tenTimes);
    if (typeof short === 'string' || typeof big === 'string') console.log(`  long-PDF memory check failed: ${String(typeof short === 'string' ? short : big)}`);
    else console.log(`  long PDF, one process each: ${short.pages} pages peak RSS ${short.peakRssMb} MB; ${big.pages} pages peak RSS ${big.peakRssMb} MB  target ≤ ${PEAK_RSS_TARGET_MB} MB: ${verdict(big.peakRssMb <= PEAK_RSS_TARGET_MB)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Extracts `count` documents (the corpus repeated) in one compiled process and judges the RSS drift. */
export async function soak(count: number, docs: readonly CorpusPdf[]): Promise<boolean> {
  const t0 = performance.now();
  const run = await runChild(['soak', String(count), ...docs.map((d) => d.path)]);
  if (run.status !== 0) {
    console.log(`  soak run failed (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`);
    return false;
  }
  const points = run.stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { done: number; rssMb: number; windowPeakMb: number; heapMb: number; externalMb: number });
  console.log(`  soak: ${count} documents (${docs.length} corpus PDFs repeated) in one compiled process, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  for (const p of points) console.log(`    after ${String(p.done).padStart(5)} documents: RSS ${String(p.rssMb).padStart(4)} MB, highest since the last line ${String(p.windowPeakMb).padStart(4)} MB (after a full GC: heap used ${p.heapMb} MB, external ${p.externalMb} MB)`);
  const anchor = points.find((p) => p.done === 500) ?? points[1];
  const end = points[points.length - 1]!;
  if (!anchor || anchor === end) {
    console.log('    too few documents for a drift figure (the anchor is the figure after 500)');
    return true;
  }
  // Judged on the highest RSS of the last window against that of the window ending at the anchor.
  const drift = (end.windowPeakMb - anchor.windowPeakMb) / anchor.windowPeakMb;
  const ok = Math.abs(drift) <= SOAK_DRIFT_TARGET;
  console.log(`    highest RSS of the last window vs of the window ending at ${anchor.done}: ${(drift * 100).toFixed(1)}%  target within ±${SOAK_DRIFT_TARGET * 100}%: ${verdict(ok)}`);
  return ok;
}
