import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { corrections, currentCorrections, type CorrectionRow, type Db } from '@budget-ingest/db';

/** One reviewer's correction as exported, with whether it is the one in force and whether its value is gone. */
export interface CorrectionExport {
  readonly id: number;
  readonly publication: string;
  readonly target: CorrectionRow['target'];
  readonly value_key: string;
  readonly identity: Readonly<Record<string, unknown>>;
  readonly action: CorrectionRow['action'];
  readonly old_value: Readonly<Record<string, unknown>> | null;
  readonly new_value: Readonly<Record<string, unknown>> | null;
  readonly note: string | null;
  readonly reviewer: string;
  readonly at: string;
  /** The newest correction of its value: the one applied. Older ones are history. */
  readonly in_force: boolean;
  /** In force, but no parsed value of its publication has its key any more: kept, listed, not applied. */
  readonly orphaned: boolean;
}

/** Every correction, oldest first (the history of each value included). */
export async function readCorrections(db: Db): Promise<CorrectionExport[]> {
  const [all, current] = await Promise.all([
    db.select().from(corrections).orderBy(asc(corrections.id)),
    db.select({ id: currentCorrections.id, orphaned: currentCorrections.orphaned }).from(currentCorrections),
  ]);
  const inForce = new Map(current.map((c) => [c.id, c.orphaned]));
  return all.map((c) => ({
    id: c.id,
    publication: c.publicationKey,
    target: c.target,
    value_key: c.valueKey,
    identity: c.identity,
    action: c.action,
    old_value: c.oldValue,
    new_value: c.newValue,
    note: c.note,
    reviewer: c.reviewer,
    at: c.createdAt.toISOString(),
    in_force: inForce.has(c.id),
    orphaned: inForce.get(c.id) ?? false,
  }));
}

/** `export --corrections`: the corrections alone, as `corrections.json` (a JSON array). */
export async function exportCorrections(db: Db, outDir: string): Promise<{ path: string; corrections: number; orphaned: number }> {
  const rows = await readCorrections(db);
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, 'corrections.json');
  await writeFile(path, JSON.stringify(rows, null, 2) + '\n');
  return { path, corrections: rows.length, orphaned: rows.filter((r) => r.orphaned).length };
}
