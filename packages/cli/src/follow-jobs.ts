import { requeueIfLost, retryWhileRedisDown, waitForDocuments, type Enqueued, type PipelineQueues } from '@budget-ingest/pipeline';
import { withDbRetry } from '@budget-ingest/db';
import type { DbContext, Runtime } from './context.ts';

/**
 * `--wait`: follows queued documents until each is done, printing a line
 * whenever the count moves. Rides out a Redis restart (up to REDIS_OUTAGE_MS,
 * saying so), and queues again a document whose jobs Redis lost.
 */
export async function followJobs(rt: Runtime, ctx: DbContext, queues: PipelineQueues, queued: readonly Enqueued[], opts: { quiet?: boolean; hint?: string } = {}): Promise<void> {
  let last = -1;
  await waitForDocuments(queues, queued, {
    onProgress: (done, total) => {
      if (done !== last && !opts.quiet) rt.stdout(`waiting: ${done}/${total} document(s) done${opts.hint ?? ''}`);
      last = done;
    },
    requeueLost: (item) => withDbRetry(() => requeueIfLost(ctx.deps, queues, item)),
    guard: (work) => whileRedisDown(rt, ctx, work),
  });
}

/** Runs a step that talks to Redis, waiting (with one message each way) while Redis is away. */
export function whileRedisDown<T>(rt: Runtime, ctx: DbContext, work: () => Promise<T>): Promise<T> {
  return retryWhileRedisDown(work, {
    url: ctx.config.redisUrl ?? '',
    outageMs: ctx.config.redisOutageMs,
    onDown: (err) => rt.stderr(`budget-ingest: Redis (REDIS_URL) is unreachable (${(err as Error).message}); waiting up to ${Math.round(ctx.config.redisOutageMs / 1000)} s for it to come back`),
    onBack: () => rt.stderr('budget-ingest: Redis is back; going on'),
  });
}
