import { describe, expect, it } from 'vitest';
import { detectChallenge } from './challenge.ts';
import { filterEntry } from './entry-filter.ts';
import { backoffDelay, HostScheduler, parseRetryAfter, politeDelay, type Clock } from './host-scheduler.ts';
import { isHostInScope, isPrivateAddress } from './network-scope.ts';
import { parseRobots, robotsForStatus } from './robots.ts';

/** A clock that only moves when someone sleeps. */
function fakeClock(): Clock & { sleeps: number[] } {
  let t = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

describe('HostScheduler', () => {
  it('spaces requests to one host by the jittered minimum delay and leaves other hosts alone', async () => {
    const clock = fakeClock();
    const s = new HostScheduler(clock, () => 0.5);
    const policy = { minDelayMs: 2000, jitter: 0.5, concurrency: 1 };
    const starts: Array<[string, number]> = [];
    const req = (host: string) => s.run(host, policy, async () => void starts.push([host, clock.now()]));
    await req('a');
    await req('b');
    await req('a');
    await req('a');
    const t0 = starts[0]![1];
    expect(starts.map(([h, t]) => [h, t - t0])).toEqual([
      ['a', 0],
      ['b', 0],
      ['a', 2500],
      ['a', 5000],
    ]);
  });

  it('uses a longer Crawl-delay and honours a deferral (Retry-After)', async () => {
    const clock = fakeClock();
    const s = new HostScheduler(clock, () => 0);
    const policy = { minDelayMs: 100, jitter: 0, concurrency: 1 };
    s.setCrawlDelay('a', 3000);
    await s.run('a', policy, async () => undefined);
    const before = clock.now();
    s.defer('a', 10_000);
    await s.run('a', policy, async () => undefined);
    expect(clock.now() - before).toBe(10_000);
    await s.run('a', policy, async () => undefined);
    expect(clock.sleeps.at(-1)).toBe(3000);
  });

  it('spaces the request after robots.txt by the Crawl-delay learnt from it (robots.txt is a request like the others)', async () => {
    const clock = fakeClock();
    const s = new HostScheduler(clock, () => 0);
    const policy = { minDelayMs: 100, jitter: 0, concurrency: 1 };
    const starts: number[] = [];
    await s.run('a', policy, async () => void starts.push(clock.now()));
    // As the fetcher does: the delay is known only once robots.txt's request has finished.
    s.setCrawlDelay('a', 3000);
    await s.run('a', policy, async () => void starts.push(clock.now()));
    expect(starts[1]! - starts[0]!).toBe(3000);
  });

  it('never runs two requests to one host at once with concurrency 1', async () => {
    const s = new HostScheduler({ now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }, () => 0);
    let inFlight = 0;
    let max = 0;
    await Promise.all(
      [1, 2, 3, 4].map(() =>
        s.run('h', { minDelayMs: 1, jitter: 0, concurrency: 1 }, async () => {
          inFlight++;
          max = Math.max(max, inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
        }),
      ),
    );
    expect(max).toBe(1);
  });

  it('computes delays, Retry-After and back-off', () => {
    expect(politeDelay({ minDelayMs: 2000, jitter: 0.5 }, null, 1)).toBe(3000);
    expect(politeDelay({ minDelayMs: 2000, jitter: 0.5 }, 5000, 0)).toBe(5000);
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect([0, 1, 2, 10].map((a) => backoffDelay(a, 50, 30_000))).toEqual([1000, 2000, 4000, 30_000]);
  });
});

describe('robots rules', () => {
  it('applies Disallow and Crawl-delay for our product token', () => {
    const r = parseRobots('http://h/robots.txt', 'User-agent: *\nCrawl-delay: 0.5\nDisallow: /private/\n\nUser-agent: budget-ingest-crawler\nDisallow: /tmp/\nCrawl-delay: 2\n', 'budget-ingest-crawler/0.1 (+https://x)');
    expect(r.isAllowed('http://h/tmp/a.html')).toBe(false);
    expect(r.isAllowed('http://h/private/a.html')).toBe(true);
    expect(r.crawlDelayMs).toBe(2000);
    const star = parseRobots('http://h/robots.txt', 'User-agent: *\nCrawl-delay: 0.5\nDisallow: /private/\n', 'budget-ingest-crawler/0.1');
    expect(star.isAllowed('http://h/private/a.html')).toBe(false);
    expect(star.crawlDelayMs).toBe(500);
  });

  it('allows everything after a 404 and nothing after a 5xx or network error', () => {
    expect(robotsForStatus(404).isAllowed('http://h/x')).toBe(true);
    expect(robotsForStatus(503).isAllowed('http://h/x')).toBe(false);
    expect(robotsForStatus(null).origin).toMatch(/unreachable/);
  });
});

describe('scope', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['::1', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['::ffff:127.0.0.1', true],
    ['8.8.8.8', false],
    ['2001:4860::8888', false],
    ['www.gov.cn', false],
  ])('isPrivateAddress(%s) is %s', (a, expected) => {
    expect(isPrivateAddress(a)).toBe(expected);
  });

  it('matches hosts with their port, case-insensitively', () => {
    expect(isHostInScope('WWW.Gov.CN', ['www.gov.cn'])).toBe(true);
    expect(isHostInScope('127.0.0.1:8080', ['127.0.0.1:8081'])).toBe(false);
  });
});

describe('detectChallenge', () => {
  it('recognises a 安全验证 page, a WAF cookie and a script-only shell', () => {
    expect(detectChallenge({ status: 200, setCookies: [], body: '<html><title>安全验证</title><body>请完成验证</body></html>' })?.kind).toBe('challenge-text');
    expect(detectChallenge({ status: 200, setCookies: ['__jsluid_h=abc; path=/'], body: '<html></html>' })?.kind).toBe('challenge-cookie');
    expect(detectChallenge({ status: 412, setCookies: ['FSSBBIl1UgzbN7N80T=x'], body: '' })?.evidence).toMatch(/FSSBBIl1UgzbN7N80T/);
    const shell = `<html><head><meta content="${'x'.repeat(100)}"><script src="/a.js"></script><script>${'var a=1;'.repeat(50)}</script></head><body></body></html>`;
    expect(detectChallenge({ status: 200, setCookies: [], body: shell })?.kind).toBe('script-shell');
  });

  it('leaves an ordinary list page alone, even one that mentions 安全验证 in passing', () => {
    const list = `<html><body><ul>${'<li><a href="/a.html">2023年部门预算公开说明与安全验证无关的长标题</a></li>'.repeat(20)}</ul><script>createPageHTML(3,0,"index","html")</script></body></html>`;
    expect(detectChallenge({ status: 200, setCookies: ['JSESSIONID=1'], body: list })).toBeNull();
  });
});

describe('filterEntry', () => {
  const f = { keywords: ['部门预算', '决算', '绩效自评'], exclude: ['征求意见'], minYear: 2020, maxYear: 2030 };
  it.each([
    [{ title: '2023年县财政局部门预算', date: null }, true, undefined],
    [{ title: '关于召开预算工作会议的通知', date: '2022-12-01' }, false, 'no-keyword'],
    [{ title: '2018年县教育局部门决算', date: '2018-07-01' }, false, 'year-out-of-range'],
    [{ title: '部门决算', date: '2019-07-01' }, false, 'year-out-of-range'],
    [{ title: '部门预算征求意见稿', date: null }, false, 'excluded-keyword'],
  ])('decides on %o', (entry, keep, reason) => {
    const v = filterEntry(entry, f);
    expect(v.keep).toBe(keep);
    if (!v.keep) expect(v.reason).toBe(reason);
  });
});
