import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFixturePortal, type FixturePortal } from '../../../test/fixtures/portal/server.ts';
import { HostScheduler } from './host-scheduler.ts';
import { HttpFetcher, type HttpFetcherOptions } from './http-fetcher.ts';
import { DEFAULT_POLITENESS } from './portal-config.ts';

describe('HttpFetcher against the fixture portal', () => {
  let portal: FixturePortal;
  let dir: string;

  beforeAll(async () => {
    portal = await startFixturePortal();
    dir = await mkdtemp(join(tmpdir(), 'fetcher-test-'));
  });
  afterAll(async () => {
    await portal.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => portal.reset());

  const fetcher = (over: Partial<HttpFetcherOptions> = {}) =>
    new HttpFetcher({
      politeness: { ...DEFAULT_POLITENESS, minDelayMs: 5, jitter: 0 },
      userAgent: 'budget-ingest-crawler/test',
      scopeHosts: [portal.hosts.main, portal.hosts.files],
      allowPrivateNetwork: true,
      scheduler: new HostScheduler(),
      tmpDir: dir,
      ...over,
    });

  it('follows a redirect inside the scope and re-checks one that leaves it', async () => {
    const f = fetcher();
    const inside = await f.fetchFile(`http://${portal.hosts.main}/redirect?to=${encodeURIComponent(`http://${portal.hosts.files}/files/attach/6.pdf`)}`);
    // 6.pdf answers 503 once, then the file.
    expect(inside.type).toBe('ok');
    if (inside.type === 'ok') {
      expect(inside.finalUrl).toBe(`http://${portal.hosts.files}/files/attach/6.pdf`);
      expect(inside.sha256).toMatch(/^[0-9a-f]{64}$/);
      await rm(inside.path);
    }
    const outside = await f.fetchPage(`http://${portal.hosts.main}/redirect?to=${encodeURIComponent(`http://${portal.hosts.flaky}/query/list.jsp`)}`);
    expect(outside).toMatchObject({ type: 'skipped', reason: 'out-of-scope' });
    expect(portal.requests.some((r) => r.host === portal.hosts.flaky)).toBe(false);
  });

  it('stops a download over the size cap and leaves no partial file', async () => {
    const f = fetcher({ politeness: { ...DEFAULT_POLITENESS, minDelayMs: 5, jitter: 0, maxFileBytes: 1000 } });
    const res = await f.fetchFile(`http://${portal.hosts.main}/hanweb/upload/2023/budget.pdf`);
    expect(res).toMatchObject({ type: 'failed', reason: 'too-large' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('answers 304 to a conditional request with the stored ETag', async () => {
    const f = fetcher();
    const url = `http://${portal.hosts.main}/hanweb/upload/2021/self.docx`;
    const first = await f.fetchFile(url);
    expect(first.type).toBe('ok');
    if (first.type !== 'ok') return;
    await rm(first.path);
    const again = await f.fetchFile(url, { etag: first.etag, lastModified: first.lastModified });
    expect(again.type).toBe('not-modified');
  });

  it('refuses a host name that resolves to a private address unless the portal allows it', async () => {
    const port = portal.hosts.main.split(':')[1];
    const f = fetcher({ allowPrivateNetwork: false, scopeHosts: [`localhost:${port}`] });
    const res = await f.fetchPage(`http://localhost:${port}/trs/czyjs/index.html`);
    expect(res.type).toBe('skipped');
    if (res.type === 'skipped') expect(res.detail).toMatch(/unreachable/);
    expect(portal.requests).toHaveLength(0);
  });

  it('gives up on a Retry-After longer than the limit instead of waiting', async () => {
    const f = fetcher({ scopeHosts: [portal.hosts.flaky], politeness: { ...DEFAULT_POLITENESS, minDelayMs: 5, jitter: 0, maxRetryAfterMs: 500 } });
    const res = await f.fetchPage(`http://${portal.hosts.flaky}/query/list.jsp?page=1`);
    expect(res).toMatchObject({ type: 'failed', reason: 'retry-after-too-long', status: 429 });
  });
});
