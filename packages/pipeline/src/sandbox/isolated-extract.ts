import type { Config } from '@budget-ingest/config';
import { DEFAULT_EXTRACT_LIMITS, type DocumentModel } from '@budget-ingest/doc-model';
import type { ExtractOptions } from '@budget-ingest/extract';
import { runInChild, stopIdleChildren } from './child-pool.ts';
import type { ChildProgress } from './isolated-extract-child.ts';

/**
 * Extracts one document in a pooled child process with a hard memory limit,
 * in every mode (the embedded in-process run, the queue workers): whatever
 * the bytes do to the extractor kills one child, never the batch, and
 * becomes the document's error (`out-of-memory` over MAX_EXTRACT_MEMORY_MB,
 * `timeout` past MAX_SECONDS_PER_DOCUMENT, `crashed`; see child-pool.ts).
 * `slots`: how many children this process runs at once (one per caller by default).
 */
export async function extractIsolated(bytes: Uint8Array, opts: ExtractOptions, slots = Number.POSITIVE_INFINITY, onOcrPage?: (p: ChildProgress) => void): Promise<DocumentModel> {
  return (await runInChild({ kind: 'extract', bytes, opts }, 'extraction', childLimits(opts, slots, onOcrPage))) as DocumentModel;
}

/**
 * extractIsolated, with the model's plain text (for `document_contents`)
 * computed in the child under the same limits: what a model's spans and
 * sizes expand to is never built in the calling process.
 */
export async function extractIsolatedWithText(
  bytes: Uint8Array,
  opts: ExtractOptions,
  slots = Number.POSITIVE_INFINITY,
  onOcrPage?: (p: ChildProgress) => void,
): Promise<{ model: DocumentModel; plainText: string }> {
  return (await runInChild({ kind: 'extract', bytes, opts, withText: true }, 'extraction', childLimits(opts, slots, onOcrPage))) as { model: DocumentModel; plainText: string };
}

function childLimits(opts: ExtractOptions, slots: number, onOcrPage?: (p: ChildProgress) => void) {
  const limits = opts.limits ?? DEFAULT_EXTRACT_LIMITS;
  return { memoryMb: limits.maxExtractMemoryMb, timeoutMs: limits.maxSecondsPerDocument * 1000 + 5000, slots, ...(onOcrPage ? { onProgress: onOcrPage } : {}) };
}

/**
 * The options a run extracts a file with, from its configuration: the one
 * place the extract stage and the CLI's `extract` and `explain` build them,
 * so a command reads a file exactly as a run does. `pathEnv`: PATH, where
 * LibreOffice is looked up for legacy formats, Tesseract and pdftoppm for scans.
 */
export function extractOptionsFor(config: Pick<Config, 'limits' | 'sofficePath' | 'ocr' | 'concurrency'>, pathEnv: string, fileName: string): ExtractOptions {
  // A scan's pages are read in parallel up to the extract slots (EXTRACT_CONCURRENCY).
  return { fileName, limits: config.limits, sofficePath: config.sofficePath, pathEnv, ocr: { ...config.ocr, slots: config.concurrency.extract } };
}

/** Stops the idle children (tests, clean shutdown); busy ones finish their document first. */
export function stopIdleExtractors(): void {
  stopIdleChildren();
}
