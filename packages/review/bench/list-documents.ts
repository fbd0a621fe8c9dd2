/**
 * How fast the review app's document list answers on 10,000 documents (target: < 300 ms).
 *
 *   npm run bench -w @budget-ingest/review
 *   BENCH_DOCS=N (default 10000)  BENCH_ROUNDS=N (default 15)  DATABASE_URL=postgres://… (else the embedded PGlite)
 *
 * Seeds N documents in a fresh database with SQL (one report each, 6 amounts, 10 expenditure lines,
 * 5 indicators, a finding every fifth report, 2 % failed documents, a correction every tenth
 * report), serves the app on loopback, and times GET /api/documents over HTTP, as a script or the
 * page would call it, for filters that touch each part of the query: the first page, a deep page,
 * status, text search (a common and a rare word), region + year, kind + organisation. Each filter
 * runs BENCH_ROUNDS times after one warm-up; median, p95 and max are printed with pass/fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createDb, migrate, rowsOf } from '@budget-ingest/db';
import { startReviewServer, Trust } from '../src/index.ts';

const N = Math.max(100, Number(process.env.BENCH_DOCS ?? 10_000));
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 15));
const TARGET_MS = 300;
const databaseUrl = process.env.DATABASE_URL ?? null;

const dir = mkdtempSync(join(tmpdir(), 'bi-review-bench-'));
const handle = await createDb({ databaseUrl, dataDir: dir });
try {
  if (databaseUrl) {
    // A shared server: run in a schema of our own would change the migrations' names; refuse a database with documents instead.
    const n = rowsOf<{ n: number }>(await handle.db.execute(sql`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'documents'`))[0]!.n;
    if (n > 0 && rowsOf<{ n: number }>(await handle.db.execute(sql`SELECT count(*)::int AS n FROM documents`))[0]!.n > 0) throw new Error('DATABASE_URL has documents: point the bench at an empty database');
  }
  await migrate(handle);
  const seedStart = performance.now();
  await seed(N);
  console.log(`seeded ${N} documents on ${handle.kind} in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const counts = rowsOf<Record<string, number>>(
    await handle.db.execute(sql`SELECT (SELECT count(*)::int FROM documents) AS documents, (SELECT count(*)::int FROM reports) AS reports,
      (SELECT count(*)::int FROM amounts) + (SELECT count(*)::int FROM expenditure_lines) + (SELECT count(*)::int FROM indicators) AS "values",
      (SELECT count(*)::int FROM corrections) AS corrections`),
  )[0]!;
  console.log(`rows: ${JSON.stringify(counts)}`);

  const server = await startReviewServer({ db: handle.db, trust: new Trust([], true), loopbackOnly: true, readOriginal: async () => new Uint8Array() }, '127.0.0.1', 0);
  const cases: [string, string][] = [
    ['first page', ''],
    ['page 100 (offset 4,950)', 'page=100'],
    ['status=failed', 'status=failed'],
    ['q=医疗保障局 (common)', `q=${encodeURIComponent('医疗保障局')}`],
    ['q=单位7777 (rare)', `q=${encodeURIComponent('单位7777')}`],
    ['region=43 & year=2022', 'region=43&year=2022'],
    ['kind & organisation', `kind=department_final_accounts&organization=${encodeURIComponent('医疗保障局')}`],
    ['region name, 200 per page', `region=${encodeURIComponent('四川')}&per_page=200`],
  ];
  console.log(`\nGET /api/documents, ${ROUNDS} rounds each after a warm-up (ms)`);
  console.log('filter                                   total  median     p95     max  < 300 ms');
  let failed = 0;
  for (const [name, query] of cases) {
    const get = async () => {
      const res = await fetch(`${server.url}/api/documents?${query}`);
      if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { total: number };
    };
    const { total } = await get();
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      await get();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    const ok = at(0.95) < TARGET_MS;
    if (!ok) failed++;
    console.log(`${name.padEnd(38)} ${String(total).padStart(6)} ${at(0.5).toFixed(1).padStart(7)} ${at(0.95).toFixed(1).padStart(7)} ${times.at(-1)!.toFixed(1).padStart(7)}  ${ok ? 'pass' : 'FAIL'}`);
  }
  await server.close();
  console.log(failed === 0 ? `\nevery filter answered within ${TARGET_MS} ms at p95` : `\n${failed} filter(s) over ${TARGET_MS} ms at p95`);
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
}

/** N documents with their reports and values, written by the database itself (generate_series). */
async function seed(n: number): Promise<void> {
  const db = handle.db;
  await db.execute(sql`
    INSERT INTO documents (sha256, file_name, format, byte_size, page_count, status, error_code, error_message)
    SELECT lpad(to_hex(g), 64, '0'), 'county-' || (g % 97) || '-单位' || g || '-' || (2019 + g % 6) || '.pdf', 'pdf', 100000 + g, 10 + g % 40,
      CASE WHEN g % 50 = 0 THEN 'failed' ELSE 'parsed' END::document_status,
      CASE WHEN g % 50 = 0 THEN 'corrupt' END, CASE WHEN g % 50 = 0 THEN 'the PDF is damaged' END
    FROM generate_series(1, ${n}) g`);
  await db.execute(sql`
    INSERT INTO reports (document_id, ordinal, kind, title, organization, region_code, province, city, county, fiscal_year)
    SELECT d.id, 0, (ARRAY['department_budget', 'department_final_accounts', 'project_performance_self_evaluation'])[1 + d.id % 3]::report_kind,
      (2019 + d.id % 6) || '年度' || o.name || '部门决算', '某县' || o.name || d.id % 13,
      (ARRAY['510000', '430000', '310000', '340000'])[1 + d.id % 4]::char(6) || '',
      (ARRAY['四川省', '湖南省', '上海市', '安徽省'])[1 + d.id % 4], '某市', '某县', 2019 + d.id % 6
    FROM documents d
    CROSS JOIN LATERAL (SELECT (ARRAY['财政局', '医疗保障局', '教育局', '民政局', '司法局', '水利局'])[1 + d.id % 6] AS name) o
    WHERE d.status = 'parsed'`);
  await db.execute(sql`UPDATE reports SET region_code = left(region_code, 2) || lpad((id % 9999)::text, 4, '0')`);
  await db.execute(sql`
    INSERT INTO amounts (report_id, item, phase, fiscal_year, yuan, source_text, page, verification, bbox)
    SELECT r.id, i.item, 'actual', r.fiscal_year, (r.id * 1000 + i.n)::numeric(20, 2), '支出合计', 1 + i.n,
      (ARRAY['confirmed', 'unconfirmed', 'contradicted'])[1 + (r.id + i.n) % 3]::value_verification, ARRAY[72, 100, 300, 120]::double precision[]
    FROM reports r CROSS JOIN unnest(ARRAY['total_expenditure', 'basic_expenditure', 'project_expenditure', 'personnel_expenditure', 'public_expenditure', 'three_public_expenditure']::amount_item[]) WITH ORDINALITY AS i(item, n)`);
  await db.execute(sql`
    INSERT INTO expenditure_lines (report_id, ordinal, classification, path, code, phase, fiscal_year, yuan, source_text, page, verification)
    SELECT r.id, g, 'functional', ARRAY['一般公共服务支出', '项' || g], '20106' || lpad(g::text, 2, '0'), 'actual', r.fiscal_year, (g * 1000)::numeric(20, 2), '行', 2,
      (ARRAY['confirmed', 'unconfirmed'])[1 + (r.id + g) % 2]::value_verification
    FROM reports r CROSS JOIN generate_series(1, 10) g`);
  await db.execute(sql`
    INSERT INTO indicators (report_id, ordinal, level1, level2, level3, actual_raw, actual_value, page, verification)
    SELECT r.id, g, '产出指标', '数量指标', '指标' || g, '99%', 99, 3, 'unconfirmed' FROM reports r CROSS JOIN generate_series(1, 5) g`);
  await db.execute(sql`
    INSERT INTO validation_findings (report_id, rule, severity, message) SELECT id, 'parts-sum-basic-project', 'error', '不相等' FROM reports WHERE id % 5 = 0`);
  await db.execute(sql`
    INSERT INTO corrections (publication_key, target, value_key, identity, action, reviewer)
    SELECT k.publication_key, 'amount', 'amount|total_expenditure|actual|' || r.fiscal_year, '{}'::jsonb, 'confirm', 'bench'
    FROM reports r JOIN report_keys k ON k.report_id = r.id WHERE r.id % 10 = 0`);
  await db.execute(sql`ANALYZE`);
}
