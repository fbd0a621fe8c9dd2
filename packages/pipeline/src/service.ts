import type { Worker } from 'bullmq';
import { assertQueueMode, type Config } from '@budget-ingest/config';
import { createDb, migrate, sanitizeError } from '@budget-ingest/db';
import type { Logger } from '@budget-ingest/logger';
import type { StageName } from './chain.ts';
import { createPipelineDeps } from './deps.ts';
import { createQueues, createRedis } from './queues.ts';
import { startWorkers, stopWorkers } from './workers.ts';

export interface RunningService {
  readonly workers: readonly Worker[];
  /** Finishes running jobs, then closes Redis and Postgres connections. */
  stop(): Promise<void>;
  /** How long stop() may take before the process exits anyway (SHUTDOWN_TIMEOUT_MS). */
  readonly shutdownTimeoutMs: number;
}

/**
 * Wires one worker process: config → connections → workers. Used by the
 * services' main.ts and by `budget-ingest workers`.
 */
export async function startPipelineService(config: Config, logger: Logger, stages: readonly StageName[], pathEnv: string): Promise<RunningService> {
  const { databaseUrl, redisUrl } = assertQueueMode(config);
  const handle = await createDb({
    databaseUrl,
    dataDir: config.dataDir,
    maxConnections: config.concurrency.extract + config.concurrency.parse + 2,
    // A Postgres restart breaks idle connections: logged, dropped, and replaced on the next query.
    onConnectionError: (err) => logger.warn({ err: sanitizeError(err) }, 'database connection lost; reconnecting on the next query'),
  });
  await migrate(handle);
  const producer = createRedis(redisUrl, 'producer');
  const workerConnection = createRedis(redisUrl, 'worker');
  const queues = createQueues(producer, config.queuePrefix);
  const deps = createPipelineDeps(handle.db, config, logger, pathEnv);
  const workers = startWorkers({
    deps,
    queues,
    connection: workerConnection,
    prefix: config.queuePrefix,
    stages,
    concurrency: config.concurrency,
    sandboxExtract: config.sandboxExtract,
    lockMs: config.jobLockMs,
    stalledCheckMs: config.stalledCheckMs,
  });
  logger.info({ stages, concurrency: config.concurrency, sandboxExtract: config.sandboxExtract, prefix: config.queuePrefix }, 'workers started');
  let stopping: Promise<void> | null = null;
  return {
    workers,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    stop: () =>
      (stopping ??= (async () => {
        logger.info('stopping workers: finishing running jobs');
        await stopWorkers(workers);
        await queues.close();
        producer.disconnect();
        workerConnection.disconnect();
        await handle.close();
        logger.info('workers stopped');
      })()),
  };
}

/** Stops the service on SIGTERM/SIGINT; a second signal exits at once. */
export function stopOnSignals(service: RunningService, logger: Logger, exit: (code: number) => void): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      logger.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    signalled = true;
    logger.info({ signal, deadlineMs: service.shutdownTimeoutMs }, 'shutting down');
    // Closing waits for Redis and Postgres; with either gone it would wait for ever. Past the
    // deadline the process exits: running jobs' locks expire and other workers take them up.
    const deadline = setTimeout(() => {
      logger.warn({ deadlineMs: service.shutdownTimeoutMs }, 'shutdown deadline passed: exiting without a clean stop');
      exit(1);
    }, service.shutdownTimeoutMs);
    service.stop().then(
      () => {
        clearTimeout(deadline);
        exit(0);
      },
      (err: unknown) => {
        clearTimeout(deadline);
        logger.error({ err: sanitizeError(err) }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
