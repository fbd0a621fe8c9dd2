/**
 * Long-run memory: BENCH_SOAK documents (default 2,000; the corpus PDFs repeated)
 * extracted one after another in one process, RSS at the start, every 500
 * documents and at the end; the end must be within 10% of the 500-document figure.
 *
 *   npm run bench:soak -w packages/pdf-extract        (BENCH_SOAK=N for another length)
 */
import { corpusPdfs } from './corpus.ts';
import { soak } from './memory-bench.ts';

const count = Math.max(1, Number(process.env.BENCH_SOAK ?? 2000));
if (!(await soak(count, corpusPdfs()))) process.exitCode = 1;
