/**
 * End-to-end throughput of the queued pipeline: the corpus PDFs and DOCX
 * files repeated (each copy made unique by trailing bytes, so none is
 * deduplicated) to BENCH_DOCS documents (default 200), ingested through
 * BullMQ. What it varies is extraction *slots* (BENCH_SLOTS, default
 * "1x1,1x2,2x1,1x1@1,1x2@2": worker processes × EXTRACT_CONCURRENCY each), so
 * it says what a second core buys. "@k" pins the configuration to k cores
 * (taskset: workers, their children, the ingest command, and the bench's own
 * Postgres and Redis): on the whole machine one slot already keeps more than
 * one core busy (a document's parse and load overlap the next one's
 * extraction, and V8 compiles on helper threads), so unpinned rows cannot say
 * what one more core buys; N slots on N cores against one slot on one core
 * can. Before each configuration poppler's pdftotext reads the
 * same PDFs one after another (one process, one core), and each row prints
 * its pages/s next to that pass's: only ratios within one run mean anything
 * on a machine whose speed drifts. A pinned row also runs pdftotext in one
 * independent stream per pinned core: what k cores give pdftotext over one
 * core is what the slots' scaling is read against (two vCPUs of a virtual
 * machine need not do twice the work of one). Also prints documents/min, the scaling
 * against one slot measured the same way, and the peak resident memory of each worker
 * process and its sandboxed extractor children. Starts throwaway Postgres and
 * Redis when DATABASE_URL/REDIS_URL are unset.
 *
 *   npm run bench -w packages/pipeline
 *   BENCH_DOCS=60 BENCH_SLOTS=1x1@1,1x2@2 npm run bench -w packages/pipeline
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'packages/cli/bin/budget-ingest.mjs');
const corpus = join(root, 'test/fixtures/corpus/docs');
const total = Number(process.env.BENCH_DOCS ?? 200);
const configs = (process.env.BENCH_SLOTS ?? '1x1,1x2,2x1,1x1@1,1x2@2').split(',').map((c) => {
  const m = /^(\d+)x(\d+)(?:@(\d+))?$/.exec(c.trim());
  if (!m) throw new Error(`BENCH_SLOTS: "${c}" is not workers×slots[@cores], e.g. 1x2 or 1x2@2`);
  return { name: c.trim(), workers: Number(m[1]), slots: Number(m[2]), cores: m[3] === undefined ? null : Number(m[3]) };
});

/**
 * Uses DATABASE_URL/REDIS_URL when set; otherwise starts throwaway servers with
 * scripts/test-services.sh. `pids`: the servers' processes, which a pinned
 * configuration pins with the rest (none for servers the bench did not start).
 */
function servers(): { serverUrl: string; redisUrl: string; stop: () => void; pids: () => number[] } {
  if (process.env.DATABASE_URL && process.env.REDIS_URL) return { serverUrl: process.env.DATABASE_URL, redisUrl: process.env.REDIS_URL, stop: () => undefined, pids: () => [] };
  const script = join(root, 'scripts/test-services.sh');
  const out = execFileSync('bash', [script, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const env = Object.fromEntries([...out.matchAll(/export (\w+)='([^']*)'/g)].map((m) => [m[1], m[2]]));
  console.log('bench: started throwaway Postgres and Redis');
  const dir = env.TEST_SERVICES_DIR!;
  // Postgres forks a backend per connection from the postmaster, which inherits its affinity: pinning the postmaster pins them.
  const pids = () => [join(dir, 'pg/data/postmaster.pid'), join(dir, 'redis.pid')].map((f) => Number(readFileSync(f, 'utf8').split('\n')[0]));
  return { serverUrl: env.DATABASE_URL!, redisUrl: env.REDIS_URL!, stop: () => execFileSync('bash', [script, 'stop', dir], { stdio: 'ignore' }), pids };
}
const { serverUrl, redisUrl, stop: stopServers, pids: serverPids } = servers();
const serversSampled = serverPids().length > 0;

/** The CPU list of the first `cores` cores ("0-1"), or null for the whole machine. */
const cpuList = (cores: number | null) => (cores === null ? null : `0-${cores - 1}`);
const allCores = `0-${(await import('node:os')).availableParallelism() - 1}`;

/**
 * Sets the affinity of processes and every thread and descendant they have now
 * (taskset -a; children forked later inherit it). A process that could not be
 * pinned while it still runs makes the row mean something else: say so.
 */
function pin(pids: readonly number[], cpus: string): void {
  for (const pid of pids.flatMap((p) => [p, ...descendants(p)])) {
    try {
      execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
    } catch (err) {
      if (existsSync(`/proc/${pid}`)) console.warn(`bench: could not pin process ${pid} to cores ${cpus}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
}

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

/** Every process under `pid` (its descendants, depth first). */
function descendants(pid: number): number[] {
  let kids: number[] = [];
  try {
    kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return kids.flatMap((c) => [c, ...descendants(c)]);
}

/**
 * CPU seconds (user + system) used so far by a worker process and by its
 * descendants, kept per pid so a child that exits keeps what it used: where
 * the time goes — the worker's main process (job dispatch, and whatever stage
 * runs there), BullMQ's sandboxed processors, the extraction children.
 */
const TICKS = 100;
function sampleCpu(pid: number, into: Map<number, { role: string; s: number }>, serverRole?: string): void {
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const s = (Number(f[11]) + Number(f[12])) / TICKS;
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      const role = serverRole ?? (p === pid ? 'main' : /isolated-extract|extract-child/.test(cmd) ? 'extractors' : /bullmq|sandbox/.test(cmd) ? 'sandboxes' : 'other');
      into.set(p, { role, s: Math.max(into.get(p)?.s ?? 0, s) });
    } catch {
      // exited between listing and reading
    }
  }
}

/**
 * CPU seconds the cores a configuration runs on (the first `coreCount`, or all
 * of them) have spent busy (every process: workers, extraction children,
 * Postgres, Redis, the ingest command), from /proc/stat. Over a
 * configuration's wall time it says how many cores the run kept busy: a run
 * that already fills its cores cannot gain from another slot.
 */
function busySeconds(coreCount: number | null): number {
  const lines = readFileSync('/proc/stat', 'utf8').split('\n');
  // The first line sums every core; "cpuN" lines are the cores one by one.
  const chosen = coreCount === null ? [lines[0]!] : lines.filter((l) => Number(/^cpu(\d+) /.exec(l)?.[1] ?? Infinity) < coreCount);
  let busy = 0;
  for (const line of chosen) {
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
    busy += f.slice(0, 8).reduce((a, b, i) => (i === 3 || i === 4 ? a : a + b), 0);
  }
  return busy / TICKS;
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

/** Runs a command to its end; `cpu`, when given, is kept up to date with the CPU seconds it used (sampled while it runs). */
function run(args: string[], env: Record<string, string>, cpu?: { s: number }, cpus: string | null = null): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawnNode([bin, ...args], env, cpus);
    const seen = new Map<number, { role: string; s: number }>();
    const sample = () => {
      sampleCpu(p.pid!, seen);
      if (cpu) cpu.s = [...seen.values()].reduce((a, v) => a + v.s, 0);
    };
    const sampler = cpu ? setInterval(sample, 100) : undefined;
    let out = '';
    p.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => {
      clearInterval(sampler);
      if (code === 0) resolve(out);
      else reject(new Error(`budget-ingest ${args[0]} exited ${code}`));
    });
  });
}

/** Starts node with `args`, on the given cores only when `cpus` is set. */
function spawnNode(args: string[], env: Record<string, string>, cpus: string | null): ChildProcess {
  const opts = { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] as ['ignore', 'pipe', 'inherit'] };
  return cpus === null ? spawn(process.execPath, args, opts) : spawn('taskset', ['-c', cpus, process.execPath, ...args], opts);
}

/**
 * The machine's own scaling on the pinned cores: pdftotext over every PDF of
 * the inbox in `coreCount` independent streams, stream i pinned to core i
 * (pages/s). Nothing is shared between the streams, so what k cores give over
 * one here is what the machine gives work that scales perfectly: on this kind
 * of virtual machine two vCPUs need not make two cores' worth of work, and the
 * slots' figure is read against this one measured in the same run.
 */
async function pdftotextOnCores(dir: string, coreCount: number): Promise<number> {
  const pdfs = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
  const started = performance.now();
  let pages = 0;
  await Promise.all(
    Array.from({ length: coreCount }, async (_, core) => {
      for (let i = core; i < pdfs.length; i += coreCount) {
        // Text to /dev/null: a pipe would add this process's reading to the cores being measured.
        await execFileAsync('taskset', ['-c', String(core), 'pdftotext', '-enc', 'UTF-8', join(dir, pdfs[i]!), '/dev/null']);
        pages += pageCount(join(dir, pdfs[i]!));
      }
    }),
  );
  return pages / ((performance.now() - started) / 1000);
}

/**
 * pdftotext over every PDF of the inbox, one after another: pages/s of one core running poppler.
 * The anchor is measured as robustly as it can be: the pages are counted before the clock starts
 * (pdfinfo inside the timing once made poppler look twice as slow), the files are in the page cache
 * (a first pass outside the timing), the text goes to /dev/null rather than through a pipe into
 * this process, and the figure is the median of ANCHOR_PASSES passes (default 3).
 */
function pdftotextPass(dir: string): number {
  const pdfs = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
  const pages = pdfs.reduce((sum, f) => sum + pageCount(join(dir, f)), 0);
  const pass = (): number => {
    const started = performance.now();
    for (const f of pdfs) execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, f), '/dev/null'], { stdio: 'ignore' });
    return performance.now() - started;
  };
  pass();
  const passes = Array.from({ length: Math.max(1, Number(process.env.ANCHOR_PASSES ?? 3)) }, pass).sort((a, b) => a - b);
  return pages / (passes[Math.floor(passes.length / 2)]! / 1000);
}
const pageCounts = new Map<string, number>();
function pageCount(path: string): number {
  const key = path.replace(/^.*\/\d+-/, '');
  if (!pageCounts.has(key)) pageCounts.set(key, Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1] ?? 0));
  return pageCounts.get(key)!;
}

const inbox = makeInbox();
const cores = (await import('node:os')).availableParallelism();
console.log(`pipeline throughput: ${total} documents (corpus PDFs/DOCX repeated), ${cores} cores; slots = worker processes × EXTRACT_CONCURRENCY`);
console.log('workers×slots[@cores pinned]  then: documents, pages, wall s, documents/min, pages/s, pdftotext pages/s just before, ÷ pdftotext, × one slot (the last 1×1 row, whole machine or pinned alike), peak MiB per worker (main / extraction children)');
console.log('       config  documents  pages  wall s  documents/min  pages/s  pdftotext pages/s  ÷ pdftotext           × one slot  peak MiB');
const stages: string[] = [];
function stageLine(config: string, wall: number, row: { extract_ms: string; parse_ms: string }, cpu: Map<number, { role: string; s: number }>, busy: number, ingest: number, coreCount: number): string {
  const byRole = new Map<string, number>();
  for (const { role, s } of cpu.values()) byRole.set(role, (byRole.get(role) ?? 0) + s);
  // Servers the bench did not start are not sampled: n/a rather than a zero that reads as measured.
  const seconds = (k: string) => (serversSampled || (k !== 'postgres' && k !== 'redis') ? `${(byRole.get(k) ?? 0).toFixed(1)} s` : 'n/a');
  const roles = ['main', 'sandboxes', 'extractors', 'other', 'postgres', 'redis'].map((k) => `${k} ${seconds(k)}`).join(', ');
  return `${config.padStart(13)}  wall ${wall.toFixed(1)} s; extract ${(Number(row.extract_ms) / 1000).toFixed(1)} s, parse ${(Number(row.parse_ms) / 1000).toFixed(1)} s; CPU ${roles}, ingest --wait ${ingest.toFixed(1)} s; ${(busy / wall).toFixed(2)} of ${coreCount} cores busy (${busy.toFixed(0)} CPU s)`;
}
/** pages/s of the last one-slot row, on the whole machine and pinned: what N slots are compared with. */
const oneSlot = new Map<'whole' | 'pinned', number>();
/** pdftotext pages/s on one pinned core, measured before the last pinned one-slot row. */
let popplerOneCore: number | null = null;
const ceilings: string[] = [];
for (const { name, workers: n, slots, cores: pinnedCores } of configs) {
  const poppler = pdftotextPass(inbox);
  const popplerPinned = pinnedCores === null ? null : await pdftotextOnCores(inbox, pinnedCores);
  const cpus = cpuList(pinnedCores);
  if (cpus) console.log(`${name.padStart(13)}  pinned to cores ${cpus}${serversSampled ? '' : ' (not Postgres and Redis: the bench did not start them; unset DATABASE_URL/REDIS_URL to pin them too)'}`);
  await withDatabase(async (url) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bi-bench-data-'));
    const env = {
      DATABASE_URL: url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
      BUDGET_INGEST_DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      EXTRACT_CONCURRENCY: String(slots),
    };
    await run(['migrate'], env);
    if (cpus) pin([...serverPids(), process.pid], cpus);
    const workers: ChildProcess[] = [];
    for (let i = 0; i < n; i++) {
      const w = spawnNode([bin, 'workers'], env, cpus);
      await new Promise<void>((resolve) => w.stdout!.on('data', (d: Buffer) => d.toString().includes('workers running') && resolve()));
      workers.push(w);
    }
    const peaks = workers.map(() => ({ self: 0, children: 0 }));
    const cpu = new Map<number, { role: string; s: number }>();
    // The servers' processes ran before this configuration: what they had used by now is subtracted at the end.
    const sampleServers = (into: Map<number, { role: string; s: number }>) => serverPids().forEach((pid, i) => sampleCpu(pid, into, i === 0 ? 'postgres' : 'redis'));
    const serversBefore = new Map<number, { role: string; s: number }>();
    sampleServers(serversBefore);
    const sampler = setInterval(() => {
      sampleServers(cpu);
      workers.forEach((w, i) => {
        sampleCpu(w.pid!, cpu);
        try {
          const m = peakMemory(w.pid!);
          peaks[i] = { self: Math.max(peaks[i]!.self, m.self), children: Math.max(peaks[i]!.children, m.children) };
        } catch {
          // not yet started or gone
        }
      });
    }, 250);
    const started = performance.now();
    const busyBefore = busySeconds(pinnedCores);
    const ingestCpu = { s: 0 };
    await run(['ingest', inbox, '--wait'], env, ingestCpu, cpus);
    const wall = (performance.now() - started) / 1000;
    const busy = busySeconds(pinnedCores) - busyBefore;
    clearInterval(sampler);
    if (cpus) pin([...serverPids(), process.pid], allCores);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const r = await c.query<{ docs: string; pages: string; extract_ms: string; parse_ms: string }>(
      "SELECT count(*) FILTER (WHERE status = 'parsed')::text AS docs, coalesce(sum(page_count), 0)::text AS pages, coalesce(sum(extract_ms), 0)::text AS extract_ms, coalesce(sum(parse_ms), 0)::text AS parse_ms FROM documents",
    );
    await c.end();
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((resolve) => w.on('exit', resolve))));
    rmSync(dataDir, { recursive: true, force: true });
    const docs = Number(r.rows[0]!.docs);
    const pages = Number(r.rows[0]!.pages);
    workers.forEach((w) => sampleCpu(w.pid!, cpu));
    sampleServers(cpu);
    for (const [pid, v] of serversBefore) if (cpu.has(pid)) cpu.set(pid, { ...cpu.get(pid)!, s: cpu.get(pid)!.s - v.s });
    stages.push(stageLine(name, wall, r.rows[0]!, cpu, busy, ingestCpu.s, pinnedCores ?? cores));
    const mem = peaks.map((p) => `${p.self.toFixed(0)} / ${p.children.toFixed(0)}`).join(', ');
    const rate = pages / wall;
    const slotCount = n * slots;
    const kind = pinnedCores === null ? 'whole' : 'pinned';
    if (slotCount === 1) oneSlot.set(kind, rate);
    const base = oneSlot.get(kind);
    if (popplerPinned !== null && pinnedCores === 1) popplerOneCore = popplerPinned;
    if (popplerPinned !== null && popplerOneCore !== null && base !== undefined && pinnedCores! > 1) {
      const ceiling = popplerPinned / popplerOneCore;
      ceilings.push(`${name.padStart(13)}  pdftotext on ${pinnedCores} cores ${popplerPinned.toFixed(1)} pages/s = ${ceiling.toFixed(2)}× one core; the slots ${(rate / base).toFixed(2)}× one slot = ${(rate / base / ceiling).toFixed(2)} of what the cores gave pdftotext`);
    }
    // The scaling target: N slots at least 0.8·N times one slot (measured the same way, whole machine or pinned).
    const scaling = base === undefined ? '—' : `${(rate / base).toFixed(2)} (≥ ${(0.8 * slotCount).toFixed(1)}${rate / base >= 0.8 * slotCount ? ' met' : ' not met'})`;
    console.log(
      `${name.padStart(13)}  ${String(docs).padStart(9)}  ${String(pages).padStart(5)}  ${wall.toFixed(1).padStart(6)}  ${((docs / wall) * 60).toFixed(1).padStart(13)}  ${rate.toFixed(1).padStart(7)}  ${poppler.toFixed(1).padStart(17)}  ${(rate / poppler).toFixed(2).padStart(11)}  ${scaling.padStart(19)}  ${mem}`,
    );
  });
}
console.log('\nwhere the time goes: stage milliseconds summed over documents (extract: the stage in its worker, child included; parse: the parser alone), CPU seconds per process role, and how many cores of those the configuration runs on (all, or the pinned ones) were busy during the run (idle machine: the run\'s own processes, Postgres and Redis included)');
for (const line of stages) console.log(line);
if (ceilings.length > 0) {
  console.log('\nthe cores themselves: pdftotext in independent streams, one per pinned core, against one stream on one core (measured before each pinned row): what these cores give a program that shares nothing between its streams');
  for (const line of ceilings) console.log(line);
}
rmSync(inbox, { recursive: true, force: true });
stopServers();
