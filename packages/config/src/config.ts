import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from '@budget-ingest/doc-model';
import { findProjectFile, ProjectFileError } from './project-file.ts';

/**
 * Every setting the product reads, validated once at start-up. Nothing else
 * in the codebase reads `process.env`: services and the CLI build this object
 * and pass it down, so a wrong setting fails at start with its name, not
 * mid-job.
 */
const bytes = z.coerce.number().int().positive();

export const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  BUDGET_INGEST_DATA_DIR: z.string().min(1).optional(),
  BUDGET_INGEST_BLOB_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty', 'auto']).default('auto'),
  MAX_FILE_BYTES: bytes.default(DEFAULT_EXTRACT_LIMITS.maxFileBytes),
  MAX_PAGES: z.coerce.number().int().positive().default(DEFAULT_EXTRACT_LIMITS.maxPages),
  MAX_SECONDS_PER_DOCUMENT: z.coerce.number().positive().default(DEFAULT_EXTRACT_LIMITS.maxSecondsPerDocument),
  MAX_UNCOMPRESSED_BYTES: bytes.default(DEFAULT_EXTRACT_LIMITS.maxUncompressedBytes),
  MAX_ZIP_ENTRIES: z.coerce.number().int().positive().default(DEFAULT_EXTRACT_LIMITS.maxZipEntries),
  MAX_PDF_STREAM_BYTES: bytes.default(DEFAULT_EXTRACT_LIMITS.maxPdfStreamBytes),
  MAX_PDF_INFLATED_BYTES: bytes.default(DEFAULT_EXTRACT_LIMITS.maxPdfInflatedBytes),
  MAX_PDF_OPERATORS: z.coerce.number().int().positive().default(DEFAULT_EXTRACT_LIMITS.maxPdfOperators),
  MAX_EXTRACT_MEMORY_MB: z.coerce.number().int().min(128).default(DEFAULT_EXTRACT_LIMITS.maxExtractMemoryMb),
  SOFFICE_PATH: z.string().min(1).optional(),
  EXTRACT_CONCURRENCY: z.coerce.number().int().positive().default(2),
  PARSE_CONCURRENCY: z.coerce.number().int().positive().default(4),
  FETCH_CONCURRENCY: z.coerce.number().int().positive().default(4),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only').default('budget-ingest'),
  SANDBOX_EXTRACT: z.enum(['true', 'false', '1', '0']).default('false'),
  S3_BUCKET: z.string().min(3).optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_PREFIX: z.string().default(''),
  PORTALS_CONFIG: z.string().min(1).default('config/portals.yaml'),
  JOB_LOCK_MS: z.coerce.number().int().min(1000).default(60_000),
  STALLED_CHECK_MS: z.coerce.number().int().min(500).default(30_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  REDIS_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  REDIS_OUTAGE_MS: z.coerce.number().int().min(100).default(120_000),
  SQL_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
  SQL_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  SQL_MAX_CONNECTIONS: z.coerce.number().int().positive().default(16),
  DASHBOARD_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  DASHBOARD_ALLOWED_HOSTS: z.string().optional(),
  OCR_ENABLED: z.enum(['true', 'false', '1', '0']).default('true'),
  OCR_DPI: z.coerce.number().int().min(100).max(600).default(200),
  OCR_LANGUAGE: z.string().regex(/^[A-Za-z_]+(\+[A-Za-z_]+)*$/, 'Tesseract language names joined by +').default('chi_sim'),
  OCR_PAGE_SECONDS: z.coerce.number().positive().default(60),
  OCR_PAGE_MEMORY_MB: z.coerce.number().int().min(256).default(1024),
  REVIEW_TOKEN: z
    .string()
    .regex(/^[^:,]+:[^,:]{12,}(,[^:,]+:[^,:]{12,})*$/, 'label:secret (the secret at least 12 characters), comma-separated for several reviewers')
    .optional(),
});

export type Env = Record<string, string | undefined>;

/** The extraction ceilings (MAX_* settings); defaults in doc-model's DEFAULT_EXTRACT_LIMITS. */
export type Limits = ExtractLimits;

export interface Config {
  /** Real Postgres when set; otherwise the embedded PGlite database under `dataDir`. */
  readonly databaseUrl: string | null;
  /** BullMQ queues when set; otherwise stages run in-process. */
  readonly redisUrl: string | null;
  /** Absolute directory of the embedded database and the local blob store. */
  readonly dataDir: string;
  /**
   * What chose dataDir: the --data-dir flag, BUDGET_INGEST_DATA_DIR, the nearest budget-ingest.json /
   * .budget-ingest (`projectFile`), or the default `./data` of the current folder.
   */
  readonly dataDirFrom: 'flag' | 'env' | 'project-file' | 'default';
  readonly projectFile: string | null;
  /** Absolute directory of the content-addressed blob store. */
  readonly blobDir: string;
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  readonly logFormat: 'json' | 'pretty' | 'auto';
  readonly limits: Limits;
  readonly sofficePath: string | null;
  readonly concurrency: { readonly extract: number; readonly parse: number; readonly fetch: number };
  /** Prefix of every BullMQ key in Redis (several deployments can share one Redis). */
  readonly queuePrefix: string;
  /**
   * Run each extract job in a BullMQ sandboxed process as well (off by default). Extraction (and
   * parsing) already runs in a pooled child with memory and time limits (pipeline/src/sandbox), so
   * the worker's event loop stays free without it; the Redis-restart hand-off race once seen without
   * it is closed by `ingest --wait` queueing the next stage of a job that failed after its stage committed.
   */
  readonly sandboxExtract: boolean;
  /** How long a worker's lock on a job lasts without renewal; a killed worker's job is retried after it. */
  readonly jobLockMs: number;
  /** How often workers look for jobs whose worker died. */
  readonly stalledCheckMs: number;
  /** How long a worker's graceful stop (SIGTERM) may take before the process exits anyway. */
  readonly shutdownTimeoutMs: number;
  /** How long a command waits for Redis when it starts before it gives up naming REDIS_URL. */
  readonly redisConnectTimeoutMs: number;
  /** How long a running command (`ingest --wait`) rides out Redis being away (a restart) before it gives up. */
  readonly redisOutageMs: number;
  /** Absolute path of the crawler's portal list (YAML or JSON). */
  readonly portalsConfig: string;
  /** S3-compatible blob store (MinIO, AWS S3) when S3_BUCKET is set; else the local blob directory. */
  readonly s3: S3Settings | null;
  /** How pages without a text layer are read (packages/ocr: Tesseract + poppler). */
  readonly ocr: OcrConfig;
  /** The `sql` server (the embedded database over the Postgres protocol). */
  readonly sql: SqlServerSettings;
  /** The `dashboard` (bull-board) server. */
  readonly dashboard: DashboardSettings;
  /** REVIEW_TOKEN: the review app's write tokens, `label:secret,…`; the label is the reviewer's name. Null: `review` makes one. */
  readonly reviewToken: string | null;
}

export interface SqlServerSettings {
  /** Asked of every client when set; off loopback, one is generated when it is not. */
  readonly password: string | null;
  /** A client holding the database in a transaction with no message for this long is disconnected and rolled back. */
  readonly idleInTransactionTimeoutMs: number;
  readonly maxConnections: number;
}

export interface DashboardSettings {
  /** Needed for any change (pause, retry, clean, empty) and, off loopback, to see anything; generated when unset. */
  readonly token: string | null;
  /** Host names (beyond the loopback names and this machine's addresses) the dashboard answers to. */
  readonly allowedHosts: readonly string[];
}

export interface OcrConfig {
  /** OCR_ENABLED (default true): off, a scanned PDF stays `needs_ocr`. */
  readonly enabled: boolean;
  /** OCR_DPI (default 200): resolution a page is rendered at for the engine. */
  readonly dpi: number;
  /** OCR_LANGUAGE (default chi_sim): Tesseract language data to read with. */
  readonly language: string;
  /** OCR_PAGE_SECONDS (default 60): one page's time limit; past it the page fails with a warning. */
  readonly pageSeconds: number;
  /** OCR_PAGE_MEMORY_MB (default 1024): the engine process's address-space ceiling per page. */
  readonly pageMemoryMb: number;
}

export interface S3Settings {
  readonly bucket: string;
  /** Custom endpoint for MinIO and other S3-compatible stores (path-style addressing). */
  readonly endpoint: string | null;
  readonly region: string;
  readonly accessKeyId: string | null;
  readonly secretAccessKey: string | null;
  /** Key prefix inside the bucket. */
  readonly prefix: string;
}

/** Settings given on the command line; they win over the environment. */
export interface ConfigOverrides {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly logLevel?: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: readonly string[]) {
    super(`invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}

export function loadConfig(env: Env, overrides: ConfigOverrides = {}, cwd: string = process.cwd()): Config {
  const fromEnv = (env.BUDGET_INGEST_DATA_DIR ?? '') !== '';
  const merged: Env = {
    ...env,
    ...(overrides.dataDir !== undefined ? { BUDGET_INGEST_DATA_DIR: overrides.dataDir } : {}),
    ...(overrides.databaseUrl !== undefined ? { DATABASE_URL: overrides.databaseUrl } : {}),
    ...(overrides.logLevel !== undefined ? { LOG_LEVEL: overrides.logLevel } : {}),
  };
  // An empty variable (`DATABASE_URL=`) means "not set", as shells and compose files produce them.
  for (const [k, v] of Object.entries(merged)) if (v === '') delete merged[k];
  const parsed = envSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const e = parsed.data;
  // Flag, then environment, then the nearest project file upwards, then ./data.
  const project = e.BUDGET_INGEST_DATA_DIR === undefined ? projectFileOrConfigError(cwd) : null;
  const dataDir = e.BUDGET_INGEST_DATA_DIR !== undefined ? resolve(cwd, e.BUDGET_INGEST_DATA_DIR) : (project?.dataDir ?? resolve(cwd, 'data'));
  const dataDirFrom = overrides.dataDir !== undefined ? 'flag' : fromEnv ? 'env' : project ? 'project-file' : 'default';
  return {
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    dataDir,
    dataDirFrom,
    projectFile: project?.path ?? null,
    blobDir: resolve(cwd, e.BUDGET_INGEST_BLOB_DIR ?? `${dataDir}/blobs`),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    limits: {
      maxFileBytes: e.MAX_FILE_BYTES,
      maxPages: e.MAX_PAGES,
      maxSecondsPerDocument: e.MAX_SECONDS_PER_DOCUMENT,
      maxUncompressedBytes: e.MAX_UNCOMPRESSED_BYTES,
      maxZipEntries: e.MAX_ZIP_ENTRIES,
      maxPdfStreamBytes: e.MAX_PDF_STREAM_BYTES,
      maxPdfInflatedBytes: e.MAX_PDF_INFLATED_BYTES,
      maxPdfOperators: e.MAX_PDF_OPERATORS,
      maxExtractMemoryMb: e.MAX_EXTRACT_MEMORY_MB,
    },
    sofficePath: e.SOFFICE_PATH ?? null,
    concurrency: { extract: e.EXTRACT_CONCURRENCY, parse: e.PARSE_CONCURRENCY, fetch: e.FETCH_CONCURRENCY },
    queuePrefix: e.QUEUE_PREFIX,
    sandboxExtract: e.SANDBOX_EXTRACT === 'true' || e.SANDBOX_EXTRACT === '1',
    jobLockMs: e.JOB_LOCK_MS,
    stalledCheckMs: e.STALLED_CHECK_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    redisConnectTimeoutMs: e.REDIS_CONNECT_TIMEOUT_MS,
    redisOutageMs: e.REDIS_OUTAGE_MS,
    portalsConfig: resolve(cwd, e.PORTALS_CONFIG),
    s3: e.S3_BUCKET
      ? { bucket: e.S3_BUCKET, endpoint: e.S3_ENDPOINT ?? null, region: e.S3_REGION, accessKeyId: e.S3_ACCESS_KEY_ID ?? null, secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? null, prefix: e.S3_PREFIX }
      : null,
    ocr: {
      enabled: e.OCR_ENABLED === 'true' || e.OCR_ENABLED === '1',
      dpi: e.OCR_DPI,
      language: e.OCR_LANGUAGE,
      pageSeconds: e.OCR_PAGE_SECONDS,
      pageMemoryMb: e.OCR_PAGE_MEMORY_MB,
    },
    sql: { password: e.SQL_PASSWORD ?? null, idleInTransactionTimeoutMs: e.SQL_IDLE_IN_TRANSACTION_TIMEOUT_MS, maxConnections: e.SQL_MAX_CONNECTIONS },
    dashboard: {
      token: e.DASHBOARD_TOKEN ?? null,
      allowedHosts: (e.DASHBOARD_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter((h) => h !== ''),
    },
    reviewToken: e.REVIEW_TOKEN ?? null,
  };
}

/** A broken project file stops the program like a wrong variable does, naming the file. */
function projectFileOrConfigError(cwd: string): ReturnType<typeof findProjectFile> {
  try {
    return findProjectFile(cwd);
  } catch (err) {
    if (err instanceof ProjectFileError) throw new ConfigError([err.message]);
    throw err;
  }
}

/**
 * Queues need every worker to see the same database: the embedded PGlite
 * lives in one process's data dir, so REDIS_URL requires DATABASE_URL.
 */
export function assertQueueMode(cfg: Config): { redisUrl: string; databaseUrl: string } {
  if (!cfg.redisUrl) throw new ConfigError(['REDIS_URL: required to run workers or enqueue jobs']);
  if (!cfg.databaseUrl) throw new ConfigError(['DATABASE_URL: REDIS_URL is set, but workers on other processes cannot share the embedded database; set DATABASE_URL to a Postgres server (or unset REDIS_URL to run in-process)']);
  return { redisUrl: cfg.redisUrl, databaseUrl: cfg.databaseUrl };
}

