import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { noRedis, redisUrl, uniqueQueuePrefix } from '../../../test/support/services.ts';
import { parsePortalsConfig } from './portal-config.ts';
import { createCrawlQueue, createCrawlWorker, enqueueCrawl, syncCrawlSchedulers, type CrawlQueue } from './schedules.ts';

const EXAMPLE = readFileSync(new URL('../../../config/portals.example.yaml', import.meta.url), 'utf8');
const config = parsePortalsConfig(EXAMPLE, { env: { PORTAL_MAIN: '127.0.0.1:1', PORTAL_FILES: '127.0.0.1:2', PORTAL_FLAKY: '127.0.0.1:3', PORTAL_GUARDED: '127.0.0.1:4' } });

describe.skipIf(noRedis)('crawl schedules on BullMQ', () => {
  const closers: Array<() => Promise<unknown>> = [];
  const connection = () => ({ url: redisUrl ?? '' });
  const queue = (prefix: string): CrawlQueue => {
    const q = createCrawlQueue(connection(), prefix);
    closers.push(async () => {
      await q.obliterate({ force: true });
      await q.close();
    });
    return q;
  };

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('upserts one Job Scheduler per enabled portal with a cron, even when several fetchers start at once', async () => {
    const prefix = uniqueQueuePrefix();
    const [a, b] = [queue(prefix), queue(prefix)];
    const results = await Promise.all([syncCrawlSchedulers(a, config), syncCrawlSchedulers(b, config)]);
    expect(results.filter((r) => r.owner)).toHaveLength(1);
    const schedulers = await a.getJobSchedulers(0, -1);
    expect(schedulers.map((s) => [s.id ?? s.key, s.pattern, s.tz]).sort()).toEqual([
      ['crawl:fixture-hanweb', '30 3 * * 1', 'Asia/Shanghai'],
      ['crawl:fixture-query', '0 4 * * 1', 'Asia/Shanghai'],
      ['crawl:fixture-trs', '0 3 * * 1', 'Asia/Shanghai'],
    ]);
    expect(await a.getJobSchedulersCount()).toBe(3);
  });

  it('keeps one scheduler per portal across restarts and removes the schedulers of portals no longer configured', async () => {
    const q = queue(uniqueQueuePrefix());
    await syncCrawlSchedulers(q, config, { lockTtlMs: 20 });
    await new Promise((r) => setTimeout(r, 40));
    await syncCrawlSchedulers(q, config, { lockTtlMs: 20 });
    expect(await q.getJobSchedulersCount()).toBe(3);
    await new Promise((r) => setTimeout(r, 40));
    const fewer = { portals: config.portals.filter((p) => p.name !== 'fixture-query') };
    const r = await syncCrawlSchedulers(q, fewer, { lockTtlMs: 20 });
    expect(r.removed).toEqual(['crawl:fixture-query']);
    expect(await q.getJobSchedulersCount()).toBe(2);
  });

  it('runs an enqueued crawl job on the worker with the source name', async () => {
    const prefix = uniqueQueuePrefix();
    const q = queue(prefix);
    const seen: string[] = [];
    const worker = createCrawlWorker(connection(), async (data) => {
      seen.push(data.source);
      return { ok: true };
    }, { prefix });
    closers.push(() => worker.close());
    const done = new Promise<void>((resolve) => worker.on('completed', () => resolve()));
    await enqueueCrawl(q, { source: 'fixture-trs' });
    await done;
    expect(seen).toEqual(['fixture-trs']);
  });
});
