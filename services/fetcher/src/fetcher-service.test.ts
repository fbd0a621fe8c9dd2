import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@budget-ingest/config';
import { createCrawlQueue, crawlStatusBySource, enqueueCrawl, parsePortalsConfig } from '@budget-ingest/crawl';
import { createDb, crawlRuns, documents, migrate, type DbHandle } from '@budget-ingest/db';
import { streamLogger } from '@budget-ingest/logger';
import { createTestDatabase, noPostgres, noRedis, redisUrl, uniqueQueuePrefix, type TestDatabase } from '../../../test/support/services.ts';
import { startFixturePortal, type FixturePortal } from '../../../test/fixtures/portal/server.ts';
import { startFetcher, type RunningFetcher } from './fetcher-service.ts';

const EXAMPLE = readFileSync(new URL('../../../config/portals.example.yaml', import.meta.url), 'utf8');

describe.skipIf(noPostgres || noRedis)('the fetcher service', () => {
  let testDb: TestDatabase;
  let portal: FixturePortal;
  let fetcher: RunningFetcher;
  let handle: DbHandle;
  let dataDir: string;
  const prefix = uniqueQueuePrefix();
  /** Every log line the fetcher writes, parsed. */
  const logLines: Array<Record<string, unknown>> = [];
  const logger = streamLogger('info', { write: (line) => logLines.push(JSON.parse(line) as Record<string, unknown>) });

  beforeAll(async () => {
    testDb = await createTestDatabase('bi_fetcher');
    portal = await startFixturePortal();
    dataDir = await mkdtemp(join(tmpdir(), 'fetcher-svc-'));
    const config = loadConfig({ DATABASE_URL: testDb.url, REDIS_URL: redisUrl ?? '', BUDGET_INGEST_DATA_DIR: dataDir, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' });
    fetcher = await startFetcher({ config, logger, portals: parsePortalsConfig(EXAMPLE, { env: portal.env }), pathEnv: '' });
    handle = await createDb({ databaseUrl: testDb.url, dataDir });
    await migrate(handle);
  });

  afterAll(async () => {
    await fetcher?.stop();
    const conn = { url: redisUrl ?? '' };
    for (const name of ['fetch', 'extract', 'parse']) {
      const q = new Queue(name, { connection: conn, prefix });
      await q.obliterate({ force: true });
      await q.close();
    }
    await handle?.close();
    await portal?.close();
    await testDb?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('upserts the schedulers at start, crawls a queued source and hands new files to the blob store and the extract queue', async () => {
    const crawlQueue = createCrawlQueue({ url: redisUrl ?? '' }, prefix);
    try {
      expect(await crawlQueue.getJobSchedulersCount()).toBe(3);
      await enqueueCrawl(crawlQueue, { source: 'fixture-json' });
      const deadline = Date.now() + 30_000;
      let run: (typeof crawlRuns.$inferSelect)[] = [];
      while (Date.now() < deadline) {
        run = await handle.db.select().from(crawlRuns).where(eq(crawlRuns.status, 'succeeded'));
        if (run.length > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      // The JSON list's detail page links an xlsx; another entry goes straight to a download script.
      expect(run[0]).toMatchObject({ newFiles: 2, errors: 0 });
      const docs = await handle.db.select().from(documents).orderBy(documents.id);
      expect(docs.map((d) => [d.fileName, d.format, d.status])).toEqual([
        ['2023年县统计局部门预算表.xlsx', 'xlsx', 'pending'],
        ['统计局部门决算.pdf', 'pdf', 'pending'],
      ]);
      expect(docs.every((d) => d.blobKey)).toBe(true);
      expect(docs[0]?.sourceUrl).toBe(`http://${portal.hosts.main}/api/files/9001.xlsx`);
      // What the list said about each file is kept on its row: the entry's title and date, and the detail page.
      expect(docs.map((d) => [d.entryTitle, d.entryDate, d.detailUrl])).toEqual([
        ['2023年县统计局部门预算', '2023-01-20', `http://${portal.hosts.main}/api/detail/9001.html`],
        ['2022年县统计局部门决算', '2022-08-20', null],
      ]);
      const extract = new Queue('extract', { connection: { url: redisUrl ?? '' }, prefix });
      expect(await extract.count()).toBe(2);
      await extract.close();
      // The scheduled run reports itself in one log line, and in `status`.
      const finished = logLines.filter((l) => l.source === 'fixture-json' && l.msg === 'crawl finished');
      expect(finished).toEqual([expect.objectContaining({ stage: 'crawl', status: 'succeeded', newFiles: 2, unchanged: 0, errors: 0, blocked: 0, pagesFetched: 2, runId: run[0]?.id, jobId: expect.any(String) })]);
      const [status] = (await crawlStatusBySource(handle.db)).filter((s) => s.source === 'fixture-json');
      expect(status).toMatchObject({ lastStatus: 'succeeded', lastRun: { pagesFetched: 2, newFiles: 2, unchanged: 0, errors: 0, blocked: 0 }, runsWithoutNew: 0, stale: false });
    } finally {
      await crawlQueue.close();
    }
  });
});
