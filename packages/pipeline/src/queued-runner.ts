import { withDbRetry } from '@budget-ingest/db';
import { readResult, type IngestResult, type Submitted } from './chain.ts';
import type { PipelineDeps } from './deps.ts';
import { requeueIfLost, storeAndEnqueue, waitForDocuments } from './enqueue.ts';
import { findOrphans, requeueOrphans } from './orphans.ts';
import { createQueues, enqueueStage } from './queues.ts';
import { connectProducer, retryWhileRedisDown } from './redis-connection.ts';
import type { Runner, RunnerHooks } from './runner-contract.ts';

/**
 * The runner over BullMQ: each call stores and queues, the workers
 * (`budget-ingest workers`, services/*) run the stages. Every step that talks
 * to Redis rides out a Redis restart of up to REDIS_OUTAGE_MS, telling the
 * hooks when it goes and comes back. Fails at once with a
 * RedisUnavailableError naming REDIS_URL when Redis does not answer.
 */
export async function openQueuedRunner(deps: PipelineDeps, redisUrl: string, hooks: RunnerHooks): Promise<Runner> {
  const { config } = deps;
  const redis = await connectProducer(redisUrl, config.redisConnectTimeoutMs);
  const queues = createQueues(redis, config.queuePrefix);
  const guard = <T>(work: () => Promise<T>): Promise<T> =>
    retryWhileRedisDown(work, {
      url: redisUrl,
      outageMs: config.redisOutageMs,
      onDown: (err) => hooks.onRedisDown?.(err),
      onBack: () => hooks.onRedisBack?.(),
    });
  return {
    submit: (input) => guard(() => storeAndEnqueue(deps, queues, input)),
    async rerun(doc, from) {
      await guard(() => enqueueStage(queues, from, { documentId: doc.documentId, sha256: doc.sha256 }));
      return { file: doc.fileName, documentId: doc.documentId, sha256: doc.sha256, isNew: false, from };
    },
    async recoverLost() {
      const orphans = await guard(() => findOrphans(deps.db, queues));
      await guard(() => requeueOrphans(queues, orphans));
      return orphans.map((o): Submitted => ({ file: o.fileName, documentId: o.documentId, sha256: o.sha256, isNew: false, from: o.stage }));
    },
    async wait(items, waitHooks = {}) {
      await waitForDocuments(queues, items, {
        ...(waitHooks.onProgress ? { onProgress: waitHooks.onProgress } : {}),
        requeueLost: (item, failedStage) => withDbRetry(() => requeueIfLost(deps, queues, item, failedStage)),
        guard,
      });
      const results: IngestResult[] = [];
      for (const item of items) results.push(item.result ?? (await withDbRetry(() => readResult(deps, item))));
      return results;
    },
    async close() {
      // Closing waits for Redis; when it is gone there is nothing left to flush.
      if (redis.status === 'ready') await queues.close().catch(() => {});
      redis.disconnect();
    },
  };
}
