import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { cell, numberBlocks, paragraph, table, type DocumentModel } from '@budget-ingest/doc-model';
import { createDb, documents, migrate, type DbHandle } from '@budget-ingest/db';
import { replaceReports } from '@budget-ingest/pipeline';
import { parseDocument, type Report } from '@budget-ingest/report-parser';
import { createTestDatabase, noPostgres } from '../../../test/support/services.ts';
import { buildDocumentExport } from './export-json.ts';

/** A small final accounts on one PDF page: a 收支总表 whose 本年支出合计 the text restates, and a text figure said once. */
function parsedReport(): Report {
  const box = (x: number, y: number): [number, number, number, number] => [x, y, x + 80.5, y + 20.25];
  const at = (text: string, x: number, y: number): ReturnType<typeof cell> => cell(text, { page: 2, bbox: box(x, y) });
  const model: DocumentModel = {
    modelVersion: 1,
    format: 'pdf',
    pageCount: 2,
    pages: [],
    metadata: {},
    warnings: [],
    blocks: numberBlocks([
      paragraph('某某局2024年度部门决算', { page: 1, bbox: [100, 80, 500, 110] }),
      paragraph('2024年本年支出合计100.00万元，“三公”经费支出1.20万元。', { page: 1, bbox: [72, 200, 520, 240] }),
      paragraph('收入支出决算总表', { page: 2 }),
      table(
        [
          [at('项目', 50, 100), at('决算数', 130, 100), at('项目', 210, 100), at('决算数', 290, 100)],
          [at('一、一般公共预算财政拨款收入', 50, 120), at('100.00', 130, 120), at('一、一般公共服务支出', 210, 120), at('100.00', 290, 120)],
          [at('本年收入合计', 50, 140), at('100.00', 130, 140), at('本年支出合计', 210, 140), at('100.00', 290, 140)],
        ],
        { caption: '单位：万元', page: 2 },
      ),
    ]),
  };
  const { reports } = parseDocument(model);
  expect(reports).toHaveLength(1);
  return reports[0]!;
}

/** Stores the parsed report, exports it back and reads the analyst views' verification columns. */
async function roundTrip(handle: DbHandle): Promise<void> {
  await migrate(handle);
  const report = parsedReport();
  const [doc] = await handle.db.insert(documents).values({ sha256: 'a'.repeat(64), fileName: 'x.pdf', format: 'pdf', byteSize: 1, status: 'parsed' }).returning({ id: documents.id });
  const withFinding: Report = { ...report, findings: [...report.findings, { rule: 'score-exceeds-weight', severity: 'error', message: 'm', expected: null, actual: null, pages: [2], values: [{ anchor: { block: 3, row: 2, cell: 1 }, yuan: '1000000.00' }] }] };
  await handle.db.transaction((tx) => replaceReports(tx, doc!.id, [withFinding]));

  const exported = (await buildDocumentExport(handle.db, doc!.id)).reports[0]!;
  const total = exported.amounts.find((a) => a.item === 'total_expenditure')!;
  expect(total).toMatchObject({ verification: 'confirmed', anchor: { block: 3, row: 2, cell: 3 }, bbox: [290, 140, 370.5, 160.25] });
  const three = exported.amounts.find((a) => a.item === 'three_public_expenditure')!;
  expect(three).toMatchObject({ verification: 'unconfirmed', anchor: { block: 1 }, bbox: [72, 200, 520, 240] });
  // Everything the parser set comes back as it was.
  const pick = (r: { readonly amounts: readonly { readonly item: string; readonly verification?: string; readonly anchor?: unknown; readonly bbox?: unknown }[] }) => r.amounts.map((a) => [a.item, a.verification, a.anchor, a.bbox]);
  expect(pick(exported)).toEqual(pick(report));
  expect(exported.findings.find((f) => f.rule === 'score-exceeds-weight' && f.message === 'm')!.values).toEqual([{ anchor: { block: 3, row: 2, cell: 1 }, yuan: '1000000.00' }]);

  const overview = (await handle.db.execute(sql`SELECT headline_verification FROM report_overview`)) as unknown as { rows: { headline_verification: Record<string, string> }[] };
  expect(overview.rows[0]!.headline_verification).toMatchObject({ total_actual: 'confirmed', three_public_actual: 'unconfirmed' });
  const confirmed = (await handle.db.execute(sql`SELECT count(*)::int AS n FROM amounts WHERE verification = 'confirmed'`)) as unknown as { rows: { n: number }[] };
  expect(confirmed.rows[0]!.n).toBe(report.amounts.filter((a) => a.verification === 'confirmed').length);
}

describe('verification, anchor and bbox through the database and the JSON export', () => {
  it('round-trip through the embedded PGlite database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bi-trace-'));
    const handle = await createDb({ databaseUrl: null, dataDir: dir });
    try {
      await roundTrip(handle);
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  describe.skipIf(noPostgres)('on a real Postgres server', () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const c of cleanups) await c();
    });

    it('round-trip the same', async () => {
      const testDb = await createTestDatabase();
      cleanups.push(testDb.drop);
      const handle = await createDb({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
      try {
        await roundTrip(handle);
      } finally {
        await handle.close();
      }
    }, 120_000);
  });
});
