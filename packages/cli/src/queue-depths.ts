import { queueDepths, withQueues, type QueueDepths } from '@budget-ingest/pipeline';

/**
 * Queue depths for `status`, in a module of its own so that status imports
 * it (and bullmq, ioredis) only when REDIS_URL is set.
 */
export function readQueueDepths(redisUrl: string, prefix: string): Promise<QueueDepths> {
  return withQueues(redisUrl, prefix, queueDepths);
}
