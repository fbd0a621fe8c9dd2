/**
 * Commands facing services that are away, refuse us, or are shared with a
 * second run: they answer in bounded time with the cause, and never lose or
 * duplicate work. In-process runs (no worker processes), so these are quick.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';
import { freePort, ownRedis, type OwnRedis } from './support/own-redis.ts';
import { createTestDatabase, noPostgres, noRedis, type TestDatabase } from './support/services.ts';

const docs = join(import.meta.dirname, 'fixtures/corpus/docs');
const ROOT = join(import.meta.dirname, '..');

describe.skipIf(noPostgres || noRedis)('Redis that cannot be used', () => {
  let testDb: TestDatabase;
  let dataDir: string;
  let locked: OwnRedis;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'bi-noredis-'));
    locked = await ownRedis({ persistence: false, password: 'right-password' });
    locked.start();
  });
  afterAll(async () => {
    locked?.dispose();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const file = join(docs, 'lusong-2023-perf.docx');
  const cases = [
    { what: 'nothing listens on its port', url: async () => `redis://127.0.0.1:${await freePort()}`, why: /did not answer within 1\.5 s/ },
    { what: 'it refuses the password', url: async () => `redis://:wrong-password@127.0.0.1:${locked.port}`, why: /refused the password/ },
  ];

  it.each(cases)('makes status and ingest fail within the connect timeout, naming REDIS_URL, when $what', async ({ url, why }) => {
    const env = { DATABASE_URL: testDb.url, REDIS_URL: await url(), BUDGET_INGEST_DATA_DIR: dataDir, REDIS_CONNECT_TIMEOUT_MS: '1500' };
    for (const args of [['status'], ['ingest', file]]) {
      const started = Date.now();
      const run = await cli(args, env);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/cannot use REDIS_URL \(redis:\/\/.*127\.0\.0\.1:\d+\/?\)/);
      expect(run.stderr).toMatch(why);
      // The password is never printed.
      expect(run.stderr).not.toContain('wrong-password');
    }
  }, 60_000);
});

describe.skipIf(noPostgres || noRedis)('Redis that goes away and stays away', () => {
  it('ends ingest --wait after REDIS_OUTAGE_MS with a message naming REDIS_URL', async () => {
    const testDb = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'bi-outage-'));
    const redis = await ownRedis({ persistence: false });
    redis.start();
    try {
      // No worker: --wait polls until Redis goes; then it waits REDIS_OUTAGE_MS and gives up.
      const env = { DATABASE_URL: testDb.url, REDIS_URL: redis.url, BUDGET_INGEST_DATA_DIR: dataDir, REDIS_OUTAGE_MS: '2000' };
      const run = cli(['ingest', join(docs, 'lusong-2023-perf.docx'), '--wait'], env);
      await new Promise((r) => setTimeout(r, 4_000));
      const stopped = Date.now();
      redis.stop();
      const done = await run;
      expect(Date.now() - stopped).toBeLessThan(15_000);
      expect(done.code).toBe(1);
      expect(done.stderr).toMatch(/Redis \(REDIS_URL\) is unreachable .*waiting up to 2 s/);
      expect(done.stderr).toMatch(/Redis at REDIS_URL \(redis:\/\/127\.0\.0\.1:\d+\/?\) has been unreachable for 2 s/);
    } finally {
      redis.dispose();
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

async function rowCounts(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ t: string; n: number }>(`
      SELECT 'documents' AS t, count(*)::int AS n FROM documents UNION ALL
      SELECT 'parsed', count(*)::int FROM documents WHERE status = 'parsed' UNION ALL
      SELECT 'reports', count(*)::int FROM reports UNION ALL
      SELECT 'amounts', count(*)::int FROM amounts UNION ALL
      SELECT 'lines', count(*)::int FROM expenditure_lines UNION ALL
      SELECT 'indicators', count(*)::int FROM indicators`);
    return Object.fromEntries(r.rows.map((row) => [row.t, row.n]));
  } finally {
    await c.end();
  }
}

describe.skipIf(noPostgres)('two in-process ingests of one folder on the same Postgres', () => {
  it('both finish, and the database holds the rows of one run', async () => {
    const inbox = mkdtempSync(join(tmpdir(), 'bi-twice-'));
    for (const f of ['lusong-2023-perf.docx', 'renhua-2021-perf.docx', 'lusong-2023-table.xlsx', 'wanyuan-2022-final-accounts.docx']) copyFileSync(join(docs, f), join(inbox, f));
    const [shared, alone] = [await createTestDatabase(), await createTestDatabase()];
    // With DATABASE_URL the data dir holds only the blob store, which two runs on one machine share.
    const dataDirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'bi-twice-data-')));
    try {
      const envOf = (url: string, dir: string) => ({ DATABASE_URL: url, BUDGET_INGEST_DATA_DIR: dir });
      // Migrate first, as a deployment does; then two runs race on every document.
      expect((await cli(['migrate'], envOf(shared.url, dataDirs[0]!))).code).toBe(0);
      const [a, b] = await Promise.all([cli(['ingest', inbox], envOf(shared.url, dataDirs[0]!)), cli(['ingest', inbox], envOf(shared.url, dataDirs[0]!))]);
      expect(a.stderr + b.stderr).toBe('');
      expect([a.code, b.code]).toEqual([0, 0]);
      expect((await cli(['ingest', inbox], envOf(alone.url, dataDirs[1]!))).code).toBe(0);
      const counts = await rowCounts(shared.url);
      expect(counts.parsed).toBe(4);
      expect(counts).toEqual(await rowCounts(alone.url));
    } finally {
      await shared.drop();
      await alone.drop();
      for (const d of [inbox, ...dataDirs]) rmSync(d, { recursive: true, force: true });
    }
  }, 180_000);
});

describe.skipIf(noPostgres)('a crash with a database error in hand', () => {
  it('prints the error and its SQLSTATE, without the connection’s cancel key or password', async () => {
    const testDb = await createTestDatabase();
    try {
      // A process whose pg client has no error listener dies of the server's 57P01: the crash dump
      // shows what exitOnCrashSanitized prints instead of Node's dump of the whole client.
      const script = `
        import pg from 'pg';
        import { exitOnCrashSanitized } from '@budget-ingest/pipeline';
        exitOnCrashSanitized();
        const c = new pg.Client({ connectionString: process.env.URL });
        await c.connect();
        console.log('connected', c.processID);
        setInterval(() => {}, 1000);
      `;
      const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, URL: testDb.url }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
      proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
      for (let i = 0; i < 300 && !out.includes('connected'); i++) await new Promise((r) => setTimeout(r, 100));
      const pid = Number(/connected (\d+)/.exec(out)?.[1]);
      const admin = new pg.Client({ connectionString: testDb.url });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await admin.end();
      expect(await exited).toBe(1);
      expect(out).toMatch(/uncaught exception/);
      expect(out).toContain('57P01');
      expect(out).not.toMatch(/secretKey|connectionParameters/);
    } finally {
      await testDb.drop();
    }
  }, 60_000);
});
