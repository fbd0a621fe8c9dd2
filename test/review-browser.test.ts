/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The review app end to end, in a real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core): the `review` command serves a real Postgres database that `ingest` filled with
 * a corpus PDF, a failed PDF and a DOCX whose title and text carry script; a reviewer logs in,
 * filters the list, opens a report, clicks an amount, sees its box on its page, corrects it, and the
 * correction shows in `export` and `report_overview` and survives `reparse`. Writes without the
 * token (or without the session's CSRF token) are refused. Chromium missing: skipped locally with
 * the reason in the test name, failed under CI=true.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocx } from '@budget-ingest/docx-extract/testing';
import { cli } from './support/cli.ts';
import { createTestDatabase, noPostgres, type TestDatabase } from './support/services.ts';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true' || process.env.CI === '1';
if (inCi && !hasChromium) throw new Error(`CI=true but ${CHROMIUM} is missing: the review app's browser tests need Chromium (apt-get install chromium)`);

const PDF = join(ROOT, 'test/fixtures/corpus/docs/wanyuan-2022-final-accounts.pdf');
const BROKEN = join(ROOT, 'test/fixtures/corpus/docs/renhua-2021-perf-broken.pdf');
const SECRET = 'e2e-secret-0123456789';
const REVIEWER = 'Reviewer Wang';
const SCREENSHOT = join(ROOT, 'docs/review-report.png');

/** A 部门决算 as DOCX whose title, organisation and text plant script: it must show as text, and run nothing. */
function hostileDocx(): Uint8Array {
  const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
  const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
  return buildDocx(
    [
      p('<script>window.__pwned="title"</script>株洲市芦淞区医疗保障局2023年度部门决算'),
      p('一、部门决算情况说明'),
      p('2023年度本年支出合计100.00万元<img src=x onerror="window.__pwned=\'text\';alert(2)">，其中基本支出60.00万元，项目支出40.00万元。'),
      p('"><svg onload="window.__pwned=\'svg\'">“三公”经费支出1.20万元。'),
    ].join(''),
  );
}

describe.skipIf(!hasChromium || noPostgres)(`the review app in headless Chromium${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM}; apt-get install chromium)`}`, () => {
  let db: TestDatabase;
  let dataDir: string;
  let outDir: string;
  let env: Record<string, string>;
  let server: ChildProcess;
  let url: string;
  let context: BrowserContext;
  let page: Page;
  let reportId: number;
  let hostileReportId: number;
  const dialogs: string[] = [];

  const sqlOne = async <T,>(text: string, params: unknown[] = []): Promise<T> => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows[0] as T;
    } finally {
      await client.end();
    }
  };
  const exported = async () => {
    rmSync(outDir, { recursive: true, force: true });
    const run = await cli(['export', '--format', 'json', '--out', outDir], env);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(readFileSync(join(outDir, 'wanyuan-2022-final-accounts.pdf.json'), 'utf8')) as {
      reports: { kind: string; amounts: { item: string; phase: string; fiscal_year: number; yuan: string; verification: string; review?: { reviewer: string; note: string | null; was: { yuan: string } | null } }[] }[];
    };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'bi-review-'));
    outDir = join(dataDir, 'out');
    const docx = join(dataDir, 'hostile-final-accounts.docx');
    writeFileSync(docx, hostileDocx());
    env = { DATABASE_URL: db.url, BUDGET_INGEST_DATA_DIR: join(dataDir, 'data'), REVIEW_TOKEN: `${REVIEWER}:${SECRET}`, LOG_LEVEL: 'silent' };
    const ingest = await cli(['ingest', PDF, BROKEN, docx], env);
    expect(ingest.stdout).toContain('wanyuan-2022-final-accounts.pdf');

    // The real command, as a user starts it; port 0 takes a free port, printed in its first line.
    server = spawn(process.execPath, [join(ROOT, 'packages/cli/bin/budget-ingest.mjs'), 'review', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`review did not start: ${printed}`)), 90_000);
      server.stdout!.on('data', (b: Buffer) => {
        printed += b.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(printed);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      server.stderr!.on('data', (b: Buffer) => (printed += b.toString()));
      server.once('exit', (code) => reject(new Error(`review exited ${code}: ${printed}`)));
    });

    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'bi-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1440, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the documents, filters them by text and status, and shows a failed one with its error and a retry button', async () => {
    await page.goto(`${url}/`);
    await expect.poll(() => page.locator('#documents tbody tr').count()).toBe(3);
    await page.fill('#filter-q', '万源');
    await page.click('.filters button[type=submit]');
    await page.waitForURL(/q=/);
    expect(await page.locator('#documents tbody tr').count()).toBe(1);
    expect(await page.locator('#documents tbody tr td.file').first().innerText()).toContain('wanyuan-2022-final-accounts.pdf');

    await page.goto(`${url}/`);
    await page.selectOption('#filter-status', 'failed');
    await page.click('.filters button[type=submit]');
    await page.waitForURL(/status=failed/);
    const failed = page.locator('#documents tbody tr');
    expect(await failed.count()).toBe(1);
    expect(await failed.locator('.error').innerText()).toMatch(/corrupt|failed|PDF/i);
    expect(await failed.locator('form.retry button').count()).toBe(1);
  });

  it('logs in with the review token and retries the failed document', async () => {
    await page.goto(`${url}/login`);
    await page.fill('#token', SECRET);
    await page.click('#login-form button');
    await page.waitForURL(`${url}/`);
    expect(await page.locator('nav .who').innerText()).toContain(REVIEWER);
    await page.goto(`${url}/?status=failed`);
    await Promise.all([page.waitForURL(`${url}/`), page.click('#documents form.retry button')]);
    // Broken bytes stay broken: the retry ran and the document is failed again, with its reason.
    const broken = await sqlOne<{ status: string; error_code: string }>(`SELECT status, error_code FROM documents WHERE file_name = 'renhua-2021-perf-broken.pdf'`);
    expect(broken.status).toBe('failed');
  });

  it('opens a report from the PDF, and clicking an amount shows its box on its page of the rendered PDF', async () => {
    const list = (await (await page.request.get(`${url}/api/documents?q=wanyuan`)).json()) as { documents: { report_list: { id: number; kind: string }[] }[] };
    reportId = list.documents[0]!.report_list.find((r) => r.kind === 'department_final_accounts')!.id;
    await page.goto(`${url}/`);
    await page.click(`a[href="/reports/${reportId}"]`);
    await page.waitForURL(`${url}/reports/${reportId}`);

    const api = (await (await page.request.get(`${url}/api/reports/${reportId}`)).json()) as { amounts: { valueKey: string; page: number; bbox: number[]; yuan: string }[] };
    const total = api.amounts.find((a) => a.valueKey === 'amount|total_expenditure|actual|2022')!;
    expect(total.bbox).toHaveLength(4);
    const row = page.locator(`tr.value[data-key="${total.valueKey}"]`);
    await row.locator('button.amount').click();
    await page.waitForSelector(`#pdf-page[data-rendered="true"][data-page="${total.page}"]`, { timeout: 60_000 });

    // The box drawn over the page is the value's bbox at the page's scale.
    const scale = Number(await page.getAttribute('#pdf-page', 'data-scale'));
    const frame = (await page.locator('#pdf-page').boundingBox())!;
    const mark = (await page.locator('#highlight').boundingBox())!;
    const [x0, y0, x1, y1] = total.bbox as [number, number, number, number];
    expect(mark.x - frame.x).toBeCloseTo(x0 * scale, 0);
    expect(mark.y - frame.y).toBeCloseTo(y0 * scale, 0);
    expect(mark.width).toBeCloseTo((x1 - x0) * scale, 0);
    expect(mark.height).toBeCloseTo((y1 - y0) * scale, 0);
    // And the rendered page has print under the box: the value's glyphs are where the box says.
    const ink = await page.evaluate(
      ([bx0, by0, bx1, by1, s]) => {
        const canvas = document.getElementById('pdf-canvas') as HTMLCanvasElement;
        const k = (canvas.width / canvas.clientWidth) * s!;
        const data = canvas.getContext('2d')!.getImageData(bx0! * k, by0! * k, (bx1! - bx0!) * k, (by1! - by0!) * k).data;
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! < 300) dark++;
        return dark;
      },
      [x0, y0, x1, y1, scale],
    );
    expect(ink).toBeGreaterThan(20);
    expect(await page.locator('#source-text').innerText()).not.toBe('');

    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    await page.locator('#highlight').scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT });
  });

  it('corrects the amount, and the corrected value is what export and report_overview give', async () => {
    const key = 'amount|total_expenditure|actual|2022';
    await page.click(`tr.value[data-key="${key}"] button.amount`);
    await page.selectOption('#c-action', 'correct');
    await page.fill('#c-value', '3700.00');
    await page.selectOption('#c-unit', '万元');
    await page.fill('#c-note', '决算表合计行 re-read by hand');
    await Promise.all([page.waitForEvent('load'), page.click('#c-submit')]);
    await expect.poll(() => page.getAttribute(`tr.value[data-key="${key}"]`, 'data-verification')).toBe('corrected');
    expect(await page.locator(`tr.value[data-key="${key}"] button.amount`).innerText()).toBe('37,000,000.00');

    const doc = await exported();
    const amount = doc.reports.find((r) => r.kind === 'department_final_accounts')!.amounts.find((a) => a.item === 'total_expenditure' && a.phase === 'actual' && a.fiscal_year === 2022)!;
    expect(amount).toMatchObject({ yuan: '37000000.00', verification: 'corrected', review: { reviewer: REVIEWER, note: '决算表合计行 re-read by hand' } });
    expect(amount.review!.was!.yuan).not.toBe('37000000.00');
    const overview = await sqlOne<{ total_actual: string; v: string }>(`SELECT total_actual, headline_verification->>'total_actual' AS v FROM report_overview WHERE report_id = $1`, [reportId]);
    expect(overview).toEqual({ total_actual: '37000000.00', v: 'corrected' });

    const alone = await cli(['export', '--corrections', '--out', outDir], env);
    expect(alone.stdout).toContain('wrote 1 correction(s) (0 orphaned)');
    const corrections = JSON.parse(readFileSync(join(outDir, 'corrections.json'), 'utf8')) as { action: string; reviewer: string; in_force: boolean }[];
    expect(corrections).toMatchObject([{ action: 'correct', reviewer: REVIEWER, in_force: true }]);
  });

  it('confirms a value with the keyboard (j/k to it, Enter opens its source, e its correction, c confirms), with the reviewer as its evidence', async () => {
    const basic = page.locator('tr.value[data-key="amount|basic_expenditure|actual|2022"]');
    const rows = page.locator('tr.value');
    const index = await basic.evaluate((el) => [...document.querySelectorAll('tr.value')].indexOf(el));
    expect(index).toBeGreaterThan(0);
    // Select the value above it, then move down with j (k and j again: back and forth).
    await rows.nth(index - 1).locator('td').first().click();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await rows.nth(index - 1).getAttribute('class')).toContain('selected');
    await page.keyboard.press('j');
    expect(await rows.nth(index).getAttribute('class')).toContain('selected');
    expect(await rows.nth(index - 1).getAttribute('class')).not.toContain('selected');
    // Enter opens the selected value's source; e opens its correction, the value field focused.
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#pdf-page[data-rendered="true"][data-page="${await basic.getAttribute('data-page')}"]`);
    expect(await page.locator('#source-text').innerText()).toBe(await basic.getAttribute('data-source'));
    await page.keyboard.press('e');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('c-value');
    expect(await page.inputValue('#c-action')).toBe('correct');
    expect(await page.inputValue('#c-value')).toBe(await basic.getAttribute('data-value'));
    // Back on the row (typing in the form is not a key command), c confirms it.
    await basic.locator('td').first().click();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('c')]);
    await expect.poll(() => basic.getAttribute('data-verification')).toBe('confirmed');
    const confirmed = (await exported()).reports.find((r) => r.kind === 'department_final_accounts')!.amounts.find((a) => a.item === 'basic_expenditure' && a.phase === 'actual' && a.fiscal_year === 2022)!;
    expect(confirmed).toMatchObject({ verification: 'confirmed', review: { reviewer: REVIEWER } });
  });

  it('keeps the correction after reparse', async () => {
    const run = await cli(['reparse'], env);
    expect(run.code, run.stderr).toBe(0);
    const doc = await exported();
    const amount = doc.reports.find((r) => r.kind === 'department_final_accounts')!.amounts.find((a) => a.item === 'total_expenditure' && a.phase === 'actual' && a.fiscal_year === 2022)!;
    expect(amount).toMatchObject({ yuan: '37000000.00', verification: 'corrected' });
    const overview = await sqlOne<{ total_actual: string }>(`SELECT o.total_actual FROM report_overview o JOIN reports r ON r.id = o.report_id JOIN documents d ON d.id = r.document_id WHERE d.file_name = 'wanyuan-2022-final-accounts.pdf' AND r.kind = 'department_final_accounts'`);
    expect(overview.total_actual).toBe('37000000.00');
    // The report has a new id after reparse; its page shows the correction still applied.
    const fresh = await sqlOne<{ id: string }>(`SELECT r.id FROM reports r JOIN documents d ON d.id = r.document_id WHERE d.file_name = 'wanyuan-2022-final-accounts.pdf' AND r.kind = 'department_final_accounts'`);
    await page.goto(`${url}/reports/${fresh.id}`);
    expect(await page.getAttribute('tr.value[data-key="amount|total_expenditure|actual|2022"]', 'data-verification')).toBe('corrected');
    reportId = Number(fresh.id);
  });

  it("shows the organisation's reports across years with the corrected figure, and the publication's sources", async () => {
    await page.goto(`${url}/reports/${reportId}`);
    await Promise.all([page.waitForURL(/\/organizations\/\d+$/), page.click('.identity a[href^="/organizations/"]')]);
    const row = page.locator('table.org-years tbody tr', { has: page.locator(`a[href="/reports/${reportId}"]`) });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('37,000,000.00');
    await page.goto(`${url}/publications?q=${encodeURIComponent('万源')}`);
    const sources = page.locator('table.publications ul.sources li');
    expect(await sources.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/wanyuan-2022-final-accounts\.pdf pdf canonical/)]));
  });

  it('refuses a write without the token (401), without the CSRF token (403) and from another origin (403)', async () => {
    const body = { report_id: reportId, target: 'amount', action: 'confirm', value_key: 'amount|total_expenditure|actual|2022' };
    const anonymous = await fetch(`${url}/api/corrections`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(anonymous.status).toBe(401);
    const wrongBearer = await fetch(`${url}/api/corrections`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer not-the-token' }, body: JSON.stringify(body) });
    expect(wrongBearer.status).toBe(401);
    // In the logged-in browser: the session cookie alone is not enough.
    const noCsrf = await page.evaluate(async (b) => (await fetch('/api/corrections', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) })).status, body);
    expect(noCsrf).toBe(403);
    const crossOrigin = await fetch(`${url}/api/corrections`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${SECRET}`, Origin: 'http://evil.example' }, body: JSON.stringify(body) });
    expect(crossOrigin.status).toBe(403);
    // Nothing was written by those: one correction and one confirmation, as before.
    const count = await sqlOne<{ n: number }>('SELECT count(*)::int AS n FROM corrections');
    expect(count.n).toBe(2);
  });

  it('shows a document whose title and text carry script as text, and runs none of it', async () => {
    const list = (await (await page.request.get(`${url}/api/documents?q=hostile`)).json()) as { documents: { report_list: { id: number; title: string | null }[] }[] };
    const report = list.documents[0]!.report_list[0]!;
    expect(report.title ?? '').toContain('<script>');
    hostileReportId = report.id;
    for (const path of ['/', `/?q=${encodeURIComponent('芦淞')}`, `/reports/${hostileReportId}`, '/publications', '/corrections']) {
      await page.goto(`${url}${path}`);
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
        handlers: document.querySelectorAll('[onerror], [onload], svg, img').length,
        scripts: [...document.scripts].map((s) => s.getAttribute('src')),
        text: document.body.innerText,
      }));
      expect(state.pwned, path).toBeNull();
      expect(state.handlers, path).toBe(0);
      expect(state.scripts, path).toEqual(['/assets/review.js']);
      if (path !== '/publications' && path !== '/corrections') expect(state.text, path).toContain('<script>');
    }
    // The DOCX's own text, shown from its document model, with the value's paragraph highlighted.
    await page.goto(`${url}/reports/${hostileReportId}`);
    await page.locator('tr.value').first().click();
    expect(await page.locator('.model .hl').count()).toBe(1);
    expect(await page.locator('.model').innerText()).toContain('onerror="window.__pwned');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null)).toBeNull();
    expect(dialogs).toEqual([]);
  });
});
