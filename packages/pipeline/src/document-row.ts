import { count, eq } from 'drizzle-orm';
import { documents, reports } from '@budget-ingest/db';
import type { PipelineDeps } from './deps.ts';

export type DocumentRow = typeof documents.$inferSelect;

/** A document's row; every stage and runner reads it through here. */
export async function getDocument(deps: Pick<PipelineDeps, 'db'>, documentId: number): Promise<DocumentRow> {
  const rows = await deps.db.select().from(documents).where(eq(documents.id, documentId)).limit(1);
  if (!rows[0]) throw new Error(`no document with id ${documentId}`);
  return rows[0];
}

/** How many reports a document yielded (a document can hold several, e.g. a 部门 and its 单位 budgets). */
export async function countReports(deps: Pick<PipelineDeps, 'db'>, documentId: number): Promise<number> {
  const [row] = await deps.db.select({ n: count() }).from(reports).where(eq(reports.documentId, documentId));
  return row?.n ?? 0;
}
