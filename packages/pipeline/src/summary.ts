import { asc, inArray, sql } from 'drizzle-orm';
import { documents, rowsOf } from '@budget-ingest/db';
import type { Db } from '@budget-ingest/db';

export interface DatabaseSummary {
  readonly documentsByStatus: Readonly<Record<string, number>>;
  readonly documents: number;
  readonly reports: number;
  readonly amounts: number;
  readonly expenditureLines: number;
  readonly indicators: number;
  readonly findings: number;
}

/** Counts for the end-of-run summary and `status`. */
export async function summarize(db: Db): Promise<DatabaseSummary> {
  const byStatus = await db.execute<{ status: string; n: string }>(sql`SELECT status::text AS status, count(*)::text AS n FROM documents GROUP BY status ORDER BY status`);
  const counts = await db.execute<{ reports: string; amounts: string; lines: string; indicators: string; findings: string }>(sql`
    SELECT (SELECT count(*) FROM reports)::text AS reports,
           (SELECT count(*) FROM amounts)::text AS amounts,
           (SELECT count(*) FROM expenditure_lines)::text AS lines,
           (SELECT count(*) FROM indicators)::text AS indicators,
           (SELECT count(*) FROM validation_findings)::text AS findings`);
  const statusRows = rowsOf<{ status: string; n: string }>(byStatus);
  const c = rowsOf<{ reports: string; amounts: string; lines: string; indicators: string; findings: string }>(counts)[0]!;
  const documentsByStatus: Record<string, number> = Object.fromEntries(statusRows.map((r) => [r.status, Number(r.n)]));
  return {
    documentsByStatus,
    documents: Object.values(documentsByStatus).reduce((a, b) => a + b, 0),
    reports: Number(c.reports),
    amounts: Number(c.amounts),
    expenditureLines: Number(c.lines),
    indicators: Number(c.indicators),
    findings: Number(c.findings),
  };
}

/** node-postgres returns { rows }, PGlite returns { rows } too, but typed differently; this reads either. */
export interface UnfinishedDocument {
  readonly id: number;
  readonly fileName: string;
  readonly status: string;
  readonly updatedAt: string;
}

/**
 * Documents not in a final state (`pending`, `extracted`), oldest first: in
 * flight while workers run; left behind when a process died under them.
 */
export async function unfinishedDocuments(db: Db, limit = 20): Promise<UnfinishedDocument[]> {
  const rows = await db
    .select({ id: documents.id, fileName: documents.fileName, status: documents.status, updatedAt: documents.updatedAt })
    .from(documents)
    .where(inArray(documents.status, ['pending', 'extracted']))
    .orderBy(asc(documents.updatedAt), asc(documents.id))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, fileName: r.fileName, status: r.status, updatedAt: new Date(r.updatedAt as unknown as string).toISOString() }));
}
