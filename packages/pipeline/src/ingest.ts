import { basename } from 'node:path';
import { sanitizeError, withDbRetry } from '@budget-ingest/db';
import { firstPendingStage, readResult, runChainFrom, type IngestResult, type Submitted } from './chain.ts';
import type { PipelineDeps } from './deps.ts';
import { getDocument } from './document-row.ts';
import { storeFile, type FileInput } from './store-file.ts';

/**
 * The in-process runner's step for one file: store it, then run the chain
 * (chain.ts) from the first stage it still needs. When the database goes
 * away mid-document (a Postgres restart), the document is taken up again on a
 * new connection: every step is idempotent, so nothing is done twice.
 */
export async function ingestOne(deps: PipelineDeps, input: FileInput): Promise<IngestResult> {
  return (await ingestFile(deps, input)).result;
}

/** ingestOne, with the stage the chain started from. */
export async function ingestFile(deps: PipelineDeps, input: FileInput): Promise<Submitted & { result: IngestResult }> {
  return withDbRetry(() => ingestOnce(deps, input), {
    onRetry: (err, attempt) => deps.logger.warn({ file: fileOf(input), attempt, err: sanitizeError(err) }, 'database unavailable: retrying the document'),
  });
}

async function ingestOnce(deps: PipelineDeps, input: FileInput): Promise<Submitted & { result: IngestResult }> {
  const started = performance.now();
  const file = fileOf(input);
  const stored = await storeFile(deps, input);
  const log = documentLogger(deps, stored, file);
  log.info({ stage: 'store', isNew: stored.isNew, bytes: stored.byteSize, format: stored.format, ms: Math.round(performance.now() - started) }, 'stored');
  const doc = await getDocument(deps, stored.documentId);
  const from = firstPendingStage(doc);
  log.debug({ stage: 'plan', status: doc.status, extractorVersion: doc.extractorVersion, parserVersion: doc.parserVersion, from }, 'stages to run');
  await runChainFrom(deps, stored.documentId, from, log);
  const run = { file, documentId: stored.documentId, sha256: stored.sha256, isNew: stored.isNew, from };
  return { ...run, result: await readResult(deps, run) };
}

/** The logger of one document's stage lines: each line names the document. */
export function documentLogger(deps: PipelineDeps, doc: { documentId: number; sha256: string }, file: string): PipelineDeps['logger'] {
  return deps.logger.child({ documentId: doc.documentId, sha256: doc.sha256.slice(0, 12), file: basename(file) });
}

export function fileOf(input: FileInput): string {
  return 'path' in input ? input.path : input.fileName;
}
