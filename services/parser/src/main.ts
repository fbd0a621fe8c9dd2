// The parse worker process: reads config, starts the parse stage on its BullMQ queue, stops on SIGTERM.
import { loadConfig } from '@budget-ingest/config';
import { createLogger } from '@budget-ingest/logger';
import { exitOnCrashSanitized, startPipelineService, stopOnSignals } from '@budget-ingest/pipeline';

exitOnCrashSanitized();
const config = loadConfig(process.env);
const logger = createLogger({ level: config.logLevel, format: config.logFormat, name: 'parser' });
const service = await startPipelineService(config, logger, ['parse'], process.env.PATH ?? '');
stopOnSignals(service, logger, (code) => process.exit(code));
