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

/** How waitForDocuments finds the queues while it follows them. */
export interface WaitOptions {
  readonly pollMs?: number;
  readonly timeoutMs?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Called for a document none of whose jobs is in the queues any more (Redis
   * restarted without persistence, or finished jobs were trimmed): returns the
   * document queued again, or null when it needs nothing more. Without it,
   * such a document counts as done.
   */
  readonly requeueLost?: (item: Enqueued) => Promise<Enqueued | null>;
  /** Runs each poll of Redis; retryWhileRedisDown here rides out a Redis restart. */
  readonly guard?: <T>(work: () => Promise<T>) => Promise<T>;
}

/**
 * Resolves when every given document has gone through the queues: its
 * extract job finished (completed, or failed for good) and, if extraction
 * succeeded, its parse job too. Jobs waiting for a retry count as running.
 */
export async function waitForDocuments(queues: PipelineQueues, items: readonly Enqueued[], opts: WaitOptions = {}): Promise<void> {
  const pending = new Map(items.filter((i) => i.queued).map((i) => [i.documentId, i]));
  const total = pending.size;
  const deadline = Date.now() + (opts.timeoutMs ?? Number.POSITIVE_INFINITY);
  const guard = opts.guard ?? (<T>(work: () => Promise<T>) => work());
  while (pending.size > 0) {
    for (const [id, item] of pending) {
      const state = await guard(() => jobsState(queues, item));
      if (state === 'running') continue;
      const again = state === 'missing' && opts.requeueLost ? await guard(() => opts.requeueLost!(item)) : null;
      if (again) pending.set(id, again);
      else pending.delete(id);
    }
    opts.onProgress?.(total - pending.size, total);
    if (pending.size === 0) break;
    if (Date.now() > deadline) throw new Error(`${pending.size} document(s) still in the queues after the wait timeout`);
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 500));
  }
}

/** done: the last job finished (completed or failed for good); missing: no job of the document is in the queues. */
async function jobsState(queues: PipelineQueues, item: Enqueued): Promise<'done' | 'running' | 'missing'> {
  // The extract job enqueues the parse job before it completes, so a completed extraction always has one.
  const extract = item.queued === 'extract' ? await queues.extract.getJobState(extractJobId(item.sha256)) : 'completed';
  if (extract === 'failed') return 'done';
  if (extract !== 'completed' && extract !== 'unknown') return 'running';
  const parse = await queues.parse.getJobState(parseJobId(item.sha256));
  if (parse === 'completed' || parse === 'failed') return 'done';
  return parse === 'unknown' ? 'missing' : 'running';
}

/** For WaitOptions.requeueLost: queues the stage the database says the document still needs, if any. */
export async function requeueIfLost(deps: PipelineDeps, queues: PipelineQueues, item: Enqueued): Promise<Enqueued | null> {
  const doc = await getDocument(deps, item.documentId);
  const todo = pendingStages(doc);
  const data = { documentId: item.documentId, sha256: item.sha256 };
  if (todo.extract) await enqueueExtract(queues, data);
  else if (todo.parse) await enqueueParse(queues, data);
  else return null;
  deps.logger.warn({ documentId: item.documentId, sha256: item.sha256.slice(0, 12), queued: todo.extract ? 'extract' : 'parse' }, 'job lost from Redis: queued again');
  return { ...item, queued: todo.extract ? 'extract' : 'parse' };
}
