/**
 * Database errors as the rest of the program needs them: is it worth
 * retrying, what was its real cause, and a copy safe to print.
 */

/**
 * SQLSTATEs that say "the server or the connection went away, or lost a race",
 * not "your statement is wrong": a Postgres restart or pg_terminate_backend
 * (57P01–57P03), a broken connection (08…), a serialization failure or
 * deadlock (40001, 40P01), too many connections (53300).
 */
const TRANSIENT_SQLSTATES: ReadonlySet<string> = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '40001', '40P01', '53300']);
const TRANSIENT_SOCKET_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres reports a dropped socket with these messages and no code. */
const TRANSIENT_MESSAGES = /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect/i;

/** The chain err, err.cause, err.cause.cause… (drizzle wraps the pg error in a DrizzleQueryError). */
function causes(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = err; e !== null && e !== undefined && out.length < 8; e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

/** True when retrying the same work on a new connection may well succeed. */
export function isTransientDbError(err: unknown): boolean {
  return causes(err).some((e) => {
    if (typeof e !== 'object' || e === null) return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_SOCKET_CODES.has(code))) return true;
    return TRANSIENT_MESSAGES.test(String((e as { message?: unknown }).message ?? ''));
  });
}

/**
 * One line that says what went wrong: drizzle's "Failed query: insert into …"
 * hides the server's reason in `cause`; this puts the reason first, with its
 * SQLSTATE, detail and constraint, and keeps the failed statement's first
 * words (never its parameters, which can be whole documents).
 */
export function describeDbError(err: unknown): string {
  const chain = causes(err);
  const pgErr = chain.find((e): e is PgErrorFields => typeof e === 'object' && e !== null && typeof (e as PgErrorFields).code === 'string' && 'severity' in e);
  const top = chain[0] instanceof Error ? chain[0].message : String(chain[0]);
  if (!pgErr) return redactSecrets(top);
  const parts = [`${pgErr.message} (${pgErr.code})`];
  if (pgErr.detail) parts.push(pgErr.detail);
  if (pgErr.constraint) parts.push(`constraint ${pgErr.constraint}`);
  const query = /^Failed query: (.*)/s.exec(top)?.[1];
  if (query) parts.push(`in: ${firstLine(query).slice(0, 80)}`);
  return redactSecrets(parts.join('; '));
}

interface PgErrorFields {
  readonly message: string;
  readonly code: string;
  readonly detail?: string;
  readonly constraint?: string;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? '';
}

/** Passwords in connection URLs (`postgres://user:pw@host`, `redis://:pw@host`) become ***. */
export function redactSecrets(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)([^\s@/]+)@/gi, '$1***@');
}

/** Properties a node-postgres error carries that must never reach a log: the client holds the connection's cancel key (secretKey) and its password. */
const SECRET_KEYS: ReadonlySet<string> = new Set(['client', 'connection', 'secretKey', 'password', 'connectionParameters', 'options']);

/**
 * A copy of an error fit for logs and crash output: its name, message,
 * stack, code and the harmless fields of a pg error, each cause sanitized in
 * turn; passwords in URLs redacted; the pg client (cancel key, password) dropped.
 */
export function sanitizeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error) && (typeof err !== 'object' || err === null)) return { message: redactSecrets(String(err)) };
  const e = err as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { name: e.name, message: redactSecrets(String(e.message ?? '')) };
  for (const [k, v] of Object.entries(e)) {
    if (SECRET_KEYS.has(k) || k === 'cause' || v === undefined) continue;
    if (typeof v === 'string') out[k] = redactSecrets(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  if (typeof e.stack === 'string') out.stack = redactSecrets(e.stack);
  if (e.cause !== undefined && depth < 5) out.cause = sanitizeError(e.cause, depth + 1);
  return out;
}

/** Runs `work`, again after a pause when it fails with a transient database error, up to `attempts` times. */
export async function withDbRetry<T>(work: () => Promise<T>, opts: { attempts?: number; delayMs?: number; onRetry?: (err: unknown, attempt: number) => void } = {}): Promise<T> {
  const attempts = opts.attempts ?? 6;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isTransientDbError(err)) throw err;
      opts.onRetry?.(err, attempt);
      // 0.5 s, 1 s, 2 s, 4 s, 8 s: long enough for a Postgres restart.
      await new Promise((r) => setTimeout(r, (opts.delayMs ?? 500) * 2 ** (attempt - 1)));
    }
  }
}
