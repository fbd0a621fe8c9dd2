import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, documents, migrate, rowsOf, type DbHandle } from '@budget-ingest/db';
import { buildDocumentExport, readCorrections } from '@budget-ingest/export';
import { replaceReports } from '@budget-ingest/pipeline';
import { amountKey, lineKey } from '@budget-ingest/publications';
import type { Report } from '@budget-ingest/report-parser';
import { CorrectionError, correctionInputSchema, indicatorKey, recordCorrection, toYuan } from './corrections.ts';

const traced = { verification: 'unconfirmed', anchor: { block: 1 }, bbox: [72, 200, 520, 240] } as const;
/** A 部门决算 as the parser gives it: three headline amounts, one functional line, one indicator. */
function report(opts: { withTotal?: boolean } = {}): Report {
  return {
    kind: 'department_final_accounts',
    title: '某某局2024年度部门决算',
    organization: '某某局',
    region: null,
    fiscal_year: 2024,
    published_on: null,
    document_number: null,
    self_evaluation: null,
    amounts: [
      ...(opts.withTotal === false ? [] : [{ item: 'total_expenditure', phase: 'actual', fiscal_year: 2024, yuan: '1000000.00', source_text: '本年支出合计100.00万元', page: 1, ...traced } as const]),
      { item: 'basic_expenditure', phase: 'actual', fiscal_year: 2024, yuan: '600000.00', source_text: '基本支出60.00万元', page: 1, ...traced },
      { item: 'project_expenditure', phase: 'actual', fiscal_year: 2024, yuan: '400000.00', source_text: '项目支出40.00万元', page: 1, ...traced },
    ],
    expenditure_lines: [
      { classification: 'functional', path: ['一般公共服务支出', '财政事务', '行政运行'], code: '2010601', phase: 'actual', fiscal_year: 2024, yuan: '500000.00', budget_yuan: null, source_text: '2010601 行政运行 50.00', page: 2, ...traced },
    ],
    indicators: [
      {
        level1: '产出指标',
        level2: '数量指标',
        level3: '参保人数',
        target: { raw: '≥1000人', op: '>=', value: '1000', unit: '人' },
        actual: { raw: '990人', op: null, value: '990', unit: '人' },
        weight: '10',
        score: '9',
        note: null,
        page: 3,
        ...traced,
      },
    ],
    findings: [],
    page_start: 1,
    page_end: 3,
  };
}

describe('corrections on the embedded database', () => {
  let handle: DbHandle;
  let dir: string;
  let documentId: number;
  const reparse = async (r: Report) => handle.db.transaction((tx) => replaceReports(tx, documentId, [r]));
  const reportId = async () => rowsOf<{ id: number }>(await handle.db.execute(sql`SELECT id FROM reports WHERE document_id = ${documentId}`))[0]!.id;
  const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await handle.db.execute(q))[0];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bi-corrections-'));
    handle = await createDb({ databaseUrl: null, dataDir: dir });
    await migrate(handle);
    const [doc] = await handle.db.insert(documents).values({ sha256: 'c'.repeat(64), fileName: 'x.pdf', format: 'pdf', byteSize: 1, status: 'parsed' }).returning({ id: documents.id });
    documentId = doc!.id;
    await reparse(report());
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names values by the same keys in SQL (value_keys) as in code', async () => {
    const keys = rowsOf<{ value_key: string }>(await handle.db.execute(sql`SELECT value_key FROM value_keys ORDER BY target, value_key`)).map((r) => r.value_key);
    const r = report();
    expect(keys.sort()).toEqual([...r.amounts.map(amountKey), ...r.expenditure_lines.map(lineKey), ...r.indicators.map(indicatorKey)].sort());
  });

  it('applies a correction, a confirmation, a mark-wrong and an added value in the views and the export', async () => {
    const id = await reportId();
    const input = (v: Record<string, unknown>) => correctionInputSchema.parse({ report_id: id, ...v });
    await recordCorrection(handle.db, input({ target: 'amount', action: 'correct', value_key: 'amount|total_expenditure|actual|2024', value: '120', unit: '万元', note: '表内合计' }), 'wang');
    await recordCorrection(handle.db, input({ target: 'amount', action: 'confirm', value_key: 'amount|project_expenditure|actual|2024' }), 'li');
    await recordCorrection(handle.db, input({ target: 'amount', action: 'mark_wrong', value_key: 'amount|basic_expenditure|actual|2024', note: '不是本年数' }), 'wang');
    await recordCorrection(handle.db, input({ target: 'amount', action: 'add', item: 'three_public_expenditure', phase: 'actual', fiscal_year: 2024, value: '1.20', unit: '万元' }), 'wang');
    await recordCorrection(handle.db, input({ target: 'line', action: 'correct', value_key: 'line|functional|2010601|actual|2024', value: '510000.00' }), 'wang');
    await recordCorrection(handle.db, input({ target: 'indicator', action: 'correct', value_key: 'indicator|产出指标|数量指标|参保人数', value: '1010', unit: '人' }), 'wang');

    const overview = await one<Record<string, unknown>>(sql`SELECT total_actual, basic_actual, project_actual, three_public_actual, headline_verification FROM report_overview WHERE report_id = ${id}`);
    expect(overview).toMatchObject({ total_actual: '1200000.00', basic_actual: null, project_actual: '400000.00', three_public_actual: '12000.00' });
    expect(overview!.headline_verification).toEqual({ total_actual: 'corrected', project_actual: 'confirmed', three_public_actual: 'corrected' });
    expect(await one(sql`SELECT yuan, verification FROM expenditure_by_function WHERE code = '2010601'`)).toEqual({ yuan: '510000.00', verification: 'corrected' });
    expect(await one(sql`SELECT actual_value, actual_raw, met, verification FROM indicator_results WHERE level3 = '参保人数'`)).toEqual({ actual_value: '1010', actual_raw: '1010人', met: true, verification: 'corrected' });

    const exported = (await buildDocumentExport(handle.db, documentId)).reports[0]!;
    const byItem = Object.fromEntries(exported.amounts.map((a) => [a.item, a]));
    expect(Object.keys(byItem).sort()).toEqual(['project_expenditure', 'three_public_expenditure', 'total_expenditure']);
    expect(byItem.total_expenditure).toMatchObject({ yuan: '1200000.00', verification: 'corrected', review: { reviewer: 'wang', note: '表内合计', was: { yuan: '1000000.00' } } });
    expect(byItem.project_expenditure).toMatchObject({ yuan: '400000.00', verification: 'confirmed', review: { action: 'confirm', reviewer: 'li' } });
    expect(byItem.three_public_expenditure).toMatchObject({ yuan: '12000.00', verification: 'corrected', review: { action: 'add', was: null } });
    // The parsed rows themselves are untouched: corrections are rows of their own.
    expect(await one(sql`SELECT yuan, verification FROM amounts WHERE item = 'total_expenditure'`)).toEqual({ yuan: '1000000.00', verification: 'unconfirmed' });
  });

  it('keeps corrections across reparse, lists one whose value disappeared as orphaned, and applies it again when the value is back', async () => {
    await reparse(report());
    expect(await one(sql`SELECT total_actual FROM report_overview`)).toEqual({ total_actual: '1200000.00' });

    await reparse(report({ withTotal: false }));
    const orphaned = (await readCorrections(handle.db)).filter((c) => c.orphaned);
    expect(orphaned.map((c) => c.value_key)).toEqual(['amount|total_expenditure|actual|2024']);
    expect(await one(sql`SELECT count(*)::int AS n FROM corrections`)).toEqual({ n: 6 });
    expect(await one(sql`SELECT total_actual FROM report_overview`)).toEqual({ total_actual: null });

    await reparse(report());
    expect((await readCorrections(handle.db)).filter((c) => c.orphaned)).toEqual([]);
    expect(await one(sql`SELECT total_actual FROM report_overview`)).toEqual({ total_actual: '1200000.00' });
  });

  it('keeps the newest correction of a value in force and the older ones as history', async () => {
    const id = await reportId();
    await recordCorrection(handle.db, correctionInputSchema.parse({ report_id: id, target: 'amount', action: 'confirm', value_key: 'amount|total_expenditure|actual|2024' }), 'zhao');
    expect(await one(sql`SELECT total_actual, headline_verification->>'total_actual' AS v FROM report_overview`)).toEqual({ total_actual: '1000000.00', v: 'confirmed' });
    const history = (await readCorrections(handle.db)).filter((c) => c.value_key === 'amount|total_expenditure|actual|2024');
    expect(history.map((c) => [c.action, c.in_force])).toEqual([
      ['correct', false],
      ['confirm', true],
    ]);
  });

  it('refuses a value finer than a fen, a value that does not exist, and an added value without its identity', async () => {
    expect(toYuan('3688.59', '万元')).toBe('36885900.00');
    expect(() => toYuan('1.234', '元')).toThrow(CorrectionError);
    const id = await reportId();
    await expect(recordCorrection(handle.db, correctionInputSchema.parse({ report_id: id, target: 'amount', action: 'confirm', value_key: 'amount|nothing|actual|2024' }), 'x')).rejects.toThrow(/has no amount/);
    await expect(recordCorrection(handle.db, correctionInputSchema.parse({ report_id: 999999, target: 'amount', action: 'confirm', value_key: 'k' }), 'x')).rejects.toThrow(/no report/);
    const missing = correctionInputSchema.safeParse({ report_id: id, target: 'amount', action: 'add', value: '1' });
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((i) => i.path[0])).toEqual(['item', 'phase', 'fiscal_year']);
  });
});
