import { UnrecoverableError, type Job } from 'bullmq';
import { afterStage, CHAIN, firstPendingStage, isLaterStage, reachedPast, runStage, type StageName } from './chain.ts';
import { countReports, getDocument } from './document-row.ts';
import type { PipelineDeps } from './deps.ts';
import { enqueueStage, type ExtractJobData, type PipelineQueues } from './queues.ts';
import type { StageOutcome } from './stages.ts';

/** What a processor reads of a job; a sandboxed child's job has the same fields. */
export type StageJob = Pick<Job<ExtractJobData>, 'id' | 'attemptsMade' | 'data'> & Partial<Pick<Job<ExtractJobData>, 'attemptsStarted'>>;

/**
 * The queued runner's step: runs the job's stage of the chain (chain.ts),
 * shared by the in-process workers and the sandboxed child processes. The
 * stage records the outcome on the document first; then the processor tells
 * BullMQ what to do: hand on to the next stage's queue, retry (transient), or
 * stop (permanent input error).
 */
export async function processStageJob(deps: PipelineDeps, queues: Pick<PipelineQueues, 'extract' | 'parse'>, stage: StageName, job: StageJob): Promise<StageOutcome> {
  const log = deps.logger.child({ jobId: job.id, attempt: job.attemptsMade + 1, documentId: job.data.documentId, sha256: job.data.sha256.slice(0, 12) });
  // A retry (attemptsMade), or a run after a stall (attemptsStarted: BullMQ puts a job whose worker lost
  // its lock back in the queue without counting an attempt). The last stage hands nothing over, and
  // `reparse` queues it on purpose for documents already parsed with this version: it always runs.
  const ranBefore = job.attemptsMade > 0 || (job.attemptsStarted ?? 0) > 1;
  if (ranBefore && CHAIN[stage].next !== null) {
    const handedOver = await handOverIfDone(deps, queues, stage, job, log);
    if (handedOver) return handedOver;
  }
  const outcome = await runStage(deps, stage, job.data.documentId, log);
  const after = afterStage(outcome);
  if (after === 'done') return outcome;
  if (after !== 'failed') {
    await enqueueStage(queues, after.next, job.data);
    return outcome;
  }
  if (outcome.retryable) throw new Error(`${outcome.errorCode}: ${outcome.errorMessage}`);
  throw new UnrecoverableError(`${outcome.errorCode}: ${outcome.errorMessage}`);
}

/**
 * A retry of a stage whose earlier attempt did its work and failed only while
 * handing over (Redis went away between the stage's commit and queueing the
 * next job): running the stage again would overwrite what the later stages
 * wrote since (a parsed document back to `extracted`). When the database shows
 * the stage done with the current versions, queue what it says is still
 * pending and return the recorded outcome; null when the stage must run.
 */
async function handOverIfDone(deps: PipelineDeps, queues: Pick<PipelineQueues, 'extract' | 'parse'>, stage: StageName, job: StageJob, log: PipelineDeps['logger']): Promise<StageOutcome | null> {
  const doc = await getDocument(deps, job.data.documentId);
  const pending = firstPendingStage(doc);
  const done = reachedPast(stage).has(doc.status) && (pending === null || isLaterStage(pending, stage));
  if (!done) return null;
  if (pending) await enqueueStage(queues, pending, job.data);
  log.info({ stage, status: doc.status, queued: pending }, `${stage} already done by an earlier attempt`);
  const reports = await countReports(deps, doc.id);
  return { documentId: doc.id, stage, status: doc.status, ms: 0, pageCount: doc.pageCount, reports, warnings: 0, errorCode: null, errorMessage: null, retryable: false };
}
