import { eq } from 'drizzle-orm';
import { parseWarnings } from '@budget-ingest/db';
import type { ParseWarning } from '@budget-ingest/report-parser';
import type { Tx } from './load-reports.ts';

/**
 * Replaces a document's parse warnings (problems reading it, not
 * contradictions in it) inside the caller's transaction, the one that stores
 * its reports: a re-parse leaves exactly the warnings of the last parse.
 */
export async function replaceParseWarnings(tx: Tx, documentId: number, warnings: readonly ParseWarning[]): Promise<void> {
  await tx.delete(parseWarnings).where(eq(parseWarnings.documentId, documentId));
  if (warnings.length === 0) return;
  await tx.insert(parseWarnings).values(warnings.map((w) => ({ documentId, code: w.code, message: w.message, page: w.page ?? null, box: w.box ? [...w.box] : null })));
}
