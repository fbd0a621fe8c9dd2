// The fetcher process: reads config and the portals file, syncs the crawl schedules, runs crawl jobs, stops on SIGTERM.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from '@budget-ingest/config';
import { loadPortalsFile, PortalConfigError } from '@budget-ingest/crawl';
import { createLogger } from '@budget-ingest/logger';
import { exitOnCrashSanitized, stopOnSignals } from '@budget-ingest/pipeline';
import { startFetcher } from './fetcher-service.ts';

exitOnCrashSanitized();
const say = (line: string) => process.stderr.write(`fetcher: ${line}\n`);
let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  say(err.message);
  process.exit(2);
}
const logger = createLogger({ level: config.logLevel, format: config.logFormat, name: 'fetcher' });
// No portals file: nothing to crawl. A clear line and exit 0, so a restart policy of on-failure (docker
// compose) leaves the service stopped instead of restarting it in a loop that changes nothing.
if (!existsSync(config.portalsConfig)) {
  say(`no portals config at ${config.portalsConfig}: nothing to crawl; copy config/portals.example.yaml to config/portals.yaml (docker compose mounts ./config) or set PORTALS_CONFIG, then start the fetcher again`);
  process.exit(0);
}
let portals;
try {
  // ${NAME} placeholders in the portals file are filled from the environment.
  portals = await loadPortalsFile(config.portalsConfig, { env: process.env });
} catch (err) {
  if (!(err instanceof PortalConfigError)) throw err;
  for (const issue of err.issues) say(issue);
  process.exit(2);
}
const fetcher = await startFetcher({ config, logger, portals, pathEnv: process.env.PATH ?? '' });
stopOnSignals(fetcher, logger, (code) => process.exit(code));
