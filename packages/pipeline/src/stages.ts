import { eq, sql } from 'drizzle-orm';
import { documentContents, documents, withDbRetry, type DocumentStatus } from '@budget-ingest/db';
import { isExtractError, type DocumentModel } from '@budget-ingest/doc-model';
import { EXTRACTOR_VERSION } from '@budget-ingest/extract';
import { PARSER_VERSION } from '@budget-ingest/report-parser';
import type { PipelineDeps } from './deps.ts';
import { rejectedDataCause } from './db-errors.ts';
import { getDocument } from './document-row.ts';
import { replaceReports } from './load-reports.ts';
import { replaceParseWarnings } from './parse-warnings.ts';
import { linkPublications, publicationsOfDocument } from './link-publications.ts';
import { extractIsolatedWithText, extractOptionsFor } from './sandbox/isolated-extract.ts';
import { parseIsolated } from './sandbox/isolated-parse.ts';

export interface StageOutcome {
  readonly documentId: number;
  readonly stage: 'extract' | 'parse';
  readonly status: DocumentStatus;
  readonly ms: number;
  readonly pageCount: number | null;
  readonly reports: number;
  readonly warnings: number;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  /** True when the failure may go away on retry (a timeout, a converter crash); false for bad input. */
  readonly retryable: boolean;
}

/**
 * Reads the stored file and writes its document model. Failures of the
 * input (corrupt, encrypted, scanned, unsupported) are recorded on the
 * document and returned; failures of our own infrastructure (database, blob
 * store) are thrown, so a queue retries them.
 */
export async function runExtractStage(deps: PipelineDeps, documentId: number): Promise<StageOutcome> {
  const started = performance.now();
  const doc = await getDocument(deps, documentId);
  const base = { documentId, stage: 'extract' as const, reports: 0 };
  if (!doc.blobKey) {
    return { ...base, status: doc.status, ms: 0, pageCount: null, warnings: 0, errorCode: doc.errorCode, errorMessage: doc.errorMessage, retryable: false };
  }
  const bytes = await deps.blobs.get(doc.blobKey);
  deps.logger.debug({ documentId, stage: 'extract', bytes: bytes.length, fileName: doc.fileName, memoryMb: deps.config.limits.maxExtractMemoryMb }, 'extracting in a child process');
  let model: DocumentModel;
  let plainText: string;
  try {
    // In a child process with a hard memory limit: a hostile file kills that child, not this run.
    // A scan logs each page its OCR reads: a long one shows it is moving.
    const onOcrPage = (p: { done: number; total: number; page: number }) =>
      deps.logger.info({ documentId, stage: 'extract', ocrPage: p.page, ocrDone: p.done, ocrTotal: p.total, ms: Math.round(performance.now() - started) }, 'ocr page read');
    ({ model, plainText } = await extractIsolatedWithText(bytes, extractOptionsFor(deps.config, deps.pathEnv, doc.fileName), undefined, onOcrPage));
  } catch (err) {
    const ms = Math.round(performance.now() - started);
    const known = isExtractError(err);
    const status: DocumentStatus = known ? err.status : 'failed';
    const errorCode = known ? err.code : 'internal';
    const errorMessage = known ? err.message : `extraction crashed: ${(err as Error).message}`;
    await deps.db
      .update(documents)
      .set({ status, errorCode, errorMessage, extractorVersion: EXTRACTOR_VERSION, extractMs: ms, updatedAt: sql`now()` })
      .where(eq(documents.id, documentId));
    return { ...base, status, ms, pageCount: null, warnings: 0, errorCode, errorMessage, retryable: known ? !err.permanent : false };
  }
  const ms = Math.round(performance.now() - started);
  deps.logger.trace({ documentId, stage: 'extract', blocks: model.blocks.length, warnings: model.warnings }, 'extraction warnings');
  // A Postgres restart mid-write rolls the transaction back: run it again on a new connection.
  const stored = await rejectedData(deps, documentId, 'extract', () => withDbRetry(() => deps.db.transaction(async (tx) => {
    const content = { modelVersion: model.modelVersion, model, plainText, warnings: model.warnings, createdAt: sql`now()` };
    await tx
      .insert(documentContents)
      .values({ documentId, ...content })
      .onConflictDoUpdate({ target: documentContents.documentId, set: content });
    await tx
      .update(documents)
      .set({
        status: 'extracted',
        pageCount: model.pageCount,
        errorCode: null,
        errorMessage: null,
        extractorVersion: EXTRACTOR_VERSION,
        extractMs: ms,
        extractedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(documents.id, documentId));
  })));
  if (stored) return { ...base, ms, pageCount: model.pageCount, warnings: model.warnings.length, ...stored };
  return { ...base, status: 'extracted', ms, pageCount: model.pageCount, warnings: model.warnings.length, errorCode: null, errorMessage: null, retryable: false };
}

/**
 * Parses the stored document model into reports and replaces the document's
 * rows in one transaction. Runs again without re-extracting (`reparse`).
 */
export async function runParseStage(deps: PipelineDeps, documentId: number): Promise<StageOutcome> {
  const started = performance.now();
  const base = { documentId, stage: 'parse' as const };
  const rows = await deps.db.select({ model: documentContents.model }).from(documentContents).where(eq(documentContents.documentId, documentId)).limit(1);
  const model = rows[0]?.model;
  if (!model) throw new Error(`document ${documentId} has no extracted content to parse`);
  let result;
  try {
    // In a pooled child, at most one per extraction slot: the worker's own thread stays free for its jobs.
    result = await parseIsolated(model, deps.config.limits, deps.config.concurrency.extract);
  } catch (err) {
    const ms = Math.round(performance.now() - started);
    const errorMessage = `parsing crashed: ${(err as Error).message}`;
    await deps.db
      .update(documents)
      .set({ status: 'failed', errorCode: 'parse-error', errorMessage, parserVersion: PARSER_VERSION, parseMs: ms, updatedAt: sql`now()` })
      .where(eq(documents.id, documentId));
    return { ...base, status: 'failed', ms, pageCount: model.pageCount, reports: 0, warnings: 0, errorCode: 'parse-error', errorMessage, retryable: false };
  }
  const ms = Math.round(performance.now() - started);
  deps.logger.debug({ documentId, stage: 'parse', reports: result.reports.length, kinds: result.reports.map((r) => r.kind) }, 'parsed');
  deps.logger.trace({ documentId, stage: 'parse', warnings: result.warnings }, 'parse warnings');
  // A document that is not a department's report is recorded as such, with the reason: no reports, no error.
  const scope = result.outOfScope ?? null;
  const status: DocumentStatus = scope ? 'out_of_scope' : 'parsed';
  const errorCode = scope?.code ?? null;
  const errorMessage = scope?.reason ?? null;
  const stored = await rejectedData(deps, documentId, 'parse', () => withDbRetry(() => deps.db.transaction(async (tx) => {
    const previousPublications = await publicationsOfDocument(tx, documentId);
    const reportIds = await replaceReports(tx, documentId, result.reports);
    await replaceParseWarnings(tx, documentId, result.warnings);
    const sha256 = (await tx.select({ sha256: documents.sha256 }).from(documents).where(eq(documents.id, documentId)))[0]!.sha256;
    await linkPublications(tx, { documentId, sha256, reports: result.reports, reportIds, previousPublications });
    await tx
      .update(documents)
      .set({ status, errorCode, errorMessage, parserVersion: PARSER_VERSION, parseMs: ms, parsedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(documents.id, documentId));
  })));
  if (stored) return { ...base, ms, pageCount: model.pageCount, reports: 0, warnings: result.warnings.length, ...stored };
  return { ...base, status, ms, pageCount: model.pageCount, reports: result.reports.length, warnings: result.warnings.length, errorCode, errorMessage, retryable: false };
}

/**
 * Runs the transaction that stores a stage's output. When the database
 * rejects the data itself (see rejectedDataCause), that document is failed
 * with `load-failed` and the cause, and the run goes on; other errors are thrown.
 */
async function rejectedData(
  deps: PipelineDeps,
  documentId: number,
  stage: 'extract' | 'parse',
  store: () => Promise<unknown>,
): Promise<Pick<StageOutcome, 'status' | 'errorCode' | 'errorMessage' | 'retryable'> | null> {
  try {
    await store();
    return null;
  } catch (err) {
    const cause = rejectedDataCause(err);
    if (cause === null) throw err;
    const errorMessage = `the database refused this document's ${stage === 'extract' ? 'content' : 'reports'}: ${cause}`;
    const version = stage === 'extract' ? { extractorVersion: EXTRACTOR_VERSION } : { parserVersion: PARSER_VERSION };
    await deps.db
      .update(documents)
      .set({ status: 'failed', errorCode: 'load-failed', errorMessage, ...version, updatedAt: sql`now()` })
      .where(eq(documents.id, documentId));
    return { status: 'failed', errorCode: 'load-failed', errorMessage, retryable: false };
  }
}
