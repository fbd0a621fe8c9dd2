// The fetcher process: reads config and the portals file, syncs the crawl schedules, runs crawl jobs, stops on SIGTERM.
import { loadConfig } from '@budget-ingest/config';
import { loadPortalsFile } from '@budget-ingest/crawl';
import { createLogger } from '@budget-ingest/logger';
import { exitOnCrashSanitized, stopOnSignals } from '@budget-ingest/pipeline';
import { startFetcher } from './fetcher-service.ts';

exitOnCrashSanitized();
const config = loadConfig(process.env);
const logger = createLogger({ level: config.logLevel, format: config.logFormat, name: 'fetcher' });
// ${NAME} placeholders in the portals file are filled from the environment.
const portals = await loadPortalsFile(config.portalsConfig, { env: process.env });
const fetcher = await startFetcher({ config, logger, portals, pathEnv: process.env.PATH ?? '' });
stopOnSignals(fetcher, logger, (code) => process.exit(code));
