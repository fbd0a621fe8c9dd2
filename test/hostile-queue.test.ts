/**
 * The hostile folder through the queues: real Postgres, real Redis, a real
 * `workers` process started with --data-dir (its sandbox children must use
 * the same folder), and a kill -9 of that process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';
import { readDocuments } from './support/documents-table.ts';
import { bigSheetXlsx, makeHostileFolder, type Expected } from './support/hostile-files.ts';
import { watchPeakRss } from './support/peak-rss.ts';
import { startWorkerProcess, type WorkerProcess } from './support/processes.ts';
import { createTestDatabase, noPostgres, noRedis, redisUrl, uniqueQueuePrefix, type TestDatabase } from './support/services.ts';

const docs = join(import.meta.dirname, 'fixtures/corpus/docs');
const GiB = 1024 * 1024 * 1024;

describe.skipIf(noPostgres || noRedis)('hostile documents through the queues', { timeout: 300_000 }, () => {
  let inbox: string;
  let dataDir: string;
  let elsewhere: string;
  let testDb: TestDatabase;
  let expected: Map<string, Expected>;
  let env: Record<string, string>;
  let worker: WorkerProcess | null = null;

  beforeAll(async () => {
    inbox = mkdtempSync(join(tmpdir(), 'bi-qhostile-'));
    dataDir = mkdtempSync(join(tmpdir(), 'bi-qhostile-data-'));
    // The workers run in another folder: a child that rebuilt its config from the environment would look for blobs under ./data there.
    elsewhere = mkdtempSync(join(tmpdir(), 'bi-qhostile-cwd-'));
    expected = await makeHostileFolder(inbox, docs);
    testDb = await createTestDatabase();
    env = { DATABASE_URL: testDb.url, REDIS_URL: redisUrl!, QUEUE_PREFIX: uniqueQueuePrefix() };
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await testDb?.drop();
    for (const d of [inbox, dataDir, elsewhere]) rmSync(d, { recursive: true, force: true });
  });

  it('finishes with every file final and coded, the good ones parsed, no process over 1.5 GB, and a second ingest changes nothing', async () => {
    worker = await startWorkerProcess(env, ['--data-dir', dataDir], elsewhere);
    const watchWorkers = watchPeakRss(worker.proc.pid!);
    const watchHere = watchPeakRss(process.pid);
    const run = await cli(['ingest', inbox, '--wait', '--data-dir', dataDir, '--allow-failures'], env);
    const peaks = [watchWorkers.stop(), watchHere.stop()];
    expect(run.code, `${run.stdout}\n${run.stderr}\n${worker.output()}`).toBe(0);
    const rows = await readDocuments({ databaseUrl: testDb.url });
    for (const [name, want] of expected) expect({ name, status: rows.get(name)?.status, code: rows.get(name)?.errorCode ?? null }).toEqual({ name, ...want });
    for (const p of peaks) expect(p.bytes, `peak ${Math.round(p.bytes / 1048576)} MiB in ${p.command}`).toBeLessThan(1.5 * GiB);
    console.log(`hostile folder, queues: peak RSS ${peaks.map((p) => `${Math.round(p.bytes / 1048576)} MiB (${p.command})`).join(', ')}`);

    const again = await cli(['ingest', inbox, '--wait', '--data-dir', dataDir, '--allow-failures'], env);
    expect(again.code).toBe(0);
    expect(again.stdout.match(/ unchanged$/gm)).toHaveLength(expected.size);
    expect(await readDocuments({ databaseUrl: testDb.url })).toEqual(rows);
  });

  it('leaves no process of the workers group alive 10 s after a kill -9 of `workers` mid-extraction', async () => {
    worker?.kill('SIGKILL');
    // With the optional BullMQ sandbox layer on, the deepest process tree a worker builds.
    worker = await startWorkerProcess({ ...env, LOG_LEVEL: 'debug', SANDBOX_EXTRACT: 'true' }, ['--data-dir', dataDir], elsewhere);
    const slow = mkdtempSync(join(tmpdir(), 'bi-qslow-'));
    try {
      writeFileSync(join(slow, 'rows-150k.xlsx'), bigSheetXlsx(150_000, 2));
      expect((await cli(['ingest', slow, '--data-dir', dataDir], env)).code).toBe(0);
      const w = worker;
      await expect.poll(() => w.output().includes('extracting in a child process'), { timeout: 120_000, interval: 500 }).toBe(true);
      await new Promise((r) => setTimeout(r, 1000));
      const pgid = w.proc.pid!;
      // The workers process, a BullMQ sandbox per slot and at least one extraction child.
      expect(spawnSync('pgrep', ['-g', String(pgid)]).stdout.toString().trim().split('\n').length).toBeGreaterThan(1);
      process.kill(pgid, 'SIGKILL'); // the workers process only, not its group
      await new Promise((r) => setTimeout(r, 10_000));
      expect(spawnSync('pgrep', ['-g', String(pgid), '-a']).stdout.toString().trim()).toBe('');
      worker = null;
    } finally {
      rmSync(slow, { recursive: true, force: true });
    }
  });
});
