import { fileURLToPath } from 'node:url';
import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { describeDbError, documents } from '@budget-ingest/db';
import type { PipelineDeps } from './deps.ts';
import type { StageName } from './chain.ts';
import { processStageJob } from './processors.ts';
import { RESOLVED_CONFIG_ENV } from './sandbox/resolved-config.ts';
import { QUEUES, type ExtractJobData, type ParseJobData, type PipelineQueues } from './queues.ts';

export interface WorkerOptions {
  readonly deps: PipelineDeps;
  readonly queues: PipelineQueues;
  /** A connection with maxRetriesPerRequest: null (see createRedis). */
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  readonly stages: readonly StageName[];
  readonly concurrency: { readonly extract: number; readonly parse: number };
  /** Extraction in child processes (default); false runs it in this process (tests, debugging). */
  readonly sandboxExtract: boolean;
  readonly lockMs?: number;
  readonly stalledCheckMs?: number;
}

const SANDBOX_ENTRY = fileURLToPath(new URL('./sandbox/extract-entry.mjs', import.meta.url));

/**
 * Starts the stage workers. Extraction and parsing run in pooled child
 * processes with memory and time limits (sandbox/child-pool.ts) in either
 * case, so this process's event loop renews job locks on time and a crash
 * kills a child, not the worker; `sandboxExtract` additionally runs each
 * extract job in a BullMQ sandboxed process (SANDBOX_EXTRACT, off by default:
 * the pooled children already isolate the work, and the extra process per slot
 * costs CPU the pipeline bench measures).
 */
export function startWorkers(opts: WorkerOptions): Worker[] {
  const common = { connection: opts.connection, prefix: opts.prefix, lockDuration: opts.lockMs ?? 60_000, stalledInterval: opts.stalledCheckMs ?? 30_000, maxStalledCount: 2 };
  const workers: Worker[] = [];
  if (opts.stages.includes('extract')) {
    const worker = opts.sandboxExtract
      ? new Worker<ExtractJobData>(QUEUES.extract, SANDBOX_ENTRY, {
          ...common,
          concurrency: opts.concurrency.extract,
          useWorkerThreads: false,
          // The child gets this process's resolved config (CLI flags such as --data-dir included), not
          // only the environment it would rebuild one from. The rest of the environment passes through.
          // eslint-disable-next-line no-restricted-properties -- passed through to the child untouched (PATH, HOME, …), not read as settings
          workerForkOptions: { env: { ...process.env, [RESOLVED_CONFIG_ENV]: JSON.stringify(opts.deps.config) } },
        })
      : new Worker<ExtractJobData>(QUEUES.extract, (job) => processStageJob(opts.deps, opts.queues, 'extract', job), { ...common, concurrency: opts.concurrency.extract });
    workers.push(worker);
  }
  if (opts.stages.includes('parse')) {
    workers.push(new Worker<ParseJobData>(QUEUES.parse, (job) => processStageJob(opts.deps, opts.queues, 'parse', job), { ...common, concurrency: opts.concurrency.parse }));
  }
  for (const w of workers) {
    // describeDbError: a database error's real cause, not drizzle's "Failed query" with the whole document as parameters.
    w.on('failed', (job, err) => {
      opts.deps.logger.warn({ queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, error: describeDbError(err) }, 'job failed');
      if (job) void failUnfinished(opts.deps, job, err).catch((e: Error) => opts.deps.logger.error({ jobId: job.id, error: describeDbError(e) }, 'could not record the failed job on its document'));
    });
    w.on('error', (err) => opts.deps.logger.error({ queue: w.name, error: describeDbError(err) }, 'worker error'));
  }
  return workers;
}

/**
 * A job that gives up for good (its last attempt failed, or its worker died
 * more often than allowed: "stalled") leaves its document failed with a
 * code, never `pending`/`extracted` for ever: `crashed` when a worker died
 * under it, `internal` otherwise. A stage that recorded its own outcome has
 * already moved the document to a final state, and this changes nothing.
 */
async function failUnfinished(deps: PipelineDeps, job: Job, err: Error): Promise<void> {
  const final = job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled|UnrecoverableError/i.test(`${err.name} ${err.message}`);
  if (!final) return;
  const documentId = (job.data as ExtractJobData).documentId;
  const crashed = /stalled|exited|killed|SIG[A-Z]+/i.test(err.message);
  await deps.db
    .update(documents)
    .set({ status: 'failed', errorCode: crashed ? 'crashed' : 'internal', errorMessage: `gave up after ${job.attemptsMade} attempt(s): ${err.message}`, updatedAt: sql`now()` })
    .where(and(eq(documents.id, documentId), inArray(documents.status, ['pending', 'extracted'])));
}

/** Graceful stop: wait for running jobs to finish (or return them to the queue), then close connections. */
export async function stopWorkers(workers: readonly Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.close()));
}
