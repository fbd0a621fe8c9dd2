import { createDb, documentContents, documents } from '@budget-ingest/db';
import { eq } from 'drizzle-orm';

export interface DocumentRow {
  readonly fileName: string;
  readonly status: string;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly warnings: readonly { code: string }[] | null;
}

/** Every document's final state, read straight from the database (embedded data dir or DATABASE_URL). */
export async function readDocuments(target: { dataDir: string } | { databaseUrl: string }): Promise<Map<string, DocumentRow>> {
  const handle = await createDb('databaseUrl' in target ? { databaseUrl: target.databaseUrl, dataDir: '/nonexistent' } : { databaseUrl: null, dataDir: target.dataDir });
  try {
    const rows = await handle.db
      .select({ fileName: documents.fileName, status: documents.status, errorCode: documents.errorCode, errorMessage: documents.errorMessage, warnings: documentContents.warnings })
      .from(documents)
      .leftJoin(documentContents, eq(documentContents.documentId, documents.id));
    return new Map(rows.map((r) => [r.fileName, r as DocumentRow]));
  } finally {
    await handle.close();
  }
}
