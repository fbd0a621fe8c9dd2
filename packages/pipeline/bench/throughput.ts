/**
 * End-to-end throughput of the queued pipeline: the corpus PDFs and DOCX
 * files repeated (each copy made unique by trailing bytes, so none is
 * deduplicated) to BENCH_DOCS documents (default 200), ingested through
 * BullMQ with 1 and then 2 worker processes. Prints documents/min, pages/s
 * and the peak resident memory of each worker process and its sandboxed
 * extractor children. Needs DATABASE_URL and REDIS_URL (scripts/test-services.sh).
 *
 *   eval "$(scripts/test-services.sh start)" && npm run bench -w packages/pipeline
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'packages/cli/bin/budget-ingest.mjs');
const corpus = join(root, 'test/fixtures/corpus/docs');
const total = Number(process.env.BENCH_DOCS ?? 200);
const workerCounts = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);

/** Uses DATABASE_URL/REDIS_URL when set; otherwise starts throwaway servers with scripts/test-services.sh. */
function servers(): { serverUrl: string; redisUrl: string; stop: () => void } {
  if (process.env.DATABASE_URL && process.env.REDIS_URL) return { serverUrl: process.env.DATABASE_URL, redisUrl: process.env.REDIS_URL, stop: () => undefined };
  const script = join(root, 'scripts/test-services.sh');
  const out = execFileSync('bash', [script, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const env = Object.fromEntries([...out.matchAll(/export (\w+)='([^']*)'/g)].map((m) => [m[1], m[2]]));
  console.log('bench: started throwaway Postgres and Redis');
  return { serverUrl: env.DATABASE_URL!, redisUrl: env.REDIS_URL!, stop: () => execFileSync('bash', [script, 'stop', env.TEST_SERVICES_DIR!], { stdio: 'ignore' }) };
}
const { serverUrl, redisUrl, stop: stopServers } = servers();

function makeInbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bi-bench-'));
  const sources = readdirSync(corpus).filter((f) => /^(renhua-2021-perf|lusong-2023-perf|wanyuan-2022-final-accounts)\.(pdf|docx)$/.test(f));
  for (let i = 0; i < total; i++) {
    const src = sources[i % sources.length]!;
    const bytes = readFileSync(join(corpus, src));
    // PDF readers ignore bytes after %%EOF; a ZIP is copied as is for its first round only.
    if (src.endsWith('.pdf')) writeFileSync(join(dir, `${i}-${src}`), Buffer.concat([bytes, Buffer.from(`\n% bench copy ${i}\n`)]));
    else if (i < sources.length) copyFileSync(join(corpus, src), join(dir, `${i}-${src}`));
    else writeFileSync(join(dir, `${i}-${src.replace('.docx', '.pdf')}`), Buffer.concat([readFileSync(join(corpus, src.replace('.docx', '.pdf'))), Buffer.from(`\n% bench copy ${i}\n`)]));
  }
  return dir;
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `bi_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** Peak RSS (VmHWM) of a process and of its descendants, in MiB. */
function peakMemory(pid: number): { self: number; children: number } {
  const hwm = (p: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const childrenOf = (p: number): number[] => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const all = (p: number): number[] => childrenOf(p).flatMap((c) => [c, ...all(c)]);
  let children = 0;
  for (const c of all(pid)) {
    try {
      children = Math.max(children, hwm(c));
    } catch {
      // exited
    }
  }
  return { self: hwm(pid), children };
}

function run(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`budget-ingest ${args[0]} exited ${code}`))));
  });
}

const inbox = makeInbox();
console.log(`pipeline throughput: ${total} documents (corpus PDFs/DOCX repeated), ${process.env.EXTRACT_CONCURRENCY ?? 2} extract jobs per worker`);
console.log('workers  documents  pages  wall s  documents/min  pages/s  peak MiB per worker (main / sandboxed extractor)');
for (const n of workerCounts) {
  await withDatabase(async (url) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bi-bench-data-'));
    const env = { DATABASE_URL: url, REDIS_URL: redisUrl, QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`, BUDGET_INGEST_DATA_DIR: dataDir, LOG_LEVEL: 'error' };
    await run(['migrate'], env);
    const workers: ChildProcess[] = [];
    for (let i = 0; i < n; i++) {
      const w = spawn(process.execPath, [bin, 'workers'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => w.stdout!.on('data', (d: Buffer) => d.toString().includes('workers running') && resolve()));
      workers.push(w);
    }
    const peaks = workers.map(() => ({ self: 0, children: 0 }));
    const sampler = setInterval(() => {
      workers.forEach((w, i) => {
        try {
          const m = peakMemory(w.pid!);
          peaks[i] = { self: Math.max(peaks[i]!.self, m.self), children: Math.max(peaks[i]!.children, m.children) };
        } catch {
          // not yet started or gone
        }
      });
    }, 250);
    const started = performance.now();
    await run(['ingest', inbox, '--wait'], env);
    const wall = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const r = await c.query<{ docs: string; pages: string }>("SELECT count(*) FILTER (WHERE status = 'parsed')::text AS docs, coalesce(sum(page_count), 0)::text AS pages FROM documents");
    await c.end();
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((resolve) => w.on('exit', resolve))));
    rmSync(dataDir, { recursive: true, force: true });
    const docs = Number(r.rows[0]!.docs);
    const pages = Number(r.rows[0]!.pages);
    const mem = peaks.map((p) => `${p.self.toFixed(0)} / ${p.children.toFixed(0)}`).join(', ');
    console.log(`${String(n).padStart(7)}  ${String(docs).padStart(9)}  ${String(pages).padStart(5)}  ${wall.toFixed(1).padStart(6)}  ${((docs / wall) * 60).toFixed(1).padStart(13)}  ${(pages / wall).toFixed(1).padStart(7)}  ${mem}`);
  });
}
rmSync(inbox, { recursive: true, force: true });
stopServers();
