import type { SandboxedJob } from 'bullmq';
import { assertQueueMode, loadConfig } from '@budget-ingest/config';
import { createDb } from '@budget-ingest/db';
import { createLogger } from '@budget-ingest/logger';
import { createPipelineDeps, type PipelineDeps } from '../deps.ts';
import { processStageJob } from '../processors.ts';
import { configFromParent } from './resolved-config.ts';
import { exitWithParent } from './exit-with-parent.ts';
import { createQueues, createRedis, type ExtractJobData, type PipelineQueues } from '../queues.ts';

// A child exits when its worker is gone (kill -9 of `workers`), instead of living on re-parented to PID 1.
exitWithParent();

/**
 * Runs in a child process forked by BullMQ. It is a process entry point: it
 * takes the config its parent resolved (passed in its environment) and
 * builds its own connections, once per child (children are reused across jobs).
 */
let ready: Promise<{ deps: PipelineDeps; queues: PipelineQueues }> | null = null;

async function build(): Promise<{ deps: PipelineDeps; queues: PipelineQueues }> {
  // The parent's resolved config (with its CLI flags); the environment only when started some other way.
  const config = configFromParent(process.env) ?? loadConfig(process.env);
  const { databaseUrl, redisUrl } = assertQueueMode(config);
  const logger = createLogger({ level: config.logLevel, format: config.logFormat === 'pretty' ? 'pretty' : 'json', name: 'extractor' });
  const handle = await createDb({ databaseUrl, dataDir: config.dataDir, maxConnections: 2 });
  const queues = createQueues(createRedis(redisUrl, 'producer'), config.queuePrefix);
  return { deps: createPipelineDeps(handle.db, config, logger, process.env.PATH ?? ''), queues };
}

export default async function extractInSandbox(job: SandboxedJob<ExtractJobData>) {
  ready ??= build();
  const { deps, queues } = await ready;
  return processStageJob(deps, queues, 'extract', job);
}
