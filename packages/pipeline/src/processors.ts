import { UnrecoverableError, type Job } from 'bullmq';
import { afterStage, runStage, type StageName } from './chain.ts';
import type { PipelineDeps } from './deps.ts';
import { enqueueStage, type ExtractJobData, type PipelineQueues } from './queues.ts';
import type { StageOutcome } from './stages.ts';

/** What a processor reads of a job; a sandboxed child's job has the same fields. */
export type StageJob = Pick<Job<ExtractJobData>, 'id' | 'attemptsMade' | 'data'>;

/**
 * The queued runner's step: runs the job's stage of the chain (chain.ts),
 * shared by the in-process workers and the sandboxed child processes. The
 * stage records the outcome on the document first; then the processor tells
 * BullMQ what to do: hand on to the next stage's queue, retry (transient), or
 * stop (permanent input error).
 */
export async function processStageJob(deps: PipelineDeps, queues: Pick<PipelineQueues, 'extract' | 'parse'>, stage: StageName, job: StageJob): Promise<StageOutcome> {
  const log = deps.logger.child({ jobId: job.id, attempt: job.attemptsMade + 1, documentId: job.data.documentId, sha256: job.data.sha256.slice(0, 12) });
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
