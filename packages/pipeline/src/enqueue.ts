import { basename } from 'node:path';
import type { PipelineDeps } from './deps.ts';
import { getDocument, pendingStages } from './ingest.ts';
import { enqueueExtract, enqueueParse, extractJobId, parseJobId, type PipelineQueues } from './queues.ts';
import { storeFile, type FileInput } from './store-file.ts';

export interface Enqueued {
  readonly file: string;
  readonly documentId: number;
  readonly sha256: string;
  readonly isNew: boolean;
  /** The first stage queued, or null when the document is already done with the current versions. */
  readonly queued: 'extract' | 'parse' | null;
}

/** Stores the file and queues the first stage it still needs. */
export async function storeAndEnqueue(deps: PipelineDeps, queues: PipelineQueues, input: FileInput): Promise<Enqueued> {
  const stored = await storeFile(deps, input);
  const doc = await getDocument(deps, stored.documentId);
  const todo = pendingStages(doc);
  const data = { documentId: stored.documentId, sha256: stored.sha256 };
  const queued = todo.extract ? 'extract' : todo.parse ? 'parse' : null;
  if (queued === 'extract') await enqueueExtract(queues, data);
  if (queued === 'parse') await enqueueParse(queues, data);
  deps.logger.info({ stage: 'enqueue', documentId: stored.documentId, sha256: stored.sha256.slice(0, 12), file: basename('path' in input ? input.path : input.fileName), queued }, 'stored');
  return { file: 'path' in input ? input.path : input.fileName, documentId: stored.documentId, sha256: stored.sha256, isNew: stored.isNew, queued };
}

/**
 * Resolves when every given document has gone through the queues: its
 * extract job finished (completed, or failed for good) and, if extraction
 * succeeded, its parse job too. Jobs waiting for a retry count as running.
 */
export async function waitForDocuments(
  queues: PipelineQueues,
  items: readonly Enqueued[],
  opts: { pollMs?: number; timeoutMs?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<void> {
  const pending = new Map(items.filter((i) => i.queued).map((i) => [i.documentId, i]));
  const total = pending.size;
  const deadline = Date.now() + (opts.timeoutMs ?? Number.POSITIVE_INFINITY);
  while (pending.size > 0) {
    for (const [id, item] of pending) {
      if (await finished(queues, item)) pending.delete(id);
    }
    opts.onProgress?.(total - pending.size, total);
    if (pending.size === 0) break;
    if (Date.now() > deadline) throw new Error(`${pending.size} document(s) still in the queues after the wait timeout`);
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 500));
  }
}

async function finished(queues: PipelineQueues, item: Enqueued): Promise<boolean> {
  if (item.queued === 'extract') {
    const state = await queues.extract.getJobState(extractJobId(item.sha256));
    if (state === 'failed') return true;
    if (state !== 'completed' && state !== 'unknown') return false;
  }
  const parse = await queues.parse.getJobState(parseJobId(item.sha256));
  if (parse === 'completed' || parse === 'failed') return true;
  if (parse === 'unknown') {
    // No parse job: either extraction failed for good or it was trimmed; the extract state decides.
    return item.queued === 'extract' ? (await queues.extract.getJobState(extractJobId(item.sha256))) !== 'completed' : true;
  }
  return false;
}
