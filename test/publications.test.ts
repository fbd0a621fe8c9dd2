import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@budget-ingest/config';
import { createDb, rowsOf, type DbHandle } from '@budget-ingest/db';
import { openZip } from '@budget-ingest/docx-extract';
import { writeZip } from '@budget-ingest/docx-extract/testing';
import { silentLogger } from '@budget-ingest/logger';
import { createLocalBlobStore } from '@budget-ingest/blob-store';
import { runParseStage, type PipelineDeps } from '@budget-ingest/pipeline';
import { cli } from './support/cli.ts';
import { createTestDatabase, noPostgres, type TestDatabase } from './support/services.ts';

/*
 * One report is one row whatever files it came in (issue 17), on a real Postgres: the PDF, DOCX
 * and DOC of 万源市医疗保障局's 2022 部门决算 (three reports each) give three publications, whatever
 * order the files are loaded in and when two workers load them at once; the 芦淞 DOCX and its 附件
 * spreadsheet give one; a copy of the DOCX with one figure changed gives a sources-disagree finding.
 */

const docs = join(import.meta.dirname, 'fixtures/corpus/docs');
const WANYUAN = ['wanyuan-2022-final-accounts.pdf', 'wanyuan-2022-final-accounts.docx', 'wanyuan-2022-final-accounts.doc'];
const LUSONG = ['lusong-2023-perf.docx', 'lusong-2023-table.xlsx'];
/** A project form whose 实施单位 reports to a 主管部门 printed beside it. */
const FORM = 'shanghai-putuo-tiyuzhongxin-2022-project-perf.pdf';
const ALTERED = 'lusong-2023-perf-altered.docx';
const real = join(import.meta.dirname, 'fixtures/corpus/real');
/** One department's budget and final accounts across two years, and a street office's budgets of two years. */
const PUTUO = [
  'shanghai-putuo-caizhengju-2024-final.pdf',
  'shanghai-putuo-caizhengju-2025-dept-budget.pdf',
  'shanghai-putuo-wanlijiedao-2024-dept-budget.pdf',
  'shanghai-putuo-wanlijiedao-2025-dept-budget.pdf',
];

/** Question n of docs/queries.sql. */
function queryText(n: number): string {
  const file = readFileSync(join(import.meta.dirname, '../docs/queries.sql'), 'utf8');
  const block = file.split(/^(?=-- Q\d+: )/m).find((b) => b.startsWith(`-- Q${n}: `));
  if (!block) throw new Error(`no Q${n}`);
  return block.trim();
}

let db: TestDatabase;
let handle: DbHandle;
let work: string;
let deps: PipelineDeps;

/** The lusong DOCX with 基本支出 126.15万元 printed as 127.15万元 throughout: the same report, one figure off. */
function writeAlteredCopy(dir: string): string {
  const zip = openZip(readFileSync(join(docs, 'lusong-2023-perf.docx')), { maxUncompressedBytes: 1e8, maxZipEntries: 1000 });
  const files = zip.entries.map((e) => {
    const data = zip.read(e.name)!;
    return { name: e.name, data: e.name === 'word/document.xml' ? new TextDecoder().decode(data).replaceAll('126.15', '127.15') : data };
  });
  const path = join(dir, ALTERED);
  writeFileSync(path, writeZip(files));
  return path;
}

async function query<T>(text: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await handle.db.execute(text));
}

async function documentIds(names: readonly string[]): Promise<number[]> {
  const rows = await query<{ id: number; file_name: string }>(sql`SELECT id, file_name FROM documents`);
  return names.map((n) => Number(rows.find((r) => r.file_name === n)!.id));
}

/** Forgets the documents' reports and links, as if none of them had been loaded yet. */
async function forget(ids: readonly number[]): Promise<void> {
  const list = sql.join(ids.map((id) => sql`${id}`), sql`, `);
  await handle.db.execute(sql`DELETE FROM publications WHERE id IN (SELECT publication_id FROM reports WHERE document_id IN (${list}))`);
  await handle.db.execute(sql`DELETE FROM organizations WHERE id IN (SELECT organization_id FROM reports WHERE document_id IN (${list}))`);
  await handle.db.execute(sql`DELETE FROM reports WHERE document_id IN (${list})`);
}

/** Loads the documents' reports afresh, in the order given. */
async function relinkInOrder(ids: readonly number[]): Promise<void> {
  await forget(ids);
  for (const id of ids) await runParseStage(deps, id);
}

async function wanyuanPublications() {
  return query<{ publication_id: number; kind: string; file_name: string; source_count: number }>(
    sql`SELECT publication_id, kind, file_name, source_count FROM report_overview WHERE organization LIKE '%万源%' ORDER BY kind::text`,
  );
}

describe.skipIf(noPostgres)('publications on Postgres', () => {
  beforeAll(async () => {
    db = await createTestDatabase('bi_pub');
    work = mkdtempSync(join(tmpdir(), 'bi-pub-'));
    for (const f of [...WANYUAN, ...LUSONG, FORM]) copyFileSync(join(docs, f), join(work, f));
    for (const f of PUTUO) copyFileSync(join(real, f), join(work, f));
    const run = await cli(['ingest', work], { DATABASE_URL: db.url, REDIS_URL: undefined, BUDGET_INGEST_DATA_DIR: join(work, 'data') });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    handle = await createDb({ databaseUrl: db.url, dataDir: join(work, 'data') });
    const config = loadConfig({ DATABASE_URL: db.url, BUDGET_INGEST_DATA_DIR: join(work, 'data') });
    deps = { db: handle.db, blobs: createLocalBlobStore(join(work, 'data/blobs')), logger: silentLogger(), config, pathEnv: process.env.PATH ?? '' };
  }, 300_000);

  afterAll(async () => {
    await handle?.close();
    await db?.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('counts the three files of one 部门决算 once per report, from the PDF', async () => {
    const rows = await wanyuanPublications();
    expect(rows.map((r) => r.kind)).toEqual(['department_final_accounts', 'department_performance_self_evaluation', 'project_performance_self_evaluation']);
    expect(rows.every((r) => Number(r.source_count) === 3 && r.file_name === WANYUAN[0])).toBe(true);
    const all = await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM reports r JOIN documents d ON d.id = r.document_id WHERE d.file_name LIKE 'wanyuan%'`);
    expect(all[0]!.n).toBe(9);
  });

  it('confirms a value another file of the report prints the same, on the canonical report only', async () => {
    const rows = await query<{ canonical: boolean; n: number }>(sql`
      SELECT (p.canonical_report_id = v.report_id) AS canonical, count(*)::int AS n
      FROM (SELECT report_id FROM amounts WHERE confirmed_across_sources
            UNION ALL SELECT report_id FROM expenditure_lines WHERE confirmed_across_sources
            UNION ALL SELECT report_id FROM indicators WHERE confirmed_across_sources) v
      JOIN reports r ON r.id = v.report_id JOIN publications p ON p.id = r.publication_id
      GROUP BY 1`);
    expect(rows.map((r) => [r.canonical, r.n > 0])).toEqual([[true, true]]);
    const states = await query<{ verification: string }>(sql`SELECT DISTINCT verification::text FROM amounts WHERE confirmed_across_sources`);
    expect(states.map((s) => s.verification)).toEqual(['confirmed']);
  });

  it('chooses the same canonical source in every order of arrival', async () => {
    const [pdf, docx, doc] = await documentIds(WANYUAN);
    const orders = [
      [pdf, docx, doc],
      [pdf, doc, docx],
      [docx, pdf, doc],
      [docx, doc, pdf],
      [doc, pdf, docx],
      [doc, docx, pdf],
    ] as number[][];
    const outcomes = new Set<string>();
    for (const order of orders) {
      await relinkInOrder(order);
      outcomes.add(JSON.stringify((await wanyuanPublications()).map((r) => [r.kind, r.file_name, Number(r.source_count)])));
    }
    expect(outcomes.size).toBe(1);
    expect(JSON.parse([...outcomes][0]!)).toEqual([
      ['department_final_accounts', WANYUAN[0], 3],
      ['department_performance_self_evaluation', WANYUAN[0], 3],
      ['project_performance_self_evaluation', WANYUAN[0], 3],
    ]);
  });

  it('gives one publication when two workers load two files of it at the same moment', async () => {
    const [pdf, docx, doc] = await documentIds(WANYUAN);
    const second = await createDb({ databaseUrl: db.url, dataDir: join(work, 'data') });
    try {
      for (let round = 0; round < 3; round++) {
        await forget([pdf!, docx!, doc!]);
        await Promise.all([runParseStage(deps, pdf!), runParseStage({ ...deps, db: second.db }, docx!), runParseStage(deps, doc!)]);
        const rows = await wanyuanPublications();
        expect(rows.map((r) => [r.file_name, Number(r.source_count)])).toEqual([
          [WANYUAN[0], 3],
          [WANYUAN[0], 3],
          [WANYUAN[0], 3],
        ]);
        const pubs = await query<{ n: number }>(sql`SELECT count(DISTINCT publication_id)::int AS n FROM reports WHERE document_id IN (${pdf}, ${docx}, ${doc})`);
        expect(pubs[0]!.n).toBe(3);
      }
    } finally {
      await second.close();
    }
  });

  it('joins the 附件 spreadsheet to the report it belongs to', async () => {
    const rows = await query<{ file_name: string; source_count: number }>(
      sql`SELECT file_name, source_count FROM report_overview WHERE organization LIKE '%芦淞%'`,
    );
    expect(rows.map((r) => [r.file_name, Number(r.source_count)])).toEqual([['lusong-2023-perf.docx', 2]]);
  });

  it('says where two files of one report disagree, with both values and files', async () => {
    const run = await cli(['ingest', writeAlteredCopy(work)], { DATABASE_URL: db.url, REDIS_URL: undefined, BUDGET_INGEST_DATA_DIR: join(work, 'data') });
    expect(run.code, run.stderr).toBe(0);
    const findings = await query<{ message: string; expected: string; actual: string }>(
      sql`SELECT f.message, f.expected, f.actual FROM validation_findings f WHERE f.rule = 'sources-disagree'`,
    );
    expect(findings.length).toBeGreaterThan(0);
    const basic = findings.find((f) => f.message.includes('basic_expenditure'))!;
    expect([basic.expected, basic.actual].sort()).toEqual(['1261500.00', '1271500.00']);
    expect(basic.message).toContain(ALTERED);
    const overview = await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM report_overview WHERE organization LIKE '%芦淞%'`);
    expect(overview[0]!.n).toBe(1);
  });

  it('exports one merged file per publication, naming its sources', async () => {
    const out = join(work, 'by-publication');
    const run = await cli(['export', '--by', 'publication', '--out', out], { DATABASE_URL: db.url, REDIS_URL: undefined, BUDGET_INGEST_DATA_DIR: join(work, 'data') });
    expect(run.code, run.stderr).toBe(0);
    const rows = await query<{ id: number }>(sql`SELECT id FROM publications WHERE canonical_report_id IS NOT NULL ORDER BY id`);
    expect(run.stdout).toContain(`wrote ${rows.length} publication(s)`);
    const lusong = rows
      .map((r) => JSON.parse(readFileSync(join(out, `publication-${r.id}.json`), 'utf8')))
      .find((p) => p.sources.some((s: { file: string }) => s.file === 'lusong-2023-table.xlsx'));
    expect(lusong.sources.filter((s: { canonical: boolean }) => s.canonical)).toHaveLength(1);
    expect(lusong.report.organization).toContain('芦淞区医疗保障局');
    expect(lusong.report.indicators.length).toBeGreaterThan(0);
  });

  it('links a unit to the department its form names as 主管部门', async () => {
    const rows = await query<{ unit: string; parent: string }>(sql`
      SELECT o.canonical_name AS unit, p.canonical_name AS parent
      FROM organizations o JOIN organizations p ON p.id = o.parent_id`);
    expect(rows.map((r) => [r.unit, r.parent])).toEqual([['上海市普陀区体育事业管理中心', '上海市普陀区体育局']]);
  });

  it('keeps one organisation per department across files, years and kinds, and the series query returns its years', async () => {
    const orgs = await query<{ organization: string; years: number[]; kinds: string[] }>(sql`
      SELECT o.canonical_name AS organization, array_agg(DISTINCT r.fiscal_year ORDER BY r.fiscal_year) AS years,
        array_agg(DISTINCT r.kind::text ORDER BY r.kind::text) AS kinds
      FROM organizations o JOIN reports r ON r.organization_id = o.id
      WHERE o.region_code = '310107' AND r.kind IN ('department_budget', 'department_final_accounts') GROUP BY o.id, o.canonical_name ORDER BY 1`);
    expect(orgs.map((o) => [o.organization, o.years.map(Number), o.kinds])).toEqual([
      ['上海市普陀区人民政府万里街道办事处', [2024, 2025], ['department_budget']],
      ['上海市普陀区财政局', [2024, 2025], ['department_budget', 'department_final_accounts']],
    ]);
    const aliases = await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM organization_aliases a JOIN organizations o ON o.id = a.organization_id WHERE o.region_code = '310107'`);
    expect(aliases[0]!.n).toBeGreaterThanOrEqual(2);

    const series = await query<Record<string, string | null>>(sql.raw(queryText(11)));
    const street = series.filter((r) => r.organization === '上海市普陀区人民政府万里街道办事处' && r.item === 'basic_expenditure');
    // 2024 and 2025 基本支出 as their 部门预算 print them: the 合计 row, 基本支出 column, p. 20 of the 2024 PDF and p. 18 of the 2025 PDF (read off the rendered pages).
    expect(street.map((r) => [Number(r.fiscal_year), r.yuan])).toEqual([
      [2024, '99706020.00'],
      [2025, '101341746.00'],
    ]);
    expect(street[1]!.change_recomputed).toBe('1635726.00');
    const years = await query<{ fiscal_year: number; reports: number }>(
      sql`SELECT fiscal_year, reports FROM organization_years WHERE organization = '上海市普陀区财政局' ORDER BY fiscal_year`,
    );
    expect(years.map((y) => [Number(y.fiscal_year), Number(y.reports)])).toEqual([
      [2024, 1],
      [2025, 1],
    ]);
  });
});
