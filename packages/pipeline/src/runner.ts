import { withDbRetry } from '@budget-ingest/db';
import { readResult, runChainFrom, type Started } from './chain.ts';
import type { PipelineDeps } from './deps.ts';
import { documentLogger, ingestFile } from './ingest.ts';
import type { Runner, RunnerHooks } from './runner-contract.ts';

export type { DocumentRef, Runner, RunnerHooks } from './runner-contract.ts';

/**
 * The runner the configuration asks for: queued over BullMQ when REDIS_URL is
 * set, in this process otherwise. This is the one place that asks.
 */
export async function openRunner(deps: PipelineDeps, hooks: RunnerHooks = {}): Promise<Runner> {
  if (deps.config.redisUrl) {
    // The queue code (bullmq, ioredis) loads only when there are queues.
    const { openQueuedRunner } = await import('./queued-runner.ts');
    return openQueuedRunner(deps, deps.config.redisUrl, hooks);
  }
  return inProcessRunner(deps);
}

function inProcessRunner(deps: PipelineDeps): Runner {
  return {
    submit: (input) => ingestFile(deps, input),
    async rerun(doc, from) {
      const started: Started = { file: doc.fileName, documentId: doc.documentId, sha256: doc.sha256, isNew: false, from };
      await runChainFrom(deps, doc.documentId, from, documentLogger(deps, doc, doc.fileName));
      return { ...started, result: await withDbRetry(() => readResult(deps, started)) };
    },
    // Nothing waits in a queue: a document left unfinished was cut short by its process (see retry-failed).
    recoverLost: async () => [],
    wait: async (items) => Promise.all(items.map((i) => i.result ?? withDbRetry(() => readResult(deps, i)))),
    close: async () => {},
  };
}
