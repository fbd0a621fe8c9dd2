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
    expect(res).toMatchObject({ type: 'skipped', reason: 'private-address' });
    if (res.type === 'skipped') expect(res.detail).toMatch(/^localhost resolves to private address /);
    expect(portal.requests).toHaveLength(0);
  });

  const port = () => portal.hosts.main.split(':')[1];
  it.each([
    ['an IPv4-mapped IPv6 address, dotted', '[::ffff:127.0.0.1]'],
    ['an IPv4-mapped IPv6 address, in hex', '[::ffff:7f00:1]'],
    ['a decimal address', '2130706433'],
    ['an octal address', '0177.0.0.1'],
    ['a short address', '127.1'],
    ['IPv6 loopback', '[::1]'],
    ['an IPv6 unique-local address', '[fd00::1]'],
    ['an IPv6 link-local address', '[fe80::1]'],
    ['RFC 1918', '10.0.0.7'],
  ])('refuses %s before connecting', async (_what, host) => {
    const url = `http://${host}:${port()}/trs/czyjs/index.html`;
    const f = fetcher({ allowPrivateNetwork: false, scopeHosts: [new URL(url).host] });
    expect(await f.fetchPage(url)).toMatchObject({ type: 'skipped', reason: 'private-address' });
    expect(portal.requests).toHaveLength(0);
  });

  it.each([
    ['an IPv4-mapped loopback', '::ffff:127.0.0.1', 6],
    ['a private IPv4 address', '192.168.1.10', 4],
  ])('refuses a host name that resolves to %s, judged on the address it would connect to', async (_what, address, family) => {
    const lookups: string[] = [];
    const dnsLookup = ((hostname: string, _opts: unknown, cb: (err: null, a: Array<{ address: string; family: number }>) => void) => {
      lookups.push(hostname);
      cb(null, [{ address, family }]);
    }) as unknown as HttpFetcherOptions['dnsLookup'];
    const host = `intranet.example.gov.cn:${port()}`;
    const f = fetcher({ allowPrivateNetwork: false, scopeHosts: [host], dnsLookup });
    const res = await f.fetchPage(`http://${host}/trs/czyjs/index.html`);
    expect(res).toMatchObject({ type: 'skipped', reason: 'private-address' });
    if (res.type === 'skipped') expect(res.detail).toContain(`resolves to private address ${address}`);
    expect(lookups.length).toBeGreaterThan(0);
    expect(portal.requests).toHaveLength(0);
  });

  it('connects to a public address a host name resolves to (and the portal answers)', async () => {
    // The fixture listens on 127.0.0.1: with private networks allowed, the same name is fetched.
    const dnsLookup = ((_h: string, _o: unknown, cb: (err: null, a: Array<{ address: string; family: number }>) => void) => cb(null, [{ address: '127.0.0.1', family: 4 }])) as unknown as HttpFetcherOptions['dnsLookup'];
    const host = `intranet.example.gov.cn:${port()}`;
    const res = await fetcher({ allowPrivateNetwork: true, scopeHosts: [host], dnsLookup }).fetchPage(`http://${host}/trs/czyjs/index.html`);
    expect(res.type).toBe('ok');
  });

  it('gives up on a Retry-After longer than the limit instead of waiting', async () => {
    const f = fetcher({ scopeHosts: [portal.hosts.flaky], politeness: { ...DEFAULT_POLITENESS, minDelayMs: 5, jitter: 0, maxRetryAfterMs: 500 } });
    const res = await f.fetchPage(`http://${portal.hosts.flaky}/query/list.jsp?page=1`);
    expect(res).toMatchObject({ type: 'failed', reason: 'retry-after-too-long', status: 429 });
  });
});
