import type { Job, SandboxedJob } from 'bullmq';
import { assertQueueMode, loadConfig } from '@budget-ingest/config';
import { createDb } from '@budget-ingest/db';
import { createLogger } from '@budget-ingest/logger';
import { createBlobStore } from '../create-blob-store.ts';
import type { PipelineDeps } from '../deps.ts';
import { processExtractJob } from '../processors.ts';
import { createQueues, createRedis, type ExtractJobData, type PipelineQueues } from '../queues.ts';

/**
 * Runs in a child process forked by BullMQ. It is a process entry point, so
 * it builds its own config and connections from the environment it
 * inherited, once per child (children are reused across jobs).
 */
let ready: Promise<{ deps: PipelineDeps; queues: PipelineQueues }> | null = null;

async function build(): Promise<{ deps: PipelineDeps; queues: PipelineQueues }> {
  const config = loadConfig(process.env);
  const { databaseUrl, redisUrl } = assertQueueMode(config);
  const logger = createLogger({ level: config.logLevel, format: config.logFormat === 'pretty' ? 'pretty' : 'json', name: 'extractor' });
  const handle = await createDb({ databaseUrl, dataDir: config.dataDir, maxConnections: 2 });
  const queues = createQueues(createRedis(redisUrl, 'producer'), config.queuePrefix);
  return { deps: { db: handle.db, blobs: createBlobStore(config), logger, config, pathEnv: process.env.PATH ?? '' }, queues };
}

export default async function extractInSandbox(job: SandboxedJob<ExtractJobData>) {
  ready ??= build();
  const { deps, queues } = await ready;
  return processExtractJob(deps, queues, job as unknown as Job<ExtractJobData>);
}
