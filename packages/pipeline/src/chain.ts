import { eq, sql } from 'drizzle-orm';
import { describeDbError, documents, isTransientDbError, withDbRetry, type DocumentFormat, type DocumentStatus } from '@budget-ingest/db';
import { EXTRACTOR_VERSION } from '@budget-ingest/extract';
import { PARSER_VERSION } from '@budget-ingest/report-parser';
import type { PipelineDeps } from './deps.ts';
import { countReports, getDocument, type DocumentRow } from './document-row.ts';
import { runExtractStage, runParseStage, type StageOutcome } from './stages.ts';

/**
 * The one definition of a document's way from bytes to rows:
 *
 *   store (file → blob + `documents` row, see store-file.ts)
 *     → extract (blob → document model in `document_contents`)
 *     → parse  (document model → reports, amounts, lines … loaded in one transaction)
 *
 * Both runners follow this list: the in-process runner calls the next stage
 * itself, the queued runner puts the next stage's job on its queue. Neither
 * knows the order of the stages; adding one is one entry here.
 */
export type StageName = 'extract' | 'parse';

export interface StageSpec {
  readonly name: StageName;
  /** What the stage reads and writes, for readers and docs/architecture.md. */
  readonly input: string;
  readonly output: string;
  readonly run: (deps: PipelineDeps, documentId: number) => Promise<StageOutcome>;
  /** Statuses the stage ends in when it did its job; any other status ends the chain with a failure. */
  readonly succeeded: ReadonlySet<DocumentStatus>;
  /** The stage that runs after a success, or null when the document is done. */
  readonly next: StageName | null;
  /** The time the stage took, as recorded on the document row. */
  readonly msOf: (doc: DocumentRow) => number | null;
}

export const CHAIN: Readonly<Record<StageName, StageSpec>> = {
  extract: {
    name: 'extract',
    input: 'the stored file (blob store)',
    output: 'the document model (document_contents)',
    run: runExtractStage,
    succeeded: new Set(['extracted']),
    next: 'parse',
    msOf: (doc) => doc.extractMs,
  },
  parse: {
    name: 'parse',
    input: 'the document model',
    output: 'reports and their rows, loaded in one transaction',
    run: runParseStage,
    succeeded: new Set(['parsed', 'out_of_scope']),
    next: null,
    msOf: (doc) => doc.parseMs,
  },
};

/** The first stage of the chain. */
export const FIRST_STAGE: StageName = 'extract';

/**
 * The stage a document needs next with the current extractor and parser, or
 * null when nothing new would come out of running any.
 */
export function firstPendingStage(doc: Pick<DocumentRow, 'status' | 'extractorVersion' | 'parserVersion' | 'blobKey'>): StageName | null {
  if (!doc.blobKey) return null;
  const extractedNow = doc.extractorVersion === EXTRACTOR_VERSION && doc.status !== 'pending';
  if (!extractedNow) return 'extract';
  if (doc.status === 'extracted') return 'parse';
  if (doc.status === 'parsed' || doc.status === 'out_of_scope') return doc.parserVersion !== PARSER_VERSION ? 'parse' : null;
  // failed / needs_ocr / unsupported with the current extractor: nothing new would come out.
  // A parse failure is retried when the parser changed.
  return doc.status === 'failed' && doc.parserVersion !== null && doc.parserVersion !== PARSER_VERSION ? 'parse' : null;
}

/** What follows an outcome: the next stage, `done` (the chain ended well) or `failed`. */
export function afterStage(o: StageOutcome): { readonly next: StageName } | 'done' | 'failed' {
  const spec = CHAIN[o.stage];
  if (!spec.succeeded.has(o.status)) return 'failed';
  return spec.next ? { next: spec.next } : 'done';
}

/**
 * Runs one stage and logs its one line (stage, status, timings, counts). The
 * logger carries the document's identity (documentId, sha256, file or job).
 *
 * The boundary of one document in every runner (the in-process run, the
 * queue workers and their sandboxed children, `reparse`, `retry-failed`):
 * whatever a stage throws while handling this document fails this document
 * (`internal`, with the error's message) and the run goes on. Only a
 * database that is away is thrown on, to the retry around the document
 * (withDbRetry) or the job's attempts, since then nothing can be recorded.
 */
export async function runStage(deps: PipelineDeps, stage: StageName, documentId: number, log: PipelineDeps['logger']): Promise<StageOutcome> {
  const started = performance.now();
  const o = await CHAIN[stage].run(deps, documentId).catch((err: unknown) => {
    if (isTransientDbError(err)) throw err;
    return failInternal(deps, stage, documentId, err, Math.round(performance.now() - started));
  });
  const fields = { stage: o.stage, status: o.status, ms: o.ms, pages: o.pageCount, reports: o.reports, warnings: o.warnings, errorCode: o.errorCode ?? undefined };
  if (o.status === 'out_of_scope') log.info({ ...fields, reason: o.errorMessage }, `${o.stage} done: out of scope`);
  else if (o.errorCode) log.warn({ ...fields, error: o.errorMessage }, `${o.stage} failed`);
  else log.info(fields, `${o.stage} done`);
  return o;
}

/**
 * Records an error no stage turned into an outcome (a bug, a blob missing
 * from the store, a limit of this process) on the document, as `failed
 * internal`. Retryable: a queue's next attempt runs the stage again.
 */
async function failInternal(deps: PipelineDeps, stage: StageName, documentId: number, err: unknown, ms: number): Promise<StageOutcome> {
  const errorMessage = `${stage} failed: ${describeDbError(err)}`.slice(0, 2000);
  await withDbRetry(() => deps.db.update(documents).set({ status: 'failed', errorCode: 'internal', errorMessage, updatedAt: sql`now()` }).where(eq(documents.id, documentId)));
  deps.logger.error({ documentId, stage, err }, 'the stage threw: the document is failed (internal) and the run goes on');
  return { documentId, stage, status: 'failed', ms, pageCount: null, reports: 0, warnings: 0, errorCode: 'internal', errorMessage, retryable: true };
}

/** Runs the chain from `from` to its end in this process; returns the last outcome (null when nothing ran). */
export async function runChainFrom(deps: PipelineDeps, documentId: number, from: StageName | null, log: PipelineDeps['logger']): Promise<StageOutcome | null> {
  let last: StageOutcome | null = null;
  for (let stage = from; stage; ) {
    last = await runStage(deps, stage, documentId, log);
    const after = afterStage(last);
    stage = typeof after === 'object' ? after.next : null;
  }
  return last;
}

/** One document's result at the end of a run, the same in both modes. */
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
  /** The document's error code (`corrupt`, `empty`, `government-budget-report` …; README "What goes wrong"), null when none. */
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  /** Time the stages that ran in this run took (from the document row: extract_ms, parse_ms); 0 when none ran. */
  readonly ms: number;
}

/** A document handed to a runner: which file, and from which stage the chain started (null: nothing to do). */
export interface Started {
  readonly file: string;
  readonly documentId: number;
  readonly sha256: string;
  readonly isNew: boolean;
  readonly from: StageName | null;
}

/** `stage` and every stage after it, in chain order. */
export function stagesFrom(stage: StageName): StageName[] {
  const out: StageName[] = [];
  for (let s: StageName | null = stage; s; s = CHAIN[s].next) out.push(s);
  return out;
}

/** Whether `stage` comes after `than` in the chain. */
export function isLaterStage(stage: StageName, than: StageName): boolean {
  return stage !== than && stagesFrom(than).includes(stage);
}

/** The statuses a document can have once `stage` succeeded: its own successes and every later stage's. */
export function reachedPast(stage: StageName): ReadonlySet<DocumentStatus> {
  return new Set(stagesFrom(stage).flatMap((s) => [...CHAIN[s].succeeded]));
}

/** A document as a runner took it up: done in this call (with its result) or waiting in the queues. */
export interface Submitted extends Started {
  /** Set when the chain already ran to its end in this call; unset while the document waits for workers. */
  readonly result?: IngestResult;
}

/** Reads the document's row after its run and states its result. */
export async function readResult(deps: Pick<PipelineDeps, 'db'>, s: Started): Promise<IngestResult> {
  const [doc, reportCount] = await Promise.all([getDocument(deps, s.documentId), countReports(deps, s.documentId)]);
  let ms = 0;
  for (let stage = s.from; stage; stage = CHAIN[stage].next) {
    ms += CHAIN[stage].msOf(doc) ?? 0;
    // A stage that failed ended the chain: a later stage's time on the row is from an earlier run.
    if (!reachedPast(stage).has(doc.status)) break;
  }
  return {
    file: s.file,
    documentId: s.documentId,
    sha256: s.sha256,
    format: doc.format,
    pageCount: doc.pageCount,
    status: doc.status,
    reports: reportCount,
    outcome: s.isNew ? 'new' : s.from ? 'reprocessed' : 'unchanged',
    errorCode: doc.errorCode,
    errorMessage: doc.errorMessage,
    ms,
  };
}
