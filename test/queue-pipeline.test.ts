/**
 * The distributed pipeline with real Redis, real Postgres and real worker
 * processes: it must load exactly what the in-process run loads, survive a
 * killed worker and a Redis restart, and record every bad file.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';
import { startWorkerProcess, type WorkerProcess } from './support/processes.ts';
import { createTestDatabase, noPostgres, noRedis, redisUrl, uniqueQueuePrefix, type TestDatabase } from './support/services.ts';

const docs = join(import.meta.dirname, 'fixtures/corpus/docs');

/** Good documents and bad ones mixed: corrupt, empty, encrypted, scanned, plain text. */
function makeInbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bi-qinbox-'));
  for (const f of ['renhua-2021-perf.pdf', 'renhua-2021-perf.docx', 'lusong-2023-perf.pdf', 'lusong-2023-perf.docx', 'lusong-2023-table.xlsx', 'wanyuan-2022-final-accounts.pdf', 'wanyuan-2022-final-accounts.docx']) {
    copyFileSync(join(docs, f), join(dir, f));
  }
  copyFileSync(join(docs, 'renhua-2021-perf-broken.pdf'), join(dir, 'corrupt.pdf'));
  copyFileSync(join(docs, 'lusong-2023-perf-scanned.pdf'), join(dir, 'scanned.pdf'));
  copyFileSync(join(import.meta.dirname, 'fixtures/encrypted.pdf'), join(dir, 'encrypted.pdf'));
  writeFileSync(join(dir, 'empty.docx'), '');
  writeFileSync(join(dir, 'readme.txt'), '这不是预算文件\n');
  return dir;
}

function readExports(dir: string): Record<string, unknown> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'))]));
}

async function documentCounts(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ t: string; n: string }>(`
      SELECT 'documents' AS t, count(*)::text AS n FROM documents UNION ALL
      SELECT 'reports', count(*)::text FROM reports UNION ALL
      SELECT 'amounts', count(*)::text FROM amounts UNION ALL
      SELECT 'lines', count(*)::text FROM expenditure_lines UNION ALL
      SELECT 'indicators', count(*)::text FROM indicators UNION ALL
      SELECT 'contents', count(*)::text FROM document_contents`);
    return Object.fromEntries(r.rows.map((row) => [row.t, Number(row.n)]));
  } finally {
    await c.end();
  }
}

// Worker processes compile the sources on start and run real extraction: minutes, not seconds, on 2 cores.
describe.skipIf(noPostgres || noRedis)('the queued pipeline', { timeout: 420_000 }, () => {
  let inbox: string;
  let testDb: TestDatabase;
  let dataDir: string;
  let worker: WorkerProcess | null = null;
  let env: Record<string, string>;

  beforeAll(async () => {
    inbox = makeInbox();
    testDb = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'bi-qdata-'));
    // OCR off: the scan is one of the bad files here (needs_ocr); test/ocr-scans.test.ts reads scans.
    env = { DATABASE_URL: testDb.url, REDIS_URL: redisUrl!, QUEUE_PREFIX: uniqueQueuePrefix(), BUDGET_INGEST_DATA_DIR: dataDir, OCR_ENABLED: 'false' };
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await testDb?.drop();
    rmSync(inbox, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the same reports and rows as the in-process run, with every bad file recorded', async () => {
    const embedded = mkdtempSync(join(tmpdir(), 'bi-embedded-'));
    const outA = mkdtempSync(join(tmpdir(), 'bi-exportA-'));
    const outB = mkdtempSync(join(tmpdir(), 'bi-exportB-'));
    try {
      expect((await cli(['ingest', inbox, '--allow-failures'], { BUDGET_INGEST_DATA_DIR: embedded, OCR_ENABLED: 'false' })).code).toBe(0);
      expect((await cli(['export', '--out', outA], { BUDGET_INGEST_DATA_DIR: embedded })).code).toBe(0);

      worker = await startWorkerProcess(env);
      const run = await cli(['ingest', inbox, '--wait', '--allow-failures'], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/waiting: 12\/12 document\(s\) done/);
      expect((await cli(['export', '--out', outB], env)).code).toBe(0);

      const a = readExports(outA);
      const b = readExports(outB);
      expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
      expect(b).toEqual(a);

      const statusOf = (f: string) => (b[`${f}.json`] as { status: string }).status;
      expect(statusOf('corrupt.pdf')).toBe('failed');
      expect(statusOf('encrypted.pdf')).toBe('failed');
      expect(statusOf('empty.docx')).toBe('failed');
      expect(statusOf('scanned.pdf')).toBe('needs_ocr');
      expect(statusOf('readme.txt')).toBe('unsupported');
      for (const good of ['renhua-2021-perf.pdf', 'lusong-2023-perf.docx', 'wanyuan-2022-final-accounts.pdf', 'lusong-2023-table.xlsx']) expect(statusOf(good)).toBe('parsed');
      // Permanent input errors end at once: one attempt, no retries.
      const extractQueue = new Queue('extract', { connection: { url: redisUrl! }, prefix: env.QUEUE_PREFIX });
      const failed = await extractQueue.getFailed();
      await extractQueue.close();
      // corrupt, encrypted, empty, scanned, plain text: five bad files, five failed jobs.
      expect(failed.length).toBe(5);
      expect(failed.every((j) => j.attemptsMade === 1)).toBe(true);
      // `status` reads the same queue depths.
      const status = JSON.parse((await cli(['status', '--json'], env)).stdout) as { queues: Record<string, { failed: number; waiting: number; active: number }> };
      expect(status.queues.extract).toMatchObject({ failed: 5, waiting: 0, active: 0 });
    } finally {
      for (const d of [embedded, outA, outB]) rmSync(d, { recursive: true, force: true });
    }
  });

  it('changes nothing when the same files are queued again', async () => {
    const before = await documentCounts(testDb.url);
    const run = await cli(['ingest', inbox, '--wait', '--allow-failures'], env);
    expect(run.code).toBe(0);
    expect(run.stdout.match(/ unchanged$/gm)).toHaveLength(12);
    expect(await documentCounts(testDb.url)).toEqual(before);
  });

  it('reruns on the workers: reparse and retry-failed queue their jobs and, with --wait, report the outcome', async () => {
    const before = await documentCounts(testDb.url);
    const parsedAt = async () => {
      const c = new pg.Client({ connectionString: testDb.url });
      await c.connect();
      try {
        return (await c.query<{ f: string; t: Date }>(`SELECT file_name AS f, parsed_at AS t FROM documents WHERE status = 'parsed' ORDER BY 1`)).rows;
      } finally {
        await c.end();
      }
    };
    const firstParse = await parsedAt();
    const parseQueue = new Queue('parse', { connection: { url: redisUrl! }, prefix: env.QUEUE_PREFIX });
    const extractQueue = new Queue('extract', { connection: { url: redisUrl! }, prefix: env.QUEUE_PREFIX });
    try {
      const reparseStarted = Date.now();
      const reparse = await cli(['reparse', '--wait'], env);
      expect(reparse.code).toBe(0);
      expect(reparse.stdout).toContain(`${firstParse.length} document(s) queued for parse`);
      expect(reparse.stdout.match(/ parsed\s+\d+ report\(s\)/gm)).toHaveLength(firstParse.length);
      // The workers parsed every document again (later parse times), adding no rows.
      const secondParse = await parsedAt();
      expect(secondParse.map((r) => r.f)).toEqual(firstParse.map((r) => r.f));
      for (const [i, r] of secondParse.entries()) expect(r.t.getTime()).toBeGreaterThan(firstParse[i]!.t.getTime());
      // …through the parse queue: one job per document finished after the command started.
      expect((await parseQueue.getCompleted()).filter((j) => (j.finishedOn ?? 0) >= reparseStarted)).toHaveLength(firstParse.length);

      const failedBefore = (await extractQueue.getFailed()).map((j) => j.finishedOn);
      const retry = await cli(['retry-failed', '--wait'], env);
      // Documents that end failed again make the run exit 1, as for ingest, unless --allow-failures.
      expect(retry.code).toBe(1);
      // corrupt.pdf, encrypted.pdf and empty.docx fail again, on the workers.
      expect(retry.stdout).toContain('3 document(s) queued for extract');
      expect(retry.stdout.match(/ failed\s/gm)).toHaveLength(3);
      const failedAfter = (await extractQueue.getFailed()).map((j) => j.finishedOn);
      expect(failedAfter).toHaveLength(failedBefore.length);
      expect(Math.max(...failedAfter.map(Number))).toBeGreaterThan(Math.max(...failedBefore.map(Number)));
      expect(await documentCounts(testDb.url)).toEqual(before);
    } finally {
      await parseQueue.close();
      await extractQueue.close();
    }
  });

  it('stops gracefully on SIGTERM', async () => {
    worker!.kill('SIGTERM');
    expect(await worker!.exited()).toBe(0);
    expect(worker!.output()).not.toMatch(/second signal|shutdown failed/);
    worker = null;
  });
});

/** A Redis of this test's own, so it can be stopped and restarted without disturbing other tests. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function startRedis(port: number, dir: string): void {
  execFileSync('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', dir, '--daemonize', 'yes', '--pidfile', join(dir, 'redis.pid')]);
  for (let i = 0; i < 50; i++) {
    try {
      execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'ignore' });
      return;
    } catch {
      execFileSync('sleep', ['0.1']);
    }
  }
}

describe.skipIf(noPostgres || noRedis)('faults', { timeout: 300_000 }, () => {
  it('retries the job of a worker killed mid-extraction, and completes without duplicate rows', async () => {
    const testDb = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'bi-kill-'));
    const env = {
      DATABASE_URL: testDb.url,
      REDIS_URL: redisUrl!,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      BUDGET_INGEST_DATA_DIR: dataDir,
      EXTRACT_CONCURRENCY: '1',
      JOB_LOCK_MS: '3000',
      STALLED_CHECK_MS: '1000',
    };
    let first: WorkerProcess | null = null;
    let second: WorkerProcess | null = null;
    try {
      first = await startWorkerProcess(env);
      const queued = await cli(['ingest', join(docs, 'wanyuan-2022-final-accounts.pdf'), join(docs, 'lusong-2023-perf.pdf'), join(docs, 'renhua-2021-perf.pdf')], env);
      expect(queued.code).toBe(0);
      const extract = new Queue('extract', { connection: { url: redisUrl! }, prefix: env.QUEUE_PREFIX });
      // Kill the worker (and its sandboxed extractor) while a job is active.
      for (let i = 0; i < 200 && (await extract.getActiveCount()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await extract.getActiveCount()).toBe(1);
      first.kill('SIGKILL');
      await first.exited();
      first = null;

      second = await startWorkerProcess(env);
      const waited = await cli(['ingest', join(docs, 'wanyuan-2022-final-accounts.pdf'), join(docs, 'lusong-2023-perf.pdf'), join(docs, 'renhua-2021-perf.pdf'), '--wait'], env);
      expect(waited.code).toBe(0);
      // The killed job stalled and was retried; every document ends parsed, once.
      const c = new pg.Client({ connectionString: testDb.url });
      await c.connect();
      const statuses = (await c.query<{ status: string }>('SELECT status::text FROM documents ORDER BY id')).rows.map((r) => r.status);
      const perDoc = (await c.query<{ n: string }>('SELECT count(*)::text AS n FROM reports GROUP BY document_id, ordinal HAVING count(*) > 1')).rows;
      const contents = (await c.query<{ n: string }>('SELECT count(*)::text AS n FROM document_contents')).rows[0]!.n;
      await c.end();
      expect(statuses).toEqual(['parsed', 'parsed', 'parsed']);
      expect(perDoc).toEqual([]);
      expect(contents).toBe('3');
      await extract.close();
    } finally {
      first?.kill('SIGKILL');
      second?.kill('SIGKILL');
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('completes a run after Redis restarts in the middle of it', async () => {
    const testDb = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'bi-redis-'));
    const redisDir = mkdtempSync(join(tmpdir(), 'bi-own-redis-'));
    const port = await freePort();
    startRedis(port, redisDir);
    const env = { DATABASE_URL: testDb.url, REDIS_URL: `redis://127.0.0.1:${port}`, QUEUE_PREFIX: uniqueQueuePrefix(), BUDGET_INGEST_DATA_DIR: dataDir, EXTRACT_CONCURRENCY: '1' };
    let worker: WorkerProcess | null = null;
    try {
      worker = await startWorkerProcess(env);
      const files = ['wanyuan-2022-final-accounts.pdf', 'lusong-2023-perf.pdf', 'renhua-2021-perf.pdf', 'lusong-2023-perf.docx'].map((f) => join(docs, f));
      expect((await cli(['ingest', ...files], env)).code).toBe(0);
      // Restart Redis (append-only file keeps the queues) while jobs are running.
      execFileSync('redis-cli', ['-p', String(port), 'shutdown']);
      await new Promise((r) => setTimeout(r, 1500));
      startRedis(port, redisDir);
      const waited = await cli([...['ingest', ...files], '--wait'], env);
      expect(waited.code).toBe(0);
      const c = new pg.Client({ connectionString: testDb.url });
      await c.connect();
      const statuses = (await c.query<{ status: string }>('SELECT status::text FROM documents ORDER BY id')).rows.map((r) => r.status);
      await c.end();
      expect(statuses).toEqual(['parsed', 'parsed', 'parsed', 'parsed']);
    } finally {
      worker?.kill('SIGKILL');
      spawn('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { stdio: 'ignore' });
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(redisDir, { recursive: true, force: true });
    }
  });
});
