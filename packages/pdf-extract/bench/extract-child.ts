/**
 * Child process of the PDF memory benches, run compiled (bench/child-build.ts) as
 * the workers run: the figures are an extractor's own, without tsx's transpiling.
 *
 *   one FILE             extracts one PDF (tables on); prints its pages and the process's peak RSS
 *   soak N FILE…         extracts N documents (the files repeated) one after another and prints
 *                        the RSS at the start, every BENCH_SOAK_EVERY (500) documents and at the end
 */
import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_EXTRACT_LIMITS, isExtractError } from '@budget-ingest/doc-model';
import { extractPdf } from '../src/index.ts';

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

/**
 * This process's peak RSS in MB. Linux carries getrusage's maxRSS over fork and exec, so a child
 * of a large bench process would report the parent's size; VmHWM belongs to this address space.
 */
function peakRssMb(): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '');
  return Math.round(Number(hwm?.[1] ?? process.resourceUsage().maxRSS) / 1024);
}
const [mode, ...args] = process.argv.slice(2);

if (mode === 'one') {
  const model = await extractPdf(readFileSync(args[0]!), { limits: DEFAULT_EXTRACT_LIMITS });
  console.log(JSON.stringify({ pages: model.pageCount, blocks: model.blocks.length, peakRssMb: peakRssMb() }));
} else if (mode === 'soak') {
  const count = Number(args[0]);
  const every = Number(process.env.BENCH_SOAK_EVERY ?? 500);
  const files = args.slice(1).map((path) => readFileSync(path));
  // A full collection before each sample (the runner passes --expose-gc), so heap used is live data, not garbage awaiting a collection.
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
  // RSS at one instant depends on which document came last and on when V8 hands pages back; the
  // highest RSS after any document of the window is the figure that says whether memory grows.
  let windowPeak = 0;
  const report = (done: number): void => {
    collect();
    collect();
    const m = process.memoryUsage();
    console.log(JSON.stringify({ done, rssMb: mb(m.rss), windowPeakMb: mb(Math.max(windowPeak, m.rss)), heapMb: mb(m.heapUsed), externalMb: mb(m.external) }));
    windowPeak = 0;
  };
  report(0);
  for (let done = 1; done <= count; done++) {
    try {
      await extractPdf(files[(done - 1) % files.length]!, { limits: DEFAULT_EXTRACT_LIMITS });
    } catch (err) {
      if (!isExtractError(err)) throw err;
    }
    windowPeak = Math.max(windowPeak, process.memoryUsage.rss());
    if (done % every === 0 || done === count) report(done);
  }
} else {
  throw new Error(`usage: extract-child one FILE | soak N FILE…`);
}
