import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@budget-ingest/config';
import { createDb, documentContents, documents, migrate, parseWarnings, type DbHandle } from '@budget-ingest/db';
import { cell, numberBlocks, paragraph, table, type DocumentModel } from '@budget-ingest/doc-model';
import { silentLogger } from '@budget-ingest/logger';
import { createLocalBlobStore } from '@budget-ingest/blob-store';
import { runParseStage, type PipelineDeps } from '@budget-ingest/pipeline';
import { cli } from './support/cli.ts';
import { createTestDatabase, noPostgres } from './support/services.ts';

/*
 * Reading problems are parse warnings stored with the document (parse_warnings), replaced by every
 * parse, and listed by `findings` in a section of their own, never counted as findings.
 */

const BOX = [40, 120, 560, 400] as const;

/** A final accounts whose 支出决算表 prints no unit anywhere: the parser reads it in yuan and says so. */
function modelWithoutUnit(): DocumentModel {
  return {
    modelVersion: 1,
    format: 'pdf',
    pageCount: 3,
    pages: [],
    metadata: {},
    warnings: [],
    blocks: numberBlocks([
      paragraph('某某局2024年度部门决算', { page: 1 }),
      paragraph('支出决算表', { page: 3 }),
      table(
        [
          [cell('科目编码'), cell('科目名称'), cell('合计'), cell('基本支出'), cell('项目支出')],
          [cell('201'), cell('一般公共服务支出'), cell('300.00'), cell('100.00'), cell('200.00')],
          [cell(''), cell('合计'), cell('300.00'), cell('100.00'), cell('200.00')],
        ],
        { page: 3, bbox: BOX },
      ),
    ]),
  };
}

/** Stores the model as an extracted document, parses it twice, and checks the stored warnings and the findings command. */
async function storesAndShows(handle: DbHandle, env: Record<string, string>, dataDir: string): Promise<void> {
  await migrate(handle);
  const model = modelWithoutUnit();
  const [doc] = await handle.db.insert(documents).values({ sha256: 'b'.repeat(64), fileName: 'no-unit.pdf', format: 'pdf', byteSize: 1, status: 'extracted' }).returning({ id: documents.id });
  await handle.db.insert(documentContents).values({ documentId: doc!.id, modelVersion: 1, model, plainText: '' });
  const deps: PipelineDeps = { db: handle.db, blobs: createLocalBlobStore(join(dataDir, 'blobs')), logger: silentLogger(), config: loadConfig(env), pathEnv: process.env.PATH ?? '' };
  const stored = async () => handle.db.select().from(parseWarnings).where(eq(parseWarnings.documentId, doc!.id));

  expect((await runParseStage(deps, doc!.id)).status).toBe('parsed');
  const first = await stored();
  // The table's quality report is stored with them (its unit assumed).
  expect(first.map((w) => ({ code: w.code, page: w.page, box: w.box }))).toEqual([
    { code: 'table-unit-missing', page: 3, box: [...BOX] },
    { code: 'table-quality', page: 3, box: null },
  ]);
  expect(first[0]!.message).toMatch(/支出决算表.*未注明金额单位/);
  expect(first[1]!.message).toMatch(/支出决算表 \(expenditure\): quality 0\.\d\d; unit 元 assumed/);
  // A re-parse replaces the document's warnings: still the same two.
  await runParseStage(deps, doc!.id);
  expect((await stored()).map((w) => w.code)).toEqual(['table-unit-missing', 'table-quality']);
  await handle.close();

  const run = await cli(['findings', '--all'], env);
  expect(run.code).toBe(0);
  const [findingsPart, warningsPart] = run.stdout.split(/\nReading problems/);
  expect(findingsPart).not.toMatch(/table-unit-missing/);
  expect(warningsPart).toMatch(/no-unit\.pdf\n\s+table-unit-missing p\.3: .*未注明金额单位/);
  expect(warningsPart).toMatch(/2 parse warning\(s\)/);
  const json = (await cli(['findings', '--all', '--json'], env)).stdout.split('\n').map((l) => JSON.parse(l) as { section: string; code?: string });
  expect(json.filter((l) => l.section === 'parse-warning').map((l) => l.code)).toEqual(['table-unit-missing', 'table-quality']);
}

describe('parse warnings stored with the document and shown apart from findings', () => {
  it('on the embedded PGlite database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bi-warnings-'));
    try {
      const env = { BUDGET_INGEST_DATA_DIR: dir };
      await storesAndShows(await createDb({ databaseUrl: null, dataDir: dir }), env, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  describe.skipIf(noPostgres)('on a real Postgres server', () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const c of cleanups) await c();
    });

    it('the same', async () => {
      const testDb = await createTestDatabase();
      cleanups.push(testDb.drop);
      const dir = mkdtempSync(join(tmpdir(), 'bi-warnings-pg-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      const env = { DATABASE_URL: testDb.url, BUDGET_INGEST_DATA_DIR: dir };
      await storesAndShows(await createDb({ databaseUrl: testDb.url, dataDir: dir }), env, dir);
    }, 120_000);
  });
});
