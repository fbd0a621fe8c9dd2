import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, crawlRuns, documents, fetchedUrls, migrate, type DbHandle } from '@budget-ingest/db';
import { createTestDatabase, noPostgres } from '../../../test/support/services.ts';
import { startFixturePortal, type FixturePortal, type LoggedRequest } from '../../../test/fixtures/portal/server.ts';
import type { CrawlProgress } from './crawl-context.ts';
import type { CrawlSummary } from './crawler.ts';
import { createDocumentRowSink } from './file-sink.ts';
import { parsePortalsConfig, type PortalsConfig } from './portal-config.ts';
import { crawlCommand, runCrawl } from './run-crawl.ts';

const EXAMPLE = readFileSync(new URL('../../../config/portals.example.yaml', import.meta.url), 'utf8');
/** The first four fixture portals; the 集约化 column and the hostile hosts have tests of their own (portal-patterns.test.ts). */
const CLASSIC = ['fixture-trs', 'fixture-hanweb', 'fixture-query', 'fixture-json'];

/** Gaps between consecutive requests to one host: next start minus previous finish, as the server saw them. */
function gaps(requests: readonly LoggedRequest[], host: string): number[] {
  const mine = requests.filter((r) => r.host === host).sort((a, b) => a.startedAt - b.startedAt);
  return mine.slice(1).map((r, i) => r.startedAt - mine[i]!.finishedAt);
}

/** The crawl's state goes to a real Postgres (DATABASE_URL) and to the embedded default (PGlite). */
const BACKENDS = [
  {
    name: 'Postgres',
    skip: noPostgres,
    open: async () => {
      const testDb = await createTestDatabase('bi_crawl');
      const handle = await createDb({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
      return { handle, drop: () => testDb.drop() };
    },
  },
  {
    name: 'embedded PGlite',
    skip: false,
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bi-crawl-pglite-'));
      const handle = await createDb({ databaseUrl: null, dataDir: dir });
      return { handle, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];

describe.each(BACKENDS)('crawling the fixture portals ($name)', ({ skip, open }) => {
  if (skip) {
    it.skip('needs DATABASE_URL');
    return;
  }
  let drop: () => Promise<void>;
  let handle: DbHandle;
  let portal: FixturePortal;
  let config: PortalsConfig;
  const events: CrawlProgress[] = [];
  let first: CrawlSummary[];
  let firstRequests: LoggedRequest[];

  beforeAll(async () => {
    ({ handle, drop } = await open());
    await migrate(handle);
    portal = await startFixturePortal();
    config = parsePortalsConfig(EXAMPLE, { env: portal.env });
    first = await runCrawl({ db: handle.db, sink: createDocumentRowSink(handle.db), onProgress: (e) => events.push(e) }, config, { sources: CLASSIC });
    firstRequests = [...portal.requests];
  });

  afterAll(async () => {
    await portal?.close();
    await handle?.close();
    await drop?.();
  });

  it('crawls every enabled portal to success, retrying the 429 and the 503', () => {
    expect(first.map((s) => [s.source, s.status, s.errors, s.blocked])).toEqual([
      ['fixture-trs', 'succeeded', 0, 0],
      ['fixture-hanweb', 'succeeded', 0, 0],
      ['fixture-query', 'succeeded', 0, 0],
      ['fixture-json', 'succeeded', 0, 0],
    ]);
    expect(first.map((s) => s.newFiles)).toEqual([5, 6, 3, 1]);
    expect(firstRequests.some((r) => r.path.startsWith('/waf/'))).toBe(false);
  });

  it('walks the TRS column depth-first in page order, after robots.txt', () => {
    const trsPaths = firstRequests.filter((r) => r.host === portal.hosts.main && (r.path.startsWith('/trs/') || r.path === '/robots.txt')).map((r) => r.path);
    expect(trsPaths.slice(0, 8)).toEqual([
      '/robots.txt',
      '/trs/czyjs/index.html',
      '/trs/czyjs/202301/t20230105_1.html',
      '/trs/czyjs/202301/P020230105.pdf',
      '/trs/czyjs/index_1.html',
      '/trs/czyjs/202207/t20220701_3.html',
      '/trs/czyjs/index_2.html',
      '/trs/czyjs/202106/t20210602_6.html',
    ]);
  });

  it('asks the Hanweb data proxy for each window of records', () => {
    const proxy = firstRequests.filter((r) => r.path.startsWith('/module/web/jpage/dataproxy.jsp')).map((r) => new URL(r.path, 'http://x').searchParams);
    expect(proxy.map((q) => [q.get('startrecord'), q.get('endrecord'), q.get('perpage'), q.get('columnid')])).toEqual([
      ['1', '2', '2', '123'],
      ['3', '3', '2', '123'],
    ]);
  });

  it('never fetches what robots.txt disallows, what is out of scope, or what the filter drops, and says why', () => {
    expect(firstRequests.some((r) => r.path.startsWith('/private/'))).toBe(false);
    const skips = events.filter((e): e is Extract<CrawlProgress, { type: 'skip' }> => e.type === 'skip');
    expect(skips.find((s) => s.url.includes('/private/'))?.reason).toBe('robots-disallowed');
    expect(skips.find((s) => s.url.includes('evil.example.com'))?.reason).toBe('out-of-scope');
    expect(skips.filter((s) => s.reason === 'filtered').map((s) => s.detail)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^no-keyword: .*关于召开预算工作会议的通知/), expect.stringMatching(/^year-out-of-range: .*2018年县教育局部门决算/)]),
    );
  });

  it('keeps at least the Crawl-delay (0.2 s) or min delay (50 ms) between requests to one host, one at a time, robots.txt and the request after it included', () => {
    const main = gaps(firstRequests, portal.hosts.main);
    const files = gaps(firstRequests, portal.hosts.files);
    expect(main.length).toBeGreaterThan(10);
    expect(firstRequests.find((r) => r.host === portal.hosts.main)?.path).toBe('/robots.txt');
    // robots.txt is a request like any other: the one after it already waits the Crawl-delay it announced.
    expect(main[0]).toBeGreaterThanOrEqual(195);
    expect(Math.min(...main)).toBeGreaterThanOrEqual(195);
    expect(Math.min(...files)).toBeGreaterThanOrEqual(45);
    expect(Math.min(...gaps(firstRequests, portal.hosts.flaky))).toBeGreaterThanOrEqual(45);
  });

  it('waits out Retry-After on a 429 and backs off after a 503', () => {
    const flaky = firstRequests.filter((r) => r.host === portal.hosts.flaky && r.path.startsWith('/query/list.jsp'));
    expect(flaky.slice(0, 2).map((r) => r.status)).toEqual([429, 200]);
    expect(flaky[1]!.startedAt - flaky[0]!.finishedAt).toBeGreaterThanOrEqual(990);
    const pdf = firstRequests.filter((r) => r.path === '/files/attach/6.pdf');
    expect(pdf.map((r) => r.status)).toEqual([503, 200]);
    expect(pdf[1]!.startedAt - pdf[0]!.finishedAt).toBeGreaterThanOrEqual(990);
  });

  it('sends a User-Agent that names the project and its contact URL', () => {
    expect(new Set(firstRequests.map((r) => r.userAgent))).toEqual(new Set(['budget-ingest-crawler/0.1 (+https://github.com/budget-ingest/budget-ingest#crawling-portals)']));
  });

  it('stores one document per distinct file, with readable Chinese names, its source and URL', async () => {
    const docs = await handle.db.select().from(documents).orderBy(asc(documents.id));
    expect(docs).toHaveLength(15);
    const names = docs.map((d) => d.fileName);
    expect(names).toEqual(expect.arrayContaining(['部门预算表.xlsx', '部门决算.doc', '决算说明.docx', '项目绩效自评.pdf', '2023年县财政局部门预算.pdf']));
    expect(docs.every((d) => d.sourceId !== null && d.sourceUrl?.startsWith('http://127.0.0.1:'))).toBe(true);
    expect(docs.find((d) => d.fileName === '决算说明.docx')?.format).toBe('docx');
  });

  it('records the same PDF under two URLs as one document with both URLs', async () => {
    const rows = await handle.db.select().from(fetchedUrls).where(eq(fetchedUrls.sha256, first[0] ? (await shaOf('/trs/czyjs/202301/P020230105.pdf')) : ''));
    expect(rows.map((r) => new URL(r.url).pathname).sort()).toEqual(['/hanweb/upload/2023/budget.pdf', '/trs/czyjs/202301/P020230105.pdf']);
    expect(new Set(rows.map((r) => r.documentId)).size).toBe(1);
  });

  async function shaOf(path: string): Promise<string> {
    const rows = await handle.db.select().from(fetchedUrls).where(eq(fetchedUrls.url, `http://${portal.hosts.main}${path}`));
    return rows[0]?.sha256 ?? 'missing';
  }

  it('writes a crawl_runs row per crawl with its counts', async () => {
    const runs = await handle.db.select().from(crawlRuns).orderBy(asc(crawlRuns.id));
    expect(runs.slice(0, 4).map((r) => [r.status, r.newFiles, r.errors, r.finishedAt !== null, (r.durationMs ?? -1) >= 0])).toEqual([
      ['succeeded', 5, 0, true, true],
      ['succeeded', 6, 0, true, true],
      ['succeeded', 3, 0, true, true],
      ['succeeded', 1, 0, true, true],
    ]);
    expect(runs[0]!.pagesFetched).toBe(6);
  });

  it('takes download-script links by their text or a download pattern and names the files from Content-Disposition, the link text or the URL, never .jsp', async () => {
    const rows = await handle.db.select().from(fetchedUrls).orderBy(asc(fetchedUrls.id));
    const byPath = (p: string) => rows.find((r) => r.url.endsWith(p));
    expect([
      byPath('/module/download/downfile.jsp?classid=0&fileid=77')?.fileName, // RFC 5987 UTF-8
      byPath('/download?id=78')?.fileName, // raw GBK
      byPath('/hanweb/attach/%E8%87%AA%E8%AF%84%E6%8A%A5%E5%91%8A.pdf.jsp')?.fileName, // readable URL, script extension dropped
      byPath('/module/download/downfile.jsp?fileid=79')?.fileName, // onclick; link text + the sniffed format
      byPath('/api/download?id=9002')?.fileName, // a list entry straight to a script
    ]).toEqual(['水利局项目绩效自评报告.pdf', '县水利局绩效自评表.docx', '自评报告.pdf', '2021年县水利局绩效自评表.docx', '统计局部门决算.pdf']);
    const docs = await handle.db.select().from(documents);
    expect(docs.filter((d) => /\.(jsp|do|aspx)$/i.test(d.fileName))).toEqual([]);
    expect(docs.find((d) => d.fileName === '2021年县水利局绩效自评表.docx')?.format).toBe('docx');
    // The links that name no document and match no download pattern are never requested.
    expect(firstRequests.some((r) => r.path.startsWith('/module/web/share'))).toBe(false);
  });

  it('records a download link that answers with a page as skipped, with the reason', async () => {
    const rows = await handle.db.select().from(fetchedUrls).where(like(fetchedUrls.url, '%attach?file=80'));
    expect(rows.map((r) => [r.status, r.documentId])).toEqual([['skipped', null]]);
    expect(rows[0]?.error).toMatch(/^not-a-document: an HTML page/);
    const skips = events.filter((e): e is Extract<CrawlProgress, { type: 'skip' }> => e.type === 'skip' && e.reason === 'not-a-document');
    expect(skips.map((e) => new URL(e.url).pathname + new URL(e.url).search).sort()).toEqual(['/api/download?id=9003', '/attach?file=80']);
    expect(skips[0]?.detail).toMatch(/link taken on candidate: /);
  });

  it('fetches nothing new on a second crawl: pages and files answer 304, only seeds and robots.txt are read again, and paging stops at the first page that brings nothing new', async () => {
    portal.requests.length = 0;
    const lines: string[] = [];
    const { exitCode, summaries } = await crawlCommand({ db: handle.db, sink: createDocumentRowSink(handle.db) }, { out: (l) => lines.push(l) }, config, { sources: CLASSIC });
    expect(exitCode).toBe(0);
    expect(summaries.map((s) => s.newFiles)).toEqual([0, 0, 0, 0]);
    expect(summaries.every((s) => s.errors === 0)).toBe(true);
    expect(await handle.db.$count(documents)).toBe(15);
    const full = portal.requests.filter((r) => r.status === 200).map((r) => `${r.role}${r.path}`);
    expect(full.filter((p) => !p.endsWith('/robots.txt')).sort()).toEqual(
      [
        'main/trs/czyjs/index.html',
        'main/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=2&perpage=2&columnid=123&unitid=456&webid=1',
        // The first list page is always read (new entries appear there); page 2 answers 304, so paging stops before page 3.
        'flaky/query/list.jsp?page=1',
        'main/api/disclosure/list?pageNo=1',
      ].sort(),
    );
    // Files, download scripts included (a document and a page behind /api/download), are asked for conditionally.
    const fileRequests = portal.requests.filter((r) => /\.(pdf|docx?|xlsx)$|download/.test(r.path));
    expect(fileRequests.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/download?id=9002', '/api/download?id=9003']));
    expect(fileRequests.every((r) => r.conditional && r.status === 304)).toBe(true);
    // One progress line per page and file, and a summary per source and in total.
    // TRS: the first list page is read, its detail page and the second list page answer 304 (and hide their subtrees):
    // nothing new, so the third list page is not asked for at all.
    expect(lines.filter((l) => /^\[fixture-trs\] (list|detail)/.test(l)).map((l) => l.split(/\s+/).slice(1, 4).join(' '))).toEqual([
      'detail 304 not_modified',
      'list 200 fetched',
      'list 304 not_modified',
    ]);
    expect(portal.requests.some((r) => r.path === '/trs/czyjs/index_2.html')).toBe(false);
    expect(lines.join('\n')).toMatch(/^\[fixture-trs\] stopped paging .*\/trs\/czyjs\/index\.html after page 2 of 3: .*index_1\.html brought nothing new \(--full reads every page\)$/m);
    expect(summaries[0]?.stoppedPaging).toHaveLength(1);
    expect(lines.filter((l) => / succeeded: /.test(l))).toHaveLength(4);
    expect(lines.at(-1)).toMatch(/^total: 4 sources, .* 0 new files/);
  });

  it('records a challenge page as blocked with its evidence, once, and stops that source', async () => {
    portal.requests.length = 0;
    const [waf] = await runCrawl({ db: handle.db, sink: createDocumentRowSink(handle.db) }, config, { sources: ['fixture-waf'] });
    expect(waf?.status).toBe('blocked');
    expect(waf?.blocked).toBe(1);
    expect(waf?.blockedEvidence).toMatch(/__jsluid_h/);
    expect(portal.requests.filter((r) => r.path.startsWith('/waf/'))).toHaveLength(1);
    const row = await handle.db.select().from(fetchedUrls).where(eq(fetchedUrls.url, `http://${portal.hosts.main}/waf/index.html`));
    expect(row[0]?.status).toBe('blocked');
    const run = await handle.db.select().from(crawlRuns).where(eq(crawlRuns.id, waf!.runId!));
    expect(run[0]?.status).toBe('blocked');
    expect(run[0]?.message).toMatch(/challenge/);
  });

  it('treats a challenge page served for a file link as a block, not as a document', async () => {
    const cfg = parsePortalsConfig(`portals:\n  - name: waf-file\n    seeds: [http://${portal.hosts.main}/waf/list.html]\n    list: { type: trs }\n    allowPrivateNetwork: true\n    minDelayMs: 10\n`);
    const before = await handle.db.$count(documents);
    const [s] = await runCrawl({ db: handle.db, sink: createDocumentRowSink(handle.db) }, cfg, { sources: 'all' });
    expect(s).toMatchObject({ status: 'blocked', blocked: 1, newFiles: 0 });
    expect(s?.blockedEvidence).toMatch(/安全验证/);
    expect(await handle.db.$count(documents)).toBe(before);
  });

  it('sees a UTF-8 challenge page under a source whose encoding is set to GBK', async () => {
    portal.requests.length = 0;
    const cfg = parsePortalsConfig(`portals:\n  - name: gbk-gate\n    seeds: [http://${portal.hosts.main}/waf/gate/index.html]\n    list: { type: trs }\n    encoding: gbk\n    allowPrivateNetwork: true\n    minDelayMs: 10\n`);
    const [s] = await runCrawl({ db: handle.db, sink: createDocumentRowSink(handle.db) }, cfg, { sources: 'all' });
    expect(s).toMatchObject({ status: 'blocked', blocked: 1 });
    expect(s?.blockedEvidence).toMatch(/安全验证/);
  });

  it('refuses loopback addresses when the portal does not allow private networks', async () => {
    portal.requests.length = 0;
    const strict = parsePortalsConfig(`portals:\n  - name: strict\n    seeds: [http://${portal.hosts.main}/trs/czyjs/index.html]\n    list: { type: trs }\n    minDelayMs: 10\n`);
    const events: CrawlProgress[] = [];
    const [s] = await runCrawl({ db: handle.db, sink: createDocumentRowSink(handle.db), onProgress: (e) => events.push(e) }, strict, { sources: 'all' });
    expect(portal.requests).toHaveLength(0);
    expect(s?.pagesFetched).toBe(0);
    expect(events.find((e) => e.type === 'skip')).toMatchObject({ reason: 'private-address' });
  });
});
