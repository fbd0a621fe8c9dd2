import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadConfig, type Config, type ConfigOverrides } from '@budget-ingest/config';
import { createDb, migrate, sanitizeError, type CloseOptions, type DbHandle } from '@budget-ingest/db';
import { createLogger, type Logger } from '@budget-ingest/logger';
// Not the package index: every command opens a context, and the index loads the queues and extractors.
import { createPipelineDeps, type PipelineDeps } from '@budget-ingest/pipeline/deps';

/** Options every command accepts. */
export interface GlobalOptions {
  readonly dataDir?: string;
  readonly logLevel?: string;
  /** -q: nothing but errors and the summary. */
  readonly quiet?: boolean;
  /** -v (info logs), -vv (debug). */
  readonly verbose?: number;
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
  /** stderr is a terminal: logs are then one pretty line each, and only warnings unless asked. */
  readonly stderrIsTty?: boolean;
  /** The progress bar under the lines (the screen's), when stdout is a terminal. */
  readonly bar?: (text: string | null) => void;
  /** stdout's bytes as they are (`export --out -`: a CSV or Parquet file piped on); tests capture through stdout instead. */
  readonly rawStdout?: { write(body: string | Uint8Array): Promise<void> };
}

/** Colours only on a terminal, and never when NO_COLOR is set to anything (no-color.org). */
export function colorAllowed(rt: Runtime): boolean {
  return rt.stderrIsTty === true && (rt.env.NO_COLOR ?? '') === '';
}

/**
 * The log level a command runs at: --log-level, else -q / -v, else LOG_LEVEL, else `warn` on a
 * terminal (the lines and the bar say what happens; logs when asked) and `info` when stderr is
 * piped or collected, as before.
 */
export function logLevelFor(rt: Runtime, opts: GlobalOptions): string | undefined {
  if (opts.logLevel !== undefined) return opts.logLevel;
  if (opts.quiet) return 'error';
  if ((opts.verbose ?? 0) >= 2) return 'debug';
  if ((opts.verbose ?? 0) === 1) return 'info';
  if ((rt.env.LOG_LEVEL ?? '') !== '') return undefined;
  return rt.stderrIsTty ? 'warn' : undefined;
}

/** The data directory and what chose it, as printed: `/p/data (from /p/budget-ingest.json)`. */
export function dataDirText(config: Config): string {
  const why = {
    flag: '--data-dir',
    env: 'BUDGET_INGEST_DATA_DIR',
    'project-file': `from ${config.projectFile ?? 'budget-ingest.json'}`,
    default: './data of the current folder: no budget-ingest.json here or above',
  }[config.dataDirFrom];
  return `${config.dataDir} (${why})`;
}

export function openContext(rt: Runtime, opts: GlobalOptions): Context {
  const overrides: ConfigOverrides = {
    ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}),
  };
  const level = logLevelFor(rt, opts);
  const config = loadConfig(rt.env, { ...overrides, ...(level !== undefined ? { logLevel: level } : {}) }, rt.cwd);
  // Through the CLI's stderr writer, synchronously: a log line is never drawn into the bar, nor printed after the summary.
  const logger = createLogger({ level: config.logLevel, format: config.logFormat, name: 'cli', sink: rt.stderr, sinkIsTty: rt.stderrIsTty === true, colorize: colorAllowed(rt) });
  return { config, logger };
}

/**
 * Opens the database (PGlite under the data dir, or DATABASE_URL) and brings
 * its schema up to date, so the zero-setup default needs no separate step.
 */
export async function openDbContext(rt: Runtime, opts: GlobalOptions, { migrateFirst = true } = {}): Promise<DbContext> {
  const ctx = openContext(rt, opts);
  // A new embedded database where nobody named one (./data, a project file's) is never made silently:
  // a command run from another folder than usual says so before it starts.
  const chosen = ctx.config.dataDirFrom === 'flag' || ctx.config.dataDirFrom === 'env';
  if (ctx.config.databaseUrl === null && !chosen && !existsSync(join(ctx.config.dataDir, 'pglite'))) {
    rt.stderr(`budget-ingest: creating a new embedded database in ${dataDirText(ctx.config)}`);
  }
  // A new embedded database is created and migrated in a short-lived child (`migrate`): PGlite's
  // initdb and the migrations grow its WebAssembly memory to about 800 MB, which a process never
  // gives back, and this process would then carry it through the whole run beside its extraction
  // children. Opened afterwards, the same database costs this process about 300 MB.
  if (ctx.config.databaseUrl === null && migrateFirst && !existsSync(join(ctx.config.dataDir, 'pglite'))) await migrateInChild(ctx.config.dataDir, rt.env);
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

/** `budget-ingest migrate --data-dir DIR` in a child process; its error (if any) becomes this command's. */
async function migrateInChild(dataDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const bin = join(dirname(createRequire(import.meta.url).resolve('@budget-ingest/cli/package.json')), 'bin/budget-ingest.mjs');
  const child = spawn(process.execPath, [bin, 'migrate', '--data-dir', dataDir, '--log-level', 'error'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(stderr.trim().replace(/^budget-ingest: /, '') || `creating the embedded database in ${dataDir} failed (exit ${String(code)})`);
}
