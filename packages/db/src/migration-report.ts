import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { DbHandle } from './connect.ts';
import { migrate, MIGRATIONS_DIR } from './migrate.ts';
import { rowsOf } from './rows.ts';

export interface MigrationReport {
  /** Tags of the migrations this run applied (`0000_init` …), in order; empty when the schema was up to date. */
  readonly applied: readonly string[];
  readonly createdTables: readonly string[];
  readonly createdViews: readonly string[];
  /** Every table and view of the public schema afterwards. */
  readonly tables: readonly string[];
  readonly views: readonly string[];
}

/** migrate(), saying what it did: the migrations applied, the tables and views they created. */
export async function migrateWithReport(handle: DbHandle, migrationsFolder: string = MIGRATIONS_DIR): Promise<MigrationReport> {
  const before = await relations(handle);
  const doneBefore = await appliedCount(handle);
  await migrate(handle, migrationsFolder);
  const after = await relations(handle);
  const doneAfter = await appliedCount(handle);
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return {
    applied: journal.entries.slice(doneBefore, doneAfter).map((e) => e.tag),
    createdTables: after.tables.filter((t) => !before.tables.includes(t)),
    createdViews: after.views.filter((v) => !before.views.includes(v)),
    tables: after.tables,
    views: after.views,
  };
}

async function relations(handle: DbHandle): Promise<{ tables: string[]; views: string[] }> {
  const rows = rowsOf<{ name: string; kind: string }>(
    await handle.db.execute(sql`SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'p') ORDER BY c.relname`),
  );
  return { tables: rows.filter((r) => r.kind === 'r' || r.kind === 'p').map((r) => r.name), views: rows.filter((r) => r.kind === 'v' || r.kind === 'm').map((r) => r.name) };
}

/** How many migrations drizzle has recorded as applied (0 on an empty database). */
async function appliedCount(handle: DbHandle): Promise<number> {
  const exists = rowsOf<{ t: string | null }>(await handle.db.execute(sql`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`))[0]?.t;
  if (!exists) return 0;
  return Number(rowsOf<{ n: string | number }>(await handle.db.execute(sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`))[0]?.n ?? 0);
}
