import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, noPostgres } from '../../../test/support/services.ts';
import { createDb, type DbHandle } from './connect.ts';
import { MIGRATIONS_DIR, migrate } from './migrate.ts';
import { SCHEMA_DOCS, VIEW_DOCS } from './schema-docs.ts';

type Row = Record<string, unknown>;
const rows = (r: unknown): Row[] => (Array.isArray(r) ? r : (r as { rows: Row[] }).rows);

interface SnapshotTable {
  readonly name: string;
  readonly columns: Record<string, { readonly primaryKey: boolean }>;
  readonly indexes: Record<string, unknown>;
  readonly foreignKeys: Record<string, unknown>;
  readonly compositePrimaryKeys: Record<string, unknown>;
  readonly uniqueConstraints: Record<string, unknown>;
  readonly checkConstraints: Record<string, unknown>;
}

/** Every constraint and index the latest drizzle-kit snapshot (so schema.ts) names, as "table name". */
function snapshotNames(): string[] {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const latest = journal.entries.at(-1)!.tag.split('_')[0];
  const snapshot = JSON.parse(readFileSync(join(MIGRATIONS_DIR, `meta/${latest}_snapshot.json`), 'utf8')) as { tables: Record<string, SnapshotTable> };
  return Object.values(snapshot.tables).flatMap((t) => [
    ...(Object.values(t.columns).some((c) => c.primaryKey) ? [`${t.name}_pkey`] : []),
    ...[t.indexes, t.foreignKeys, t.compositePrimaryKeys, t.uniqueConstraints, t.checkConstraints].flatMap((o) => Object.keys(o)),
  ].map((n) => `${t.name} ${n}`)).sort();
}

async function checkSchema(handle: DbHandle) {
  await migrate(handle);
  // A second run must be a no-op (no error, no new migration rows).
  const before = rows(await handle.db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`))[0]!.n;
  await migrate(handle);
  const after = rows(await handle.db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`))[0]!.n;
  expect(after).toBe(before);

  const tables = rows(await handle.db.execute(sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)).map((r) => r.table_name);
  expect(tables).toEqual(Object.keys(SCHEMA_DOCS).sort());

  // The migrations made the constraints and indexes schema.ts names (a hand-written migration that names
  // them otherwise would make the next generated migration drop a constraint that does not exist).
  const made = rows(
    await handle.db.execute(sql`
      SELECT conrelid::regclass::text AS t, conname AS n FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'f', 'u', 'c')
      UNION SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public'`),
  ).map((r) => `${String(r.t).replaceAll('"', '')} ${String(r.n)}`);
  expect([...new Set(made)].sort()).toEqual(snapshotNames());

  // Every table and column carries its COMMENT ON from the data dictionary.
  const undocumented = rows(
    await handle.db.execute(sql`
      SELECT c.table_name, c.column_name
      FROM information_schema.columns c
      JOIN pg_class t ON t.relname = c.table_name AND t.relnamespace = 'public'::regnamespace
      WHERE c.table_schema = 'public' AND col_description(t.oid, c.ordinal_position) IS NULL`),
  );
  expect(undocumented).toEqual([]);
  const views = rows(await handle.db.execute(sql`SELECT table_name FROM information_schema.views WHERE table_schema = 'public' ORDER BY 1`)).map((r) => r.table_name);
  expect(views).toEqual(Object.keys(VIEW_DOCS).sort());
  const tableComments = rows(await handle.db.execute(sql`SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v') AND obj_description(oid, 'pg_class') IS NULL`));
  expect(tableComments).toEqual([]);

  // Money is exact: numeric(20,2) keeps every digit and comes back as a string.
  const money = rows(await handle.db.execute(sql`SELECT '12345678901234567.89'::numeric(20,2) AS v`))[0]!.v;
  expect(money).toBe('12345678901234567.89');
}

describe('migrations', () => {
  it('create the documented schema on the embedded PGlite database, idempotently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bi-pglite-'));
    const handle = await createDb({ databaseUrl: null, dataDir: dir });
    try {
      await checkSchema(handle);
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skip the work on a database already at this schema version, and redo it when the version changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bi-pglite-'));
    const handle = await createDb({ databaseUrl: null, dataDir: dir });
    const comment = async () => rows(await handle.db.execute(sql`SELECT obj_description('documents'::regclass, 'pg_class') AS c`))[0]!.c;
    try {
      await migrate(handle);
      // A current database: migrate() returns before rewriting any comment (status starts fast).
      await handle.exec('COMMENT ON TABLE documents IS NULL');
      await migrate(handle);
      expect(await comment()).toBeNull();
      // Another version's fingerprint (new migrations or data dictionary): the full run again.
      await handle.exec(`COMMENT ON TABLE drizzle.__drizzle_migrations IS 'budget-ingest schema 0000'`);
      await migrate(handle);
      expect(await comment()).toBe(SCHEMA_DOCS.documents!.table);
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe.skipIf(noPostgres)('on a real Postgres server', () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const c of cleanups) await c();
    });

    it('create the same documented schema, idempotently', async () => {
      const testDb = await createTestDatabase();
      cleanups.push(testDb.drop);
      const handle = await createDb({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
      try {
        await checkSchema(handle);
      } finally {
        await handle.close();
      }
    });

    it('let several workers starting at once on a fresh database migrate it once, without errors', async () => {
      const testDb = await createTestDatabase();
      cleanups.push(testDb.drop);
      const handles = await Promise.all(Array.from({ length: 4 }, () => createDb({ databaseUrl: testDb.url, dataDir: '/nonexistent' })));
      try {
        const outcomes = await Promise.allSettled(handles.map((h) => migrate(h)));
        expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
        const applied = rows(await handles[0]!.db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`))[0]!.n;
        expect(applied).toBe(readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length);
      } finally {
        await Promise.all(handles.map((h) => h.close()));
      }
    });
  });

  it('documents exactly the columns the schema has', async () => {
    const schema = await import('./schema.ts');
    const { getTableConfig, PgTable } = await import('drizzle-orm/pg-core');
    const fromSchema = Object.values(schema)
      .filter((v): v is never => v instanceof PgTable)
      .map((t) => getTableConfig(t))
      .map((c) => [c.name, c.columns.map((col) => col.name).sort()] as const);
    const fromDocs = Object.entries(SCHEMA_DOCS).map(([name, d]) => [name, Object.keys(d.columns).sort()] as const);
    expect(Object.fromEntries(fromSchema)).toEqual(Object.fromEntries(fromDocs));
  });
});
