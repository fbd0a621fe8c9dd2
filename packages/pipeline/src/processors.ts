import { UnrecoverableError, type Job } from 'bullmq';
import type { PipelineDeps } from './deps.ts';
import { enqueueParse, type ExtractJobData, type ParseJobData, type PipelineQueues } from './queues.ts';
import { runExtractStage, runParseStage, type StageOutcome } from './stages.ts';

/**
 * Job processors shared by the in-process workers and the sandboxed child
 * processes. The stage records the outcome on the document first; then the
 * processor tells BullMQ what to do: retry (transient), stop (permanent input
 * error), or hand on to the next queue.
 */
export async function processExtractJob(deps: PipelineDeps, queues: Pick<PipelineQueues, 'parse'>, job: Job<ExtractJobData>): Promise<StageOutcome> {
  const outcome = await runExtractStage(deps, job.data.documentId);
  logOutcome(deps, job, outcome);
  if (outcome.status === 'extracted') {
    await enqueueParse(queues as PipelineQueues, job.data);
    return outcome;
  }
  if (outcome.retryable) throw new Error(`${outcome.errorCode}: ${outcome.errorMessage}`);
  throw new UnrecoverableError(`${outcome.errorCode}: ${outcome.errorMessage}`);
}

export async function processParseJob(deps: PipelineDeps, job: Job<ParseJobData>): Promise<StageOutcome> {
  const outcome = await runParseStage(deps, job.data.documentId);
  logOutcome(deps, job, outcome);
  if (outcome.status !== 'parsed' && outcome.status !== 'out_of_scope') throw new UnrecoverableError(`${outcome.errorCode}: ${outcome.errorMessage}`);
  return outcome;
}

function logOutcome(deps: PipelineDeps, job: Job, o: StageOutcome): void {
  const fields = {
    stage: o.stage,
    jobId: job.id,
    attempt: job.attemptsMade + 1,
    documentId: o.documentId,
    sha256: (job.data as ExtractJobData).sha256.slice(0, 12),
    status: o.status,
    ms: o.ms,
    pages: o.pageCount,
    reports: o.reports,
    warnings: o.warnings,
    errorCode: o.errorCode ?? undefined,
  };
  if (o.status === 'out_of_scope') deps.logger.info({ ...fields, reason: o.errorMessage }, `${o.stage} done: out of scope`);
  else if (o.errorCode) deps.logger.warn({ ...fields, error: o.errorMessage }, `${o.stage} failed`);
  else deps.logger.info(fields, `${o.stage} done`);
}
