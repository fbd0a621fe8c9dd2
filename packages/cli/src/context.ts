import { loadConfig, type Config, type ConfigOverrides } from '@budget-ingest/config';
import { createDb, migrate, sanitizeError, type CloseOptions, type DbHandle } from '@budget-ingest/db';
import { createLogger, type Logger } from '@budget-ingest/logger';
// Not the package index: every command opens a context, and the index loads the queues and extractors.
import { createPipelineDeps, type PipelineDeps } from '@budget-ingest/pipeline/deps';

/** Options every command accepts. */
export interface GlobalOptions {
  readonly dataDir?: string;
  readonly logLevel?: string;
}

export interface Context {
  readonly config: Config;
  readonly logger: Logger;
}

export interface DbContext extends Context {
  readonly handle: DbHandle;
  readonly deps: PipelineDeps;
  close(opts?: CloseOptions): Promise<void>;
}

/** The process environment, read here and in main.ts only. */
export interface Runtime {
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  readonly stdoutIsTty: boolean;
}

export function openContext(rt: Runtime, opts: GlobalOptions): Context {
  const overrides: ConfigOverrides = {
    ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}),
    ...(opts.logLevel !== undefined ? { logLevel: opts.logLevel } : {}),
  };
  const config = loadConfig(rt.env, overrides, rt.cwd);
  const logger = createLogger({ level: config.logLevel, format: config.logFormat, name: 'cli' });
  return { config, logger };
}

/**
 * Opens the database (PGlite under the data dir, or DATABASE_URL) and brings
 * its schema up to date, so the zero-setup default needs no separate step.
 */
export async function openDbContext(rt: Runtime, opts: GlobalOptions, { migrateFirst = true } = {}): Promise<DbContext> {
  const ctx = openContext(rt, opts);
  const handle = await createDb({
    databaseUrl: ctx.config.databaseUrl,
    dataDir: ctx.config.dataDir,
    // A Postgres restart breaks idle connections: the pool replaces them on the next query.
    onConnectionError: (err) => ctx.logger.warn({ err: sanitizeError(err) }, 'database connection lost; reconnecting on the next query'),
  });
  try {
    if (migrateFirst) await migrate(handle);
  } catch (err) {
    await handle.close();
    throw err;
  }
  const deps = createPipelineDeps(handle.db, ctx.config, ctx.logger, rt.env.PATH ?? '');
  return { ...ctx, handle, deps, close: (closeOpts) => handle.close(closeOpts) };
}
