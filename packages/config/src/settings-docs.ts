import { z } from 'zod';
import { envSchema } from './config.ts';

export type SettingName = keyof typeof envSchema.shape;

interface SettingDoc {
  /** What the setting does, for the README's configuration table. */
  readonly meaning: string;
  /** Shown instead of "unset" when the setting has no default of its own (what happens without it). */
  readonly whenUnset?: string;
}

/**
 * The README's configuration table (`npm run docs:settings` writes it): one entry per setting of
 * the schema, so a new setting does not compile until it is documented. Defaults and allowed
 * values come from the schema itself.
 */
export const SETTING_DOCS: { readonly [K in SettingName]: SettingDoc } = {
  DATABASE_URL: { meaning: '`postgres://…` of a Postgres ≥ 15 server. Unset: the embedded PGlite database under the data dir.' },
  REDIS_URL: { meaning: '`redis://…`. Set: `ingest` queues jobs for the workers (requires `DATABASE_URL`). Unset: stages run in-process.' },
  BUDGET_INGEST_DATA_DIR: {
    whenUnset: 'see [The data directory](#the-data-directory)',
    meaning:
      'embedded database (`pglite/`) and local blob store (`blobs/`). One process at a time opens the embedded database (a lock file guards it; a second one is told to wait or to use `DATABASE_URL`), except while `sql` serves it: then every other command goes through `sql`.',
  },
  BUDGET_INGEST_BLOB_DIR: { whenUnset: '`<data dir>/blobs`', meaning: 'content-addressed store of the original files; point every worker at the same shared directory.' },
  LOG_LEVEL: { meaning: 'how much is logged (the CLI on a terminal: `warn` unless set). `--log-level`, `-q` (`error`) and `-v` (`info`; `-vv` `debug`) win over it.' },
  LOG_FORMAT: { meaning: '`auto` is pretty when stderr is a terminal (the CLI\'s: one line per entry), else JSON. Logs go to stderr. `NO_COLOR` (set to anything) turns colours off.' },
  MAX_FILE_BYTES: { meaning: 'larger files are recorded as failed (`too-large`) without being read.' },
  MAX_PAGES: { meaning: 'PDFs with more pages fail with `too-many-pages`.' },
  MAX_SECONDS_PER_DOCUMENT: { meaning: 'extraction time limit (also LibreOffice conversion).' },
  MAX_UNCOMPRESSED_BYTES: { meaning: 'DOCX/XLSX zip-bomb guard: uncompressed bytes of the archive (`zip-bomb`).' },
  MAX_ZIP_ENTRIES: { meaning: 'DOCX/XLSX zip-bomb guard: entries in the archive (a ZIP64 archive over the count is a `zip-bomb` too).' },
  MAX_PDF_STREAM_BYTES: { meaning: 'PDF decompression-bomb guard: inflated bytes of one stream (`decompression-bomb`).' },
  MAX_PDF_INFLATED_BYTES: { meaning: 'PDF decompression-bomb guard: inflated bytes of all streams of a file (`decompression-bomb`).' },
  MAX_PDF_OPERATORS: { meaning: 'most drawing/text operators in one PDF content stream (`too-large`).' },
  MAX_EXTRACT_MEMORY_MB: {
    meaning: 'hard memory limit of the child process that extracts one document, in every mode (embedded run included); over it the document fails `out-of-memory`, the run goes on.',
  },
  SOFFICE_PATH: { whenUnset: 'found on `PATH`', meaning: 'LibreOffice, for legacy `.doc`, `.wps`, `.xls`.' },
  EXTRACT_CONCURRENCY: { meaning: 'extract jobs at once per worker process (each in a pooled child process).' },
  PARSE_CONCURRENCY: { meaning: 'parse jobs at once per worker process.' },
  FETCH_CONCURRENCY: { meaning: 'crawl jobs at once per fetcher process.' },
  QUEUE_PREFIX: { meaning: 'prefix of the BullMQ keys, so several deployments can share a Redis.' },
  SANDBOX_EXTRACT: {
    meaning:
      "also run each extract job in a BullMQ sandboxed process. Extraction and parsing always run in pooled child processes with the memory and time limits, so a heavy PDF never stalls a worker's lock renewal and a crash kills a child, not the worker; this extra layer costs a process per slot (see the pipeline benchmark).",
  },
  S3_BUCKET: { whenUnset: 'unset: the local blob directory', meaning: 'keep the original files in this S3 (or S3-compatible: MinIO) bucket instead of the local blob directory.' },
  S3_ENDPOINT: { whenUnset: 'AWS', meaning: 'endpoint of an S3-compatible store (MinIO …), addressed path-style.' },
  S3_REGION: { meaning: 'the bucket\'s region.' },
  S3_ACCESS_KEY_ID: { whenUnset: 'the AWS SDK\'s default chain', meaning: 'access key of the bucket (with `S3_SECRET_ACCESS_KEY`).' },
  S3_SECRET_ACCESS_KEY: { whenUnset: 'the AWS SDK\'s default chain', meaning: 'secret key of the bucket.' },
  S3_PREFIX: { meaning: 'key prefix inside the bucket.' },
  PORTALS_CONFIG: { meaning: 'the crawler\'s portal list (YAML or JSON), relative to the working directory.' },
  JOB_LOCK_MS: { meaning: "how long a worker's lock on a job lasts without renewal; a killed worker's job is retried after it." },
  STALLED_CHECK_MS: { meaning: 'how often workers look for jobs whose worker died.' },
  SHUTDOWN_TIMEOUT_MS: { meaning: "how long a worker's graceful stop (SIGTERM) may take; then it exits anyway (its running jobs go to other workers when their locks expire)." },
  REDIS_CONNECT_TIMEOUT_MS: { meaning: 'how long `ingest`, `status`, `reparse`, `retry-failed` wait for Redis at start before failing with a message naming `REDIS_URL`.' },
  REDIS_OUTAGE_MS: { meaning: 'how long a running command (`ingest --wait`) rides out Redis being away (a restart) before it gives up.' },
  SQL_PASSWORD: {
    meaning:
      'password `sql` asks of every client (SCRAM-SHA-256; at least 8 characters). Unset: none on loopback; beyond loopback one is generated and printed for the run. Commands on the same data dir read it from the server\'s announcement file, not from you.',
  },
  SQL_IDLE_IN_TRANSACTION_TIMEOUT_MS: {
    meaning:
      'a `sql` client that holds the database (inside a transaction, or half-way through an extended-protocol query) and sends nothing for this long is disconnected (`25P03`) and its transaction rolled back, so the clients waiting behind it go on.',
  },
  SQL_MAX_CONNECTIONS: { meaning: '`sql` connections at once (those still authenticating count); one more gets `53300 too many clients`.' },
  DASHBOARD_TOKEN: { whenUnset: 'generated per run', meaning: 'the token `dashboard` needs for changes (and, beyond loopback, for anything); at least 16 characters.' },
  DASHBOARD_ALLOWED_HOSTS: { meaning: 'extra host names (comma-separated) the dashboard answers to, e.g. the name of a reverse proxy in front of it.' },
  OCR_ENABLED: { meaning: 'read PDF pages without a text layer by OCR; `false` leaves scans `needs_ocr`.' },
  OCR_DPI: { meaning: 'resolution a scanned page is rendered at for the engine.' },
  OCR_LANGUAGE: { meaning: 'Tesseract language data the pages are read with (cells of figures are read again with `eng` when it is installed).' },
  OCR_PAGE_SECONDS: {
    meaning:
      'one page\'s time limit (render and read); past it the page fails with an `ocr-page-failed` warning, the document goes on. A long scan also needs `MAX_SECONDS_PER_DOCUMENT` to cover its pages (about 2–4 s a page per slot).',
  },
  OCR_PAGE_MEMORY_MB: { meaning: 'address-space ceiling of the engine\'s process for one page (through util-linux\'s `prlimit`).' },
  REVIEW_TOKEN: {
    whenUnset: 'unset: `review` makes a token at start and prints it',
    meaning: 'the `review` app\'s write tokens, `name:secret` (secret ≥ 12 characters), comma-separated for several reviewers; the name is recorded as the reviewer of each correction.',
  },
};

const MIB = 1024 * 1024;

/** The default the schema fills in, as shown in the table (bytes also in MiB). */
function defaultOf(name: SettingName): string {
  const field = envSchema.shape[name] as z.ZodType;
  const parsed = field.safeParse(undefined);
  const value: unknown = parsed.success ? parsed.data : undefined;
  if (value === undefined) return SETTING_DOCS[name].whenUnset ?? 'unset';
  if (value === '') return '`""`';
  if (typeof value === 'number') return value >= MIB && value % MIB === 0 ? `${value} (${value / MIB} MiB)` : String(value);
  return `\`${String(value)}\``;
}

/** The values an enum setting takes, from the schema (`true`, `false`, …). */
function allowedOf(name: SettingName): string {
  let field = envSchema.shape[name] as z.ZodType;
  while (field instanceof z.ZodDefault || field instanceof z.ZodOptional) field = field.unwrap() as z.ZodType;
  return field instanceof z.ZodEnum ? `one of ${field.options.map((o) => `\`${String(o)}\``).join(', ')}: ` : '';
}

/** The configuration table of the README, one row per setting in the schema's order. */
export function renderSettingsTable(): string {
  const rows = (Object.keys(envSchema.shape) as SettingName[]).map((name) => `| \`${name}\` | ${defaultOf(name)} | ${allowedOf(name)}${SETTING_DOCS[name].meaning} |`);
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
