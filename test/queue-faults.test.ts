/**
 * The queued pipeline while its services fail under it, with real worker
 * processes: Postgres killing every connection mid-run, Redis restarting
 * mid-run (with and without its append-only file), Redis away when
 * everything starts, and SIGTERM with Redis gone. Each run must end with the
 * data of an undisturbed run.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';
import { ownRedis, type OwnRedis } from './support/own-redis.ts';
import { startWorkerProcess, type WorkerProcess } from './support/processes.ts';
import { createTestDatabase, noPostgres, noRedis, redisUrl, uniqueQueuePrefix, type TestDatabase } from './support/services.ts';

const docs = join(import.meta.dirname, 'fixtures/corpus/docs');
// Small files first, so the run is under way early, and an 8-page PDF that keeps it going for a while.
const FILES = ['lusong-2023-perf.docx', 'hubei-ezhou-caizhengju-2019-project-perf.pdf', 'renhua-2021-perf.pdf', 'lusong-2023-table.xlsx'].map((f) => join(docs, f));

async function exportOf(env: Record<string, string>): Promise<Record<string, unknown>> {
  const out = mkdtempSync(join(tmpdir(), 'bi-fexport-'));
  try {
    expect((await cli(['export', '--out', out], env)).code).toBe(0);
    return Object.fromEntries(readdirSync(out).map((f) => [f, JSON.parse(readFileSync(join(out, f), 'utf8'))]));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function query<T>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Resolves once some document has left `pending`: the run is under way, with work left. */
async function midRun(url: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const [row] = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM documents WHERE status <> 'pending'`);
    if (row!.n > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the run never started');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Scenario {
  readonly db: TestDatabase;
  readonly env: Record<string, string>;
  worker: WorkerProcess | null;
  readonly dirs: string[];
}

// Worker processes compile the sources on start and extract real PDFs: tens of seconds each on 2 cores.
describe.skipIf(noPostgres || noRedis)('the queued pipeline while its services fail', { timeout: 240_000 }, () => {
  let undisturbed: Record<string, unknown>;
  const scenarios: Scenario[] = [];
  const redises: OwnRedis[] = [];

  /** A database, a data dir and (with `redis`) a Redis of its own; the worker starts when asked. */
  async function scenario(redis: string, extra: Record<string, string> = {}): Promise<Scenario> {
    const db = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'bi-fault-'));
    const env = { DATABASE_URL: db.url, REDIS_URL: redis, QUEUE_PREFIX: uniqueQueuePrefix(), BUDGET_INGEST_DATA_DIR: dataDir, EXTRACT_CONCURRENCY: '1', ...extra };
    const s: Scenario = { db, env, worker: null, dirs: [dataDir] };
    scenarios.push(s);
    return s;
  }

  beforeAll(async () => {
    // The reference: the same files in-process on Postgres, nothing disturbed.
    const base = await scenario('');
    const env = { DATABASE_URL: base.db.url, BUDGET_INGEST_DATA_DIR: base.env.BUDGET_INGEST_DATA_DIR! };
    expect((await cli(['ingest', ...FILES], env)).code).toBe(0);
    undisturbed = await exportOf(env);
    expect(Object.keys(undisturbed)).toHaveLength(4);
  });
  afterAll(async () => {
    for (const s of scenarios) {
      s.worker?.kill('SIGKILL');
      await s.db.drop();
      for (const d of s.dirs) rmSync(d, { recursive: true, force: true });
    }
    for (const r of redises) r.dispose();
  });

  it('rides out Postgres terminating every connection mid-run: workers and ingest --wait live on', async () => {
    const s = await scenario(redisUrl!);
    s.worker = await startWorkerProcess(s.env);
    const run = cli(['ingest', ...FILES, '--wait'], s.env);
    await midRun(s.db.url);
    // What a restart does to every client: 57P01 on each connection, idle or busy, several times.
    for (let i = 0; i < 6; i++) {
      await query(s.db.url, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      await sleep(700);
    }
    const done = await run;
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(s.worker.proc.exitCode).toBeNull();
    expect(await exportOf(s.env)).toEqual(undisturbed);
  });

  it.each([
    { persistence: true, what: 'with its append-only file' },
    { persistence: false, what: 'without persistence (the jobs are lost and queued again)' },
  ])('rides out a Redis restart mid-run $what: ingest --wait says so and finishes', async ({ persistence }) => {
    const redis = await ownRedis({ persistence });
    redises.push(redis);
    redis.start();
    const s = await scenario(redis.url);
    s.worker = await startWorkerProcess(s.env);
    const run = cli(['ingest', ...FILES, '--wait'], s.env);
    await midRun(s.db.url);
    redis.stop();
    await sleep(3_000);
    redis.start();
    const done = await run;
    expect(done.stderr).toMatch(/Redis \(REDIS_URL\) is unreachable .*; waiting up to 120 s/);
    expect(done.stderr).toMatch(/Redis is back; going on/);
    expect(done.code).toBe(0);
    expect(await exportOf(s.env)).toEqual(undisturbed);
  });

  it('shows and re-queues documents whose jobs a Redis restart without persistence lost', async () => {
    const redis = await ownRedis({ persistence: false });
    redises.push(redis);
    redis.start();
    const s = await scenario(redis.url);
    // No worker: the four jobs wait in Redis, which then restarts empty.
    expect((await cli(['ingest', ...FILES], s.env)).code).toBe(0);
    redis.stop();
    redis.start();
    const lost = JSON.parse((await cli(['status', '--json'], s.env)).stdout) as { withoutJob: { status: string; stage: string }[]; queues: Record<string, { waiting: number }> };
    expect(lost.withoutJob).toHaveLength(4);
    expect(lost.withoutJob.every((d) => d.status === 'pending' && d.stage === 'extract')).toBe(true);
    expect((await cli(['status'], s.env)).stdout).toMatch(/4 document\(s\) pending or extracted with no job in the queues/);
    const retry = await cli(['retry-failed'], s.env);
    expect(retry.code).toBe(0);
    expect(retry.stdout).toContain('4 document(s) without a job in the queues queued again');
    const after = JSON.parse((await cli(['status', '--json'], s.env)).stdout) as typeof lost;
    expect(after.withoutJob).toEqual([]);
    expect(after.queues.extract!.waiting).toBe(4);
  });

  it('starts with Redis away: ingest fails at once naming REDIS_URL, workers wait; later the run completes; SIGTERM with Redis gone exits by its deadline', async () => {
    const redis = await ownRedis({ persistence: true });
    redises.push(redis);
    const s = await scenario(redis.url, { REDIS_CONNECT_TIMEOUT_MS: '1500', SHUTDOWN_TIMEOUT_MS: '3000' });
    s.worker = await startWorkerProcess(s.env);
    const refused = await cli(['ingest', ...FILES], s.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cannot use REDIS_URL .*did not answer within 1\.5 s/);
    redis.start();
    const done = await cli(['ingest', ...FILES, '--wait'], s.env);
    expect(done.code).toBe(0);
    expect(await exportOf(s.env)).toEqual(undisturbed);

    redis.stop();
    await sleep(500);
    const signalled = Date.now();
    s.worker.kill('SIGTERM');
    const code = await s.worker.exited();
    const took = Date.now() - signalled;
    s.worker = null;
    expect(took).toBeLessThan(3_000 + 3_000);
    expect(code).not.toBeNull();
  });
});
