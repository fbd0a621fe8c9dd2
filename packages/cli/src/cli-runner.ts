import { openRunner, type Runner } from '@budget-ingest/pipeline';
import type { DbContext, Runtime } from './context.ts';

/**
 * The runner the configuration asks for (in this process, or over the
 * queues), telling the user when Redis goes away and comes back: a run rides
 * out a Redis restart of up to REDIS_OUTAGE_MS.
 */
export function openCliRunner(rt: Runtime, ctx: DbContext): Promise<Runner> {
  return openRunner(ctx.deps, {
    onRedisDown: (err) => rt.stderr(`budget-ingest: Redis (REDIS_URL) is unreachable (${(err as Error).message}); waiting up to ${Math.round(ctx.config.redisOutageMs / 1000)} s for it to come back`),
    onRedisBack: () => rt.stderr('budget-ingest: Redis is back; going on'),
  });
}

/** `--wait`'s progress: a line whenever the count of finished documents moves. */
export function progressLines(rt: Runtime, hint = ''): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    if (done !== last) rt.stdout(`waiting: ${done}/${total} document(s) done${hint}`);
    last = done;
  };
}
