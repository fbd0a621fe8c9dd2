import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixturePortal, type FixturePortal } from './fixtures/portal/server.ts';
import { cli } from './support/cli.ts';
import { createTestDatabase, noPostgres, type TestDatabase } from './support/services.ts';

const EXAMPLE = fileURLToPath(new URL('../config/portals.example.yaml', import.meta.url));

describe('budget-ingest crawl, as a user runs it', () => {
  let portal: FixturePortal;
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'bi-crawl-cli-'));
    dirs.push(d);
    return d;
  };
  beforeAll(async () => {
    portal = await startFixturePortal();
  });
  afterAll(async () => {
    await portal?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('lists --data-dir and --dry-run in crawl --help', async () => {
    const r = await cli(['crawl', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--data-dir <dir>/);
    expect(r.stdout).toMatch(/--dry-run/);
  });

  it('says in one line, without a raw ENOENT, that the portals file is missing and how to make one', async () => {
    const r = await cli(['crawl', '--all', '--portals', join(tmp(), 'portals.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/portals\.yaml: no such file \(copy config\/portals\.example\.yaml to config\/portals\.yaml/);
    expect(r.stderr).not.toMatch(/ENOENT/);
  });

  it('fills ${NAME} in the portals file from the environment, and exits 2 naming a variable that is unset', async () => {
    const missing = await cli(['crawl', '--dry-run', 'fixture-json', '--portals', EXAMPLE], { PORTAL_FILES: portal.env.PORTAL_FILES, PORTAL_FLAKY: portal.env.PORTAL_FLAKY, PORTAL_GUARDED: portal.env.PORTAL_GUARDED });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/\$\{PORTAL_MAIN\}: the environment variable PORTAL_MAIN is not set/);
    const filled = await cli(['crawl', '--dry-run', 'fixture-json', '--portals', EXAMPLE], portal.env);
    expect(filled.code).toBe(0);
    expect(filled.stdout).toContain(`http://${portal.env.PORTAL_MAIN}/api/disclosure/list`);
  });

  it('--dry-run walks the pages and says what it would fetch and why, downloading and recording nothing', async () => {
    portal.requests.length = 0;
    const dataDir = tmp();
    const r = await cli(['crawl', '--dry-run', 'fixture-hanweb', '--portals', EXAMPLE, '--data-dir', dataDir], portal.env);
    expect(r.code).toBe(0);
    const main = `http://${portal.env.PORTAL_MAIN}`;
    const lines = r.stdout.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        `[fixture-hanweb] would fetch page ${main}/hanweb/art/2021/art_123_3.html (list entry "2021年县水利局整体支出绩效自评报告")`,
        `[fixture-hanweb] would fetch file ${main}/hanweb/upload/2021/self.docx (file extension .docx)`,
        `[fixture-hanweb] would fetch file ${main}/module/download/downfile.jsp?classid=0&fileid=77 (candidate: URL matches download pattern /down(load|file)/)`,
        `[fixture-hanweb] would fetch file ${main}/download?id=78 (candidate: link text names a document ("附件"))`,
        `[fixture-hanweb] leave  ${main}/module/web/share?id=1 (no file extension, link text names no document, URL matches no download pattern)`,
        expect.stringMatching(/^\[fixture-hanweb\] leave {2}.*\/hanweb\/col\/col123\/index\.html \(\.html is not an attachment extension/),
      ]),
    );
    expect(lines.at(-1)).toMatch(/^\[fixture-hanweb\] dry run succeeded: 5 pages read, 8 files would be fetched, 0 skipped, 6 requests; nothing downloaded or recorded$/);
    // Only robots.txt, the data proxy and the article pages were read: no file, no download script.
    expect(portal.requests.map((r) => r.path).filter((p) => !/^\/(robots\.txt|module\/web\/jpage\/dataproxy\.jsp|hanweb\/art\/)/.test(p))).toEqual([]);
    expect(existsSync(join(dataDir, 'pglite'))).toBe(false);
  });

  it('--dry-run says which links the crawl would refuse (scope, robots.txt) rather than promising them', async () => {
    portal.requests.length = 0;
    const r = await cli(['crawl', '--dry-run', 'fixture-trs', '--portals', EXAMPLE], portal.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[fixture-trs] skip   --- out-of-scope http://evil.example.com/files/outside.pdf');
    expect(r.stdout).toMatch(/\[fixture-trs\] skip {3}--- robots-disallowed .*\/private\//);
    expect(r.stdout).not.toMatch(/would fetch file http:\/\/evil/);
    expect(portal.requests.filter((q) => q.role === 'files').map((q) => q.path)).toEqual(['/robots.txt']);
  });
});

describe('budget-ingest crawl of a 集约化 column, as a user runs it', () => {
  let portal: FixturePortal;
  let dir: string;
  let env: Record<string, string>;
  const crawl = (...args: string[]) => cli(['crawl', ...args, '--portals', EXAMPLE], env);
  beforeAll(async () => {
    portal = await startFixturePortal();
    dir = mkdtempSync(join(tmpdir(), 'bi-crawl-jyh-'));
    env = { ...portal.env, BUDGET_INGEST_DATA_DIR: join(dir, 'data') };
  });
  afterAll(async () => {
    await portal?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--dry-run shows the documents behind viewers, <object>s and hand-off pages, and refuses the .rar by its name', async () => {
    const r = await crawl('--dry-run', 'fixture-jyh');
    expect(r.code).toBe(0);
    const main = `http://${portal.env.PORTAL_MAIN}`;
    expect(r.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        `[fixture-jyh] would fetch file ${main}/jyh/upload/2022/P020220801.pdf (file extension .pdf)`,
        `[fixture-jyh] would fetch file ${main}/jyh/upload/2022/W020220901.pdf (file extension .pdf)`,
        `[fixture-jyh] would fetch file ${main}/jyh/upload/2022/W020220902.docx (hand-off page (meta-refresh))`,
        `[fixture-jyh] would fetch page ${main}/jyh/art/2021/art_8.html (hand-off page (script))`,
        expect.stringMatching(/^\[fixture-jyh\] skip {3}--- not-a-document .*P020230602\.rar \(a RAR archive: not read/),
      ]),
    );
    expect(r.stdout).not.toMatch(/would fetch page .*\.docx/);
  });

  it('gets every document (base href, viewers, hand-offs, archive members, generic names) and refuses each bad one with its reason', async () => {
    const r = await crawl('fixture-jyh');
    expect(r.code).toBe(0);
    const main = `http://${portal.env.PORTAL_MAIN}`;
    const newFiles = r.stdout.split('\n').filter((l) => /^\[fixture-jyh\] file {3}(200|---) new .* doc=\d+/.test(l));
    expect(newFiles).toHaveLength(9);
    expect(r.stdout).toContain(`"2023年县林业局部门预算-附件1.pdf"`);
    expect(r.stdout).toContain(`${main}/jyh/upload/2023/P020230601.zip#各部门预算/县民政局2023年部门预算.docx "县民政局2023年部门预算.docx"`);
    expect(r.stdout).toContain(`[fixture-jyh] detail 200 fetched      ${main}/jyh/content/art_5.html attachments=0 (hand-off (meta-refresh) to ${main}/jyh/upload/2022/W020220902.docx)`);
    expect(r.stdout).toContain(`[fixture-jyh] file   200 new          ${main}/jyh/upload/2023/P020230601.zip "各部门预算公开文件（打包下载）.zip" (archive: 5 member(s), 3 document(s))`);
    // One clear line for each thing refused.
    expect(r.stdout).toMatch(/\[fixture-jyh\] skip {3}--- archive-refused .*P020230603\.zip \(zip-bomb: 汇总\.pdf expands \d+× \(over 100×\)\)/);
    expect(r.stdout).toMatch(/\[fixture-jyh\] skip {3}--- not-a-document .*P020230602\.rar \(a RAR archive: not read/);
    expect(r.stdout).toMatch(/\[fixture-jyh\] skip {3}--- not-a-document .*P020230601\.zip#说明\.txt/);
    expect(r.stdout).toMatch(/\[fixture-jyh\] skip {3}--- archive-refused .*P020230601\.zip#旧版\/old\.zip \(an archive inside an archive is not opened\)/);
    expect(r.stdout).toMatch(/\[fixture-jyh\] succeeded: \d+ pages fetched, 9 new files, 0 unchanged, 0 errors, 0 blocked, 4 skipped/);
    const s = JSON.parse((await cli(['status', '--json'], env)).stdout) as { documents: number; crawls: Array<{ source: string; lastRun: { newFiles: number } }> };
    expect(s.crawls).toEqual([expect.objectContaining({ source: 'fixture-jyh', lastRun: expect.objectContaining({ newFiles: 9 }) })]);
  });

  it('fetches nothing new on a second crawl and says where it stopped paging; status flags the source once it finds nothing new for staleAfterRuns runs', async () => {
    portal.requests.length = 0;
    const again = await crawl('fixture-jyh');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/\[fixture-jyh\] succeeded: \d+ pages fetched, 0 new files, /);
    expect(again.stdout).toMatch(/^\[fixture-jyh\] stopped paging .* after page 2 of 3: .*index_1\.html brought nothing new \(--full reads every page\)$/m);
    expect(portal.requests.filter((q) => q.status === 200).map((q) => q.path).sort()).toEqual(['/jyh/col/czyjs/index.html', '/jyh/col/czyjs/index_1.html', '/robots.txt']);
    const once = (await cli(['status'], env)).stdout;
    expect(once).toMatch(/^fixture-jyh last run: succeeded: 2 pages, 0 new files, .*stopped paging/m);
    expect(once).not.toMatch(/warning: fixture-jyh/);
    expect((await crawl('fixture-jyh')).code).toBe(0);
    const twice = (await cli(['status'], env)).stdout;
    expect(twice).toMatch(/^warning: fixture-jyh found no new file in its last 2 runs \(staleAfterRuns 2\): has the portal moved its column\?/m);
  });

  it('exits 1 when a crawl is cut short (partial) or meets a challenge on an error status', async () => {
    const cut = await crawl('fixture-cut');
    expect(cut.code).toBe(1);
    expect(cut.stdout).toMatch(/\[fixture-cut\] list {3}200 failed .*\/cut\/index\.html \(truncated: the body was cut after \d+ bytes/);
    expect(cut.stdout).toMatch(/^\[fixture-cut\] partial: 2 page\(s\) or file\(s\) failed/m);
    const jsl = await crawl('fixture-jsl');
    expect(jsl.code).toBe(1);
    expect(jsl.stdout).toMatch(/^\[fixture-jsl\] blocked: .*\/robots\.txt: challenge-cookie: status 521, Set-Cookie __jsluid_s/m);
  });
});

/** A known block is state: it lives in the database, the embedded default and a real Postgres alike. */
const BACKENDS = [
  { name: 'embedded PGlite', skip: false },
  { name: 'Postgres', skip: noPostgres },
];

describe.each(BACKENDS)('a blocked source, crawled by a scheduler ($name)', ({ name, skip }) => {
  if (skip) {
    it.skip('needs DATABASE_URL');
    return;
  }
  let portal: FixturePortal;
  let testDb: TestDatabase | null = null;
  let dir: string;
  let env: Record<string, string>;
  const gateRequests = () => portal.requests.filter((r) => r.path.startsWith('/waf/gate/')).length;
  const crawl = (backoffMs: number) => cli(['crawl', 'gate', '--portals', join(dir, 'portals.yaml')], { ...env, BACKOFF_MS: String(backoffMs) });
  const status = async () => JSON.parse((await cli(['status', '--json'], env)).stdout) as { crawls: Array<{ source: string; lastStatus: string; runs: number; newFiles: number; blockedSince: string | null; blockedCheckedAt: string | null }> };

  beforeAll(async () => {
    portal = await startFixturePortal();
    dir = mkdtempSync(join(tmpdir(), 'bi-crawl-block-'));
    // A UTF-8 challenge page under a source configured as GBK; the back-off comes from the environment too.
    writeFileSync(
      join(dir, 'portals.yaml'),
      'portals:\n  - name: gate\n    seeds: [http://${PORTAL_MAIN}/waf/gate/index.html]\n    list: { type: trs }\n    encoding: gbk\n    allowPrivateNetwork: true\n    minDelayMs: 10\n    blockBackoffMs: ${BACKOFF_MS}\n',
    );
    env = { ...portal.env, BUDGET_INGEST_DATA_DIR: join(dir, 'data') };
    if (name === 'Postgres') {
      testDb = await createTestDatabase('bi_crawl_cli');
      env.DATABASE_URL = testDb.url;
    }
  });
  afterAll(async () => {
    await portal?.close();
    await testDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1 on a new block, then 0 with a warning and no request while the back-off lasts; status shows since when', async () => {
    const first = await crawl(3_600_000);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/\[gate\] blocked: .*安全验证/);
    expect(first.stdout).toMatch(/\[gate\] new block since \S+; crawls back off until \S+/);
    expect(gateRequests()).toBe(1);

    portal.requests.length = 0;
    const second = await crawl(3_600_000);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^\[gate\] warning: known block since \S+; backing off until \S+ \(no request made; --full checks now\)/m);
    expect(portal.requests).toEqual([]);

    const s = await status();
    expect(s.crawls).toEqual([expect.objectContaining({ source: 'gate', lastStatus: 'blocked', runs: 1, newFiles: 0, blockedSince: expect.any(String) })]);
    const table = (await cli(['status'], env)).stdout;
    expect(table).toMatch(/gate\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+blocked\s+0\/0\s+1\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });

  it('checks again once the back-off is over: a block that goes on keeps its start and exits 0 with a warning; a lifted one is cleared', async () => {
    const since = (await status()).crawls[0]?.blockedSince;
    portal.requests.length = 0;
    const again = await crawl(0);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/\[gate\] warning: known block since/);
    expect(gateRequests()).toBe(1);
    expect((await status()).crawls[0]?.blockedSince).toBe(since);

    portal.openGate();
    const lifted = await crawl(0);
    expect(lifted.code).toBe(0);
    expect(lifted.stdout).toMatch(/\[gate\] succeeded: /);
    expect((await status()).crawls[0]).toMatchObject({ lastStatus: 'succeeded', runs: 3, blockedSince: null, blockedCheckedAt: null });
  });
});
