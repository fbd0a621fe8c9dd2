import { extname } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { documents, type Db, type DocumentFormat } from '@budget-ingest/db';

/** A downloaded file, on local disk until the sink has taken it. */
export interface FetchedFile {
  readonly path: string;
  readonly sha256: string;
  readonly byteSize: number;
  readonly fileName: string;
  /** The URL it was fetched from (before redirects); `archive#member` for a file read out of an archive. */
  readonly url: string;
  readonly sourceId: number;
  readonly provenance: FileProvenance;
}

/** What the portal said about the file: stored on its documents row as evidence of what it is. */
export interface FileProvenance {
  /** The list entry's title (or the detail page's, below the list). */
  readonly entryTitle: string | null;
  /** The date the list showed beside the entry (YYYY-MM-DD). */
  readonly entryDate: string | null;
  /** The detail page that linked the file. */
  readonly detailUrl: string | null;
  /** The archive the file was read out of. */
  readonly containerUrl: string | null;
}

/**
 * Where new files go: the pipeline's blob store and extraction queue in
 * production. The crawler removes `path` after `accept` returns, so a sink
 * must copy the bytes it keeps.
 */
export interface FileSink {
  accept(file: FetchedFile): Promise<{ documentId: number | null; isNew: boolean }>;
}

/**
 * Adapts the pipeline's `storeFile` (and an optional "extract it" step for
 * new documents) to a FileSink.
 */
export function createStoreFileSink(
  storeFile: (input: { path: string; fileName: string; sourceUrl: string; sourceId: number; provenance: FileProvenance }) => Promise<{ documentId: number; isNew: boolean }>,
  onNewDocument?: (documentId: number, file: FetchedFile) => Promise<void>,
): FileSink {
  return {
    async accept(file) {
      const stored = await storeFile({ path: file.path, fileName: file.fileName, sourceUrl: file.url, sourceId: file.sourceId, provenance: file.provenance });
      if (stored.isNew && onNewDocument) await onNewDocument(stored.documentId, file);
      return stored;
    },
  };
}

const FORMATS: Record<string, DocumentFormat> = { '.pdf': 'pdf', '.docx': 'docx', '.doc': 'doc', '.xlsx': 'xlsx', '.xls': 'xls', '.wps': 'wps' };

/**
 * Records a `documents` row per distinct sha256 without keeping the bytes:
 * for tests and dry runs where no blob store is wired. The format comes from
 * the file extension.
 */
export function createDocumentRowSink(db: Db): FileSink {
  return {
    async accept(file) {
      const inserted = await db
        .insert(documents)
        .values({
          sha256: file.sha256,
          fileName: file.fileName,
          sourceUrl: file.url,
          sourceId: file.sourceId,
          ...file.provenance,
          format: FORMATS[extname(file.fileName).toLowerCase()] ?? 'unknown',
          byteSize: file.byteSize,
        })
        .onConflictDoNothing({ target: documents.sha256 })
        .returning({ id: documents.id });
      if (inserted[0]) return { documentId: inserted[0].id, isNew: true };
      const existing = await db.select({ id: documents.id }).from(documents).where(eq(documents.sha256, file.sha256)).limit(1);
      await db.update(documents).set({ updatedAt: sql`now()` }).where(eq(documents.sha256, file.sha256));
      return { documentId: existing[0]?.id ?? null, isNew: false };
    },
  };
}
