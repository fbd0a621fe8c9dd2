import { basename } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { documents, reports, sanitizeError, withDbRetry, type DocumentFormat, type DocumentStatus } from '@budget-ingest/db';
import { EXTRACTOR_VERSION } from '@budget-ingest/extract';
import { PARSER_VERSION } from '@budget-ingest/report-parser';
import type { PipelineDeps } from './deps.ts';
import { runExtractStage, runParseStage, type StageOutcome } from './stages.ts';
import { storeFile, type FileInput } from './store-file.ts';

export interface IngestResult {
  readonly file: string;
  readonly documentId: number;
  readonly sha256: string;
  readonly format: DocumentFormat;
  readonly pageCount: number | null;
  readonly status: DocumentStatus;
  readonly reports: number;
  /** new: first time seen; unchanged: already done with the current versions; reprocessed: seen, but a stage re-ran. */
  readonly outcome: 'new' | 'unchanged' | 'reprocessed';
  readonly errorMessage: string | null;
  readonly ms: number;
}

/** Which stages a document still needs with the current extractor and parser. */
export function pendingStages(doc: { status: DocumentStatus; extractorVersion: string | null; parserVersion: string | null; blobKey: string | null }): {
  extract: boolean;
  parse: boolean;
} {
  if (!doc.blobKey) return { extract: false, parse: false };
  const extractedNow = doc.extractorVersion === EXTRACTOR_VERSION && doc.status !== 'pending';
  if (!extractedNow) return { extract: true, parse: true };
  if (doc.status === 'extracted') return { extract: false, parse: true };
  if (doc.status === 'parsed' || doc.status === 'out_of_scope') return { extract: false, parse: doc.parserVersion !== PARSER_VERSION };
  // failed / needs_ocr / unsupported with the current extractor: nothing new would come out.
  // A parse failure is retried when the parser changed.
  return { extract: false, parse: doc.status === 'failed' && doc.parserVersion !== null && doc.parserVersion !== PARSER_VERSION };
}

/**
 * Runs every stage a file still needs, in this process: store → extract →
 * parse. Stages log one structured line each with timings. When the database
 * goes away mid-document (a Postgres restart), the document is taken up again
 * on a new connection: every step is idempotent, so nothing is done twice.
 */
export async function ingestOne(deps: PipelineDeps, input: FileInput): Promise<IngestResult> {
  return withDbRetry(() => ingestOnce(deps, input), {
    onRetry: (err, attempt) => deps.logger.warn({ file: 'path' in input ? input.path : input.fileName, attempt, err: sanitizeError(err) }, 'database unavailable: retrying the document'),
  });
}

async function ingestOnce(deps: PipelineDeps, input: FileInput): Promise<IngestResult> {
  const started = performance.now();
  const file = 'path' in input ? input.path : input.fileName;
  const stored = await storeFile(deps, input);
  const log = deps.logger.child({ documentId: stored.documentId, sha256: stored.sha256.slice(0, 12), file: basename(file) });
  log.info({ stage: 'store', isNew: stored.isNew, bytes: stored.byteSize, format: stored.format, ms: Math.round(performance.now() - started) }, 'stored');

  const doc = await getDocument(deps, stored.documentId);
  const todo = pendingStages(doc);
  log.debug({ stage: 'plan', status: doc.status, extractorVersion: doc.extractorVersion, parserVersion: doc.parserVersion, extract: todo.extract, parse: todo.parse }, 'stages to run');
  let last: StageOutcome | null = null;
  if (todo.extract) {
    last = await runExtractStage(deps, stored.documentId);
    logStage(log, last);
  }
  if (todo.parse && (last === null || last.status === 'extracted')) {
    last = await runParseStage(deps, stored.documentId);
    logStage(log, last);
  }
  // Only a stage that ran changed the row.
  const final = last ? await getDocument(deps, stored.documentId) : doc;
  const reportCount = await countReports(deps, stored.documentId);
  return {
    file,
    documentId: stored.documentId,
    sha256: stored.sha256,
    format: final.format,
    pageCount: final.pageCount,
    status: final.status,
    reports: reportCount,
    outcome: stored.isNew ? 'new' : last ? 'reprocessed' : 'unchanged',
    errorMessage: final.errorMessage,
    ms: Math.round(performance.now() - started),
  };
}

function logStage(log: PipelineDeps['logger'], o: StageOutcome): void {
  const fields = { stage: o.stage, status: o.status, ms: o.ms, pages: o.pageCount, reports: o.reports, warnings: o.warnings, errorCode: o.errorCode ?? undefined };
  if (o.status === 'out_of_scope') log.info({ ...fields, reason: o.errorMessage }, `${o.stage} done: out of scope`);
  else if (o.errorCode) log.warn({ ...fields, error: o.errorMessage }, `${o.stage} failed`);
  else log.info(fields, `${o.stage} done`);
}

export async function getDocument(deps: PipelineDeps, documentId: number) {
  const rows = await deps.db.select().from(documents).where(eq(documents.id, documentId)).limit(1);
  if (!rows[0]) throw new Error(`no document with id ${documentId}`);
  return rows[0];
}

/** How many reports a document yielded (a document can hold several, e.g. a 部门 and its 单位 budgets). */
export async function countReports(deps: Pick<PipelineDeps, 'db'>, documentId: number): Promise<number> {
  const [row] = await deps.db.select({ n: count() }).from(reports).where(eq(reports.documentId, documentId));
  return row?.n ?? 0;
}
