import type { Db } from '@budget-ingest/db';
import { findOrphans, queueDepths, withQueues, type Orphan, type QueueDepths } from '@budget-ingest/pipeline';

/**
 * The queue side of `status`, in a module of its own so that status imports
 * it (and bullmq, ioredis) only when REDIS_URL is set: the depths, and the
 * documents whose jobs Redis lost (a restart without persistence).
 */
export function readQueueState(db: Db, redisUrl: string, prefix: string, connectTimeoutMs: number): Promise<{ depths: QueueDepths; orphans: Orphan[] }> {
  return withQueues(redisUrl, prefix, async (qs) => ({ depths: await queueDepths(qs), orphans: await findOrphans(db, qs) }), connectTimeoutMs);
}
