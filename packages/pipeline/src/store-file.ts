import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { sha256Bytes, sha256File } from '@budget-ingest/blob-store';
import { documents, type DocumentFormat, type DocumentStatus } from '@budget-ingest/db';
import { sniffFormat } from '@budget-ingest/extract';
import type { PipelineDeps } from './deps.ts';
import { assertRegularFile } from './inputs.ts';

/** What a portal said about a crawled file (documents.entry_title, entry_date, detail_url, container_url). */
export interface FileProvenance {
  readonly entryTitle?: string | null;
  /** ISO date (YYYY-MM-DD). */
  readonly entryDate?: string | null;
  readonly detailUrl?: string | null;
  readonly containerUrl?: string | null;
}

interface FileOrigin {
  readonly sourceUrl?: string | null;
  readonly sourceId?: number | null;
  readonly provenance?: FileProvenance;
}

export type FileInput = ({ readonly path: string; readonly fileName?: string } | { readonly bytes: Uint8Array; readonly fileName: string }) & FileOrigin;

export interface StoredFile {
  readonly documentId: number;
  readonly sha256: string;
  /** False when a document with the same bytes was already known. */
  readonly isNew: boolean;
  readonly status: DocumentStatus;
  readonly fileName: string;
  readonly format: DocumentFormat;
  readonly byteSize: number;
}

/**
 * Registers a file: hashes it, keeps the bytes in the blob store and upserts
 * its `documents` row by sha256. The same bytes under another name or URL are
 * the same document. A file over MAX_FILE_BYTES is recorded as failed without
 * keeping its bytes, so the run goes on and the user sees why.
 */
export async function storeFile(deps: PipelineDeps, input: FileInput): Promise<StoredFile> {
  const fileName = input.fileName ?? ('path' in input ? basename(input.path) : 'unnamed');
  // A FIFO or a device is refused before anything reads it (a FIFO's read would wait for ever).
  const byteSize = 'path' in input ? await assertRegularFile(input.path) : input.bytes.length;
  const tooLarge = byteSize > deps.config.limits.maxFileBytes;
  const sha256 = 'path' in input ? await sha256File(input.path) : sha256Bytes(input.bytes);
  const head = 'path' in input ? await readEdges(input.path, byteSize) : input.bytes;
  const sniffed = sniffFormat(head, fileName);

  const provenance = provenanceColumns(input.provenance);
  const existing = await findBySha(deps, sha256);
  if (existing) {
    if (input.sourceUrl && !existing.sourceUrl) {
      await deps.db.update(documents).set({ sourceUrl: input.sourceUrl, sourceId: input.sourceId ?? null, ...provenance, updatedAt: sql`now()` }).where(eq(documents.id, existing.id));
    } else if (provenance.entryTitle && !existing.entryTitle) {
      // A file first ingested by hand, later found on a portal: the portal's evidence is kept.
      await deps.db.update(documents).set({ ...provenance, updatedAt: sql`now()` }).where(eq(documents.id, existing.id));
    }
    return { documentId: existing.id, sha256, isNew: false, status: existing.status, fileName: existing.fileName, format: existing.format, byteSize };
  }

  const blobKey = tooLarge ? null : await deps.blobs.put(sha256, 'path' in input ? { path: input.path } : { bytes: input.bytes });
  const inserted = await deps.db
    .insert(documents)
    .values({
      sha256,
      fileName,
      sourceUrl: input.sourceUrl ?? null,
      sourceId: input.sourceId ?? null,
      ...provenance,
      format: sniffed.format,
      mediaType: sniffed.mediaType,
      byteSize,
      blobKey,
      status: tooLarge ? 'failed' : 'pending',
      errorCode: tooLarge ? 'too-large' : null,
      errorMessage: tooLarge ? `the file has ${byteSize} bytes, over the MAX_FILE_BYTES ceiling of ${deps.config.limits.maxFileBytes}` : null,
    })
    .onConflictDoNothing({ target: documents.sha256 })
    .returning({ id: documents.id, status: documents.status });
  const row = inserted[0];
  if (row) return { documentId: row.id, sha256, isNew: true, status: row.status, fileName, format: sniffed.format, byteSize };
  // Another worker inserted the same file between our lookup and insert.
  const raced = await findBySha(deps, sha256);
  if (!raced) throw new Error(`document ${sha256} vanished during insert`);
  return { documentId: raced.id, sha256, isNew: false, status: raced.status, fileName: raced.fileName, format: raced.format, byteSize };
}

function provenanceColumns(p: FileProvenance | undefined) {
  return { entryTitle: p?.entryTitle ?? null, entryDate: p?.entryDate ?? null, detailUrl: p?.detailUrl ?? null, containerUrl: p?.containerUrl ?? null };
}

async function findBySha(deps: PipelineDeps, sha256: string) {
  const rows = await deps.db
    .select({ id: documents.id, status: documents.status, fileName: documents.fileName, format: documents.format, sourceUrl: documents.sourceUrl, entryTitle: documents.entryTitle })
    .from(documents)
    .where(eq(documents.sha256, sha256))
    .limit(1);
  return rows[0] ?? null;
}

/** The first and last 64 KiB: enough to sniff any format (ZIP keeps its directory at the end). */
async function readEdges(path: string, size: number): Promise<Uint8Array> {
  const edge = 64 * 1024;
  const fh = await open(path, 'r');
  try {
    if (size <= 2 * edge) {
      const buf = Buffer.alloc(size);
      await fh.read(buf, 0, size, 0);
      return buf;
    }
    const buf = Buffer.alloc(2 * edge);
    await fh.read(buf, 0, edge, 0);
    await fh.read(buf, edge, edge, size - edge);
    return buf;
  } finally {
    await fh.close();
  }
}
