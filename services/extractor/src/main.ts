// The extract worker process: reads config, starts the extract stage on its BullMQ queue, stops on SIGTERM.
import { loadConfig } from '@budget-ingest/config';
import { createLogger } from '@budget-ingest/logger';
import { exitOnCrashSanitized, startPipelineService, stopOnSignals } from '@budget-ingest/pipeline';

exitOnCrashSanitized();
const config = loadConfig(process.env);
const logger = createLogger({ level: config.logLevel, format: config.logFormat, name: 'extractor' });
const service = await startPipelineService(config, logger, ['extract'], process.env.PATH ?? '');
stopOnSignals(service, logger, (code) => process.exit(code));
