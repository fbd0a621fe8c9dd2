import { CHAIN, FIRST_STAGE, firstPendingStage, isLaterStage, stagesFrom, type StageName, type Started } from './chain.ts';
import type { PipelineDeps } from './deps.ts';
import { getDocument } from './document-row.ts';
import { documentLogger, fileOf } from './ingest.ts';
import { enqueueStage, stageJobState, type PipelineQueues } from './queues.ts';
import { storeFile, type FileInput } from './store-file.ts';

/**
 * The queued runner's first step for one file: store it and queue the first
 * stage of the chain it still needs (`from`: null when it is already done
 * with the current versions). The workers take it from there.
 */
export async function storeAndEnqueue(deps: PipelineDeps, queues: PipelineQueues, input: FileInput): Promise<Started> {
  const stored = await storeFile(deps, input);
  const from = firstPendingStage(await getDocument(deps, stored.documentId));
  if (from) await enqueueStage(queues, from, { documentId: stored.documentId, sha256: stored.sha256 });
  const file = fileOf(input);
  documentLogger(deps, stored, file).info({ stage: 'enqueue', queued: from }, 'stored');
  return { file, documentId: stored.documentId, sha256: stored.sha256, isNew: stored.isNew, from };
}

/** How many still-running documents one round of waitForDocuments asks about (in queue order). */
const POLL_WINDOW = 32;

/** How waitForDocuments finds the queues while it follows them. */
export interface WaitOptions {
  readonly pollMs?: number;
  readonly timeoutMs?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Called for a document none of whose jobs is in the queues any more (Redis
   * restarted without persistence, or finished jobs were trimmed), and for one
   * whose job failed (`failedStage`): returns the document queued again, or
   * null when it needs nothing more. Without it, such a document counts as done.
   */
  readonly requeueLost?: (item: Started, failedStage?: StageName) => Promise<Started | null>;
  /** Runs each poll of Redis; retryWhileRedisDown here rides out a Redis restart. */
  readonly guard?: <T>(work: () => Promise<T>) => Promise<T>;
}

/**
 * Resolves when every given document has gone through the queues: its
 * extract job finished (completed, or failed for good) and, if extraction
 * succeeded, its parse job too. Jobs waiting for a retry count as running.
 */
export async function waitForDocuments(queues: PipelineQueues, items: readonly Started[], opts: WaitOptions = {}): Promise<void> {
  const pending = new Map(items.filter((i) => i.from).map((i) => [i.documentId, i]));
  const total = pending.size;
  const deadline = Date.now() + (opts.timeoutMs ?? Number.POSITIVE_INFINITY);
  const guard = opts.guard ?? (<T>(work: () => Promise<T>) => work());
  while (pending.size > 0) {
    let running = 0;
    for (const [id, item] of pending) {
      // Documents finish roughly in the order they were queued: once a window of them is still
      // running, the ones behind it are left for a later round instead of asking Redis about every
      // pending document twice a second (thousands, in a large run).
      if (running >= POLL_WINDOW) break;
      const state = await guard(() => jobsState(queues, item));
      if (state === 'running') {
        running++;
        continue;
      }
      const again =
        state === 'done' || !opts.requeueLost
          ? null
          : await guard(() => opts.requeueLost!(item, state === 'missing' ? undefined : state.failed));
      // A document queued again is not counted in the window: after Redis lost its jobs, every
      // document is requeued in the first round, not a window's worth per round.
      if (again) pending.set(id, again);
      else pending.delete(id);
    }
    opts.onProgress?.(total - pending.size, total);
    if (pending.size === 0) break;
    if (Date.now() > deadline) throw new Error(`${pending.size} document(s) still in the queues after the wait timeout`);
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 500));
  }
}

/** Job states of a job that will still run: its stage may yet write the document. */
const UNFINISHED_JOB_STATES: ReadonlySet<string> = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * done: the chain's last job completed; failed: a stage's job failed for good;
 * missing: no job of the document is in the queues. A job queues the next
 * stage's before it completes, so a completed job always has a successor.
 * A job of a stage before `from` that will still run (a retry after Redis went
 * away while it handed over, a run started before this one) keeps the document
 * running: it writes the document and queues the later stages again.
 */
async function jobsState(queues: PipelineQueues, item: Started): Promise<'done' | 'running' | 'missing' | { readonly failed: StageName }> {
  if (!item.from) return 'done';
  for (const stage of stagesFrom(FIRST_STAGE)) {
    if (stage === item.from) break;
    if (UNFINISHED_JOB_STATES.has(await stageJobState(queues, stage, item.sha256))) return 'running';
  }
  for (let stage: StageName | null = item.from; stage; stage = CHAIN[stage].next) {
    const state = await stageJobState(queues, stage, item.sha256);
    if (state === 'failed') return { failed: stage };
    if (CHAIN[stage].next === null) return state === 'completed' ? 'done' : state === 'unknown' ? 'missing' : 'running';
    // 'unknown': finished and trimmed; the next stage's job tells.
    if (state !== 'completed' && state !== 'unknown') return 'running';
  }
  return 'done';
}

/**
 * For WaitOptions.requeueLost: queues the stage the database says the
 * document still needs, if any. After a failed job, only a stage later than
 * the failed one: the failed stage did its work and the job failed while
 * handing over (Redis went away between the stage's commit and queueing the
 * next job), so the chain goes on; a stage that failed itself is not retried
 * here (its job's attempts are the retry policy).
 */
export async function requeueIfLost(deps: PipelineDeps, queues: PipelineQueues, item: Started, failedStage?: StageName): Promise<Started | null> {
  const from = firstPendingStage(await getDocument(deps, item.documentId));
  if (!from) return null;
  if (failedStage && !isLaterStage(from, failedStage)) return null;
  await enqueueStage(queues, from, { documentId: item.documentId, sha256: item.sha256 });
  deps.logger.warn({ documentId: item.documentId, sha256: item.sha256.slice(0, 12), queued: from }, 'job lost from Redis: queued again');
  return { ...item, from };
}

