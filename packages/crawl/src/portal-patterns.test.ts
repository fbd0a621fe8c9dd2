import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, crawlRuns, documents, fetchedUrls, migrate, type DbHandle } from '@budget-ingest/db';
import { startFixturePortal, type FixturePortal, type LoggedRequest } from '../../../test/fixtures/portal/server.ts';
import type { CrawlProgress } from './crawl-context.ts';
import type { CrawlSummary } from './crawler.ts';
import { createDocumentRowSink } from './file-sink.ts';
import { parsePortalsConfig, type PortalsConfig } from './portal-config.ts';
import { runCrawl } from './run-crawl.ts';

/**
 * The ways county portals publish that the first fixture portals lacked
 * (issue 30): the 集约化 column of the fixture (`/jyh/`), hosts behind
 * 加速乐 and 瑞数, and an old server whose bodies stall. Embedded database.
 */
const EXAMPLE = readFileSync(new URL('../../../config/portals.example.yaml', import.meta.url), 'utf8');

describe('crawling how county portals really publish', () => {
  let dir: string;
  let handle: DbHandle;
  let portal: FixturePortal;
  let config: PortalsConfig;
  const events: CrawlProgress[] = [];
  let first: CrawlSummary;
  let firstRequests: LoggedRequest[];
  const crawl = async (name: string, opts: { full?: boolean } = {}) => {
    const [s] = await runCrawl({ db: handle.db, sink: createDocumentRowSink(handle.db), onProgress: (e) => events.push(e) }, config, { sources: [name], ...opts });
    return s!;
  };
  const main = () => `http://${portal.hosts.main}`;
  const row = async (url: string) => (await handle.db.select().from(fetchedUrls).where(eq(fetchedUrls.url, url)))[0];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bi-crawl-patterns-'));
    handle = await createDb({ databaseUrl: null, dataDir: dir });
    await migrate(handle);
    portal = await startFixturePortal();
    config = parsePortalsConfig(EXAMPLE, { env: portal.env });
    first = await crawl('fixture-jyh');
    firstRequests = [...portal.requests];
  });
  afterAll(async () => {
    await portal?.close();
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gets every document of the 集约化 column, and succeeds', async () => {
    expect(first).toMatchObject({ status: 'succeeded', errors: 0, blocked: 0, newFiles: 9 });
    const docs = await handle.db.select().from(documents).orderBy(asc(documents.id));
    expect(docs.map((d) => d.fileName).sort()).toEqual(
      [
        // 附件1 (raw GBK Content-Disposition) and a bare "1.pdf" behind download scripts: named after the entry and the link text.
        '2023年县林业局部门预算-附件1.pdf',
        '2023年县交通运输局部门预算-点击下载.pdf',
        // Only in a pdf.js viewer, only in an <object>/<embed>, only behind a meta refresh: named after the entry.
        '2022年县水利局部门决算.pdf',
        '2022年县农业农村局部门决算.pdf',
        '2022年县文化旅游局部门决算.docx',
        // Behind a location.href hand-off to the page the article moved to.
        '2021年县卫生健康局整体支出绩效自评报告.docx',
        // Members of the archive: a GBK name without the UTF-8 flag, a flagged UTF-8 name, and a generic "1.docx".
        '县民政局2023年部门预算.docx',
        '县体育中心2023年部门预算.docx',
        '2023年县级各部门预算公开（打包）-1.docx',
      ].sort(),
    );
  });

  it('resolves links against <base href>, never against the page URL', () => {
    const paths = firstRequests.map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(['/jyh/upload/download.jsp?id=101', '/jyh/upload/download.jsp?id=102']));
    expect(firstRequests.filter((r) => r.status === 404).map((r) => r.path)).toEqual([]);
  });

  it('fetches the document a viewer or an <object> shows, not the viewer', () => {
    const paths = firstRequests.map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(['/jyh/upload/2022/P020220801.pdf', '/jyh/upload/2022/W020220901.pdf']));
    expect(paths.some((p) => p.includes('viewer.html'))).toBe(false);
    expect(paths.filter((p) => p === '/jyh/upload/2022/W020220901.pdf')).toHaveLength(1);
  });

  it('follows hand-off pages like redirects and records where they sent it, without taking them for challenges', async () => {
    expect(await row(`${main()}/jyh/content/art_5.html`)).toMatchObject({ status: 'fetched', location: `${main()}/jyh/upload/2022/W020220902.docx` });
    expect(await row(`${main()}/jyh/content/art_6.html`)).toMatchObject({ status: 'fetched', location: `${main()}/jyh/art/2021/art_8.html` });
    expect(await handle.db.$count(fetchedUrls, eq(fetchedUrls.status, 'blocked'))).toBe(0);
  });

  it('keeps the entry title, its date and the detail page on the document row', async () => {
    const [doc] = await handle.db.select().from(documents).where(eq(documents.fileName, '2023年县林业局部门预算-附件1.pdf'));
    expect(doc).toMatchObject({ entryTitle: '2023年县林业局部门预算', entryDate: '2023-03-01', detailUrl: `${main()}/jyh/content/art_1.html`, containerUrl: null });
    const [moved] = await handle.db.select().from(documents).where(like(documents.fileName, '2021年县卫生健康局%'));
    expect(moved).toMatchObject({ entryTitle: '2021年县卫生健康局绩效自评报告', entryDate: '2021-06-01' });
  });

  it('ingests an archive member by member as documents of their own, the archive recorded as their container', async () => {
    const zip = `${main()}/jyh/upload/2023/P020230601.zip`;
    const members = await handle.db.select().from(documents).where(eq(documents.containerUrl, zip)).orderBy(asc(documents.sourceUrl));
    expect(members.map((d) => d.sourceUrl)).toEqual([`${zip}#各部门预算/1.docx`, `${zip}#各部门预算/县体育中心2023年部门预算.docx`, `${zip}#各部门预算/县民政局2023年部门预算.docx`]);
    expect(members.every((d) => d.format === 'docx' && d.entryTitle === '2023年县级各部门预算公开（打包）')).toBe(true);
    expect(await row(zip)).toMatchObject({ status: 'fetched', documentId: null, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), error: null });
    // What is in the archive but no document is refused, with the reason.
    expect((await row(`${zip}#说明.txt`))?.error).toMatch(/^not-a-document: /);
    expect((await row(`${zip}#旧版/old.zip`))?.error).toMatch(/^archive-refused: an archive inside an archive/);
  });

  it('refuses a zip bomb on its declared sizes, and a .rar without downloading it, each with a clear reason', async () => {
    const bomb = await row(`${main()}/jyh/upload/2023/P020230603.zip`);
    expect(bomb).toMatchObject({ status: 'skipped', documentId: null });
    expect(bomb?.error).toMatch(/^archive-refused: zip-bomb: 汇总\.pdf expands \d+× \(over 100×\)/);
    const rar = await row(`${main()}/jyh/upload/2023/P020230602.rar`);
    expect(rar?.error).toMatch(/^not-a-document: a RAR archive: not read/);
    expect(firstRequests.some((r) => r.path.endsWith('.rar'))).toBe(false);
    const skips = events.filter((e): e is Extract<CrawlProgress, { type: 'skip' }> => e.type === 'skip').map((e) => e.reason);
    expect(skips).toEqual(expect.arrayContaining(['archive-refused', 'not-a-document']));
  });

  it('fetches nothing new on a second crawl, and stops paging at the first page past the first that brings nothing new', async () => {
    portal.requests.length = 0;
    const again = await crawl('fixture-jyh');
    expect(again).toMatchObject({ status: 'succeeded', newFiles: 0, errors: 0 });
    expect(again.stoppedPaging).toEqual([expect.stringMatching(/after page 2 of 3: .*\/jyh\/col\/czyjs\/index_1\.html brought nothing new \(--full reads every page\)$/)]);
    const paths = portal.requests.map((r) => r.path);
    expect(paths).not.toContain('/jyh/col/czyjs/index_2.html');
    // The lists have no validators and are read again; everything below them answers 304.
    expect(portal.requests.filter((r) => r.status === 200).map((r) => r.path).sort()).toEqual(['/jyh/col/czyjs/index.html', '/jyh/col/czyjs/index_1.html', '/robots.txt']);
    const [run] = await handle.db.select().from(crawlRuns).where(eq(crawlRuns.id, again.runId!));
    expect(run?.message).toMatch(/stopped paging/);
  });

  it('reads every page under --full', async () => {
    portal.requests.length = 0;
    const full = await crawl('fixture-jyh', { full: true });
    expect(full).toMatchObject({ status: 'succeeded', newFiles: 0, stoppedPaging: [] });
    expect(portal.requests.map((r) => r.path)).toContain('/jyh/col/czyjs/index_2.html');
  });

  it('records a 521 加速乐 answer, on robots.txt itself, as a block with its evidence, not as "robots unreachable"', async () => {
    portal.requests.length = 0;
    const s = await crawl('fixture-jsl');
    expect(s).toMatchObject({ status: 'blocked', blocked: 1, errors: 0 });
    expect(s.blockedEvidence).toMatch(/\/robots\.txt: challenge-cookie: status 521, Set-Cookie __jsluid_s/);
    expect(portal.requests.map((r) => `${r.role} ${r.path} ${r.status}`)).toEqual(['guarded /robots.txt 521']);
    const [run] = await handle.db.select().from(crawlRuns).where(eq(crawlRuns.id, s.runId!));
    expect(run?.status).toBe('blocked');
  });

  it('records a 412 瑞数 page as a block with its evidence', async () => {
    const s = await crawl('fixture-rs');
    expect(s).toMatchObject({ status: 'blocked', blocked: 1, errors: 0 });
    expect(s.blockedEvidence).toMatch(/\/rs\/czyjs\/index\.html: challenge-script: status 412, 瑞数 \$_ts VM/);
    expect((await row(`${main()}/rs/czyjs/index.html`))).toMatchObject({ status: 'blocked', httpStatus: 412 });
  });

  it('fails a list page and a file cut by bodyTimeoutMs: nothing stored, no validator kept, the run partial', async () => {
    const before = await handle.db.$count(documents);
    const s = await crawl('fixture-cut');
    expect(s).toMatchObject({ status: 'partial', errors: 2, newFiles: 0 });
    expect(await handle.db.$count(documents)).toBe(before);
    for (const path of ['/cut/index.html', '/cut/file.pdf']) {
      const r = await row(`${main()}${path}`);
      expect(r).toMatchObject({ status: 'failed', etag: null, lastModified: null, documentId: null, sha256: null });
      expect(r?.error).toMatch(/^truncated: the body was cut after \d+ bytes: bodyTimeoutMs \(800 ms\) ran out \(no Content-Length\)/);
    }
    // The detail page above the cut file keeps no validator either, so the next crawl reads it and asks for the file again.
    expect((await row(`${main()}/cut/detail.html`))?.etag).toBeNull();
    const [run] = await handle.db.select().from(crawlRuns).where(eq(crawlRuns.id, s.runId!));
    expect(run).toMatchObject({ status: 'partial', errors: 2 });
  });
});
