import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { embeddedDatabaseDir } from './embedded-stamp.ts';
import { readServedDatabase, servedDatabaseUrl, type ServedDatabase } from './served-database.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A drizzle database over either PGlite or node-postgres; code above this layer cannot tell which. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface DbHandle {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a directory or the URL without its password. */
  readonly location: string;
  /** The embedded PGlite instance (kind 'pglite' only), for serving it over the Postgres wire protocol. */
  readonly pglite?: PGlite;
  /** Runs raw SQL (several statements allowed); for migrations and comments. */
  exec(sql: string): Promise<void>;
  /**
   * Runs `work` on one connection holding the advisory lock named `name`, so
   * that processes doing the same thing at once (workers starting together on
   * a fresh database) take turns instead of colliding.
   */
  withLock<T>(name: string, work: (session: DbSession) => Promise<T>): Promise<T>;
  close(opts?: CloseOptions): Promise<void>;
}

export interface CloseOptions {
  /**
   * Embedded database only: runs once PGlite has shut down and before the
   * directory's lock is released, when no process can write it (to stamp
   * its files: embeddedDatabaseStamp).
   */
  readonly whileLocked?: () => void;
}

/** One connection's view of the database, inside withLock. */
export type DbSession = Pick<DbHandle, 'db' | 'kind' | 'exec'>;

export interface ConnectOptions {
  /** Real Postgres when set. */
  readonly databaseUrl: string | null;
  /** Directory of the embedded database, used when databaseUrl is null. */
  readonly dataDir: string;
  /** Pool size for node-postgres. */
  readonly maxConnections?: number;
  /**
   * Told about a connection that broke while nobody was using it (a Postgres
   * restart, pg_terminate_backend). The pool drops it and opens a new one on
   * the next query; without a listener the error would end the process.
   */
  readonly onConnectionError?: (err: unknown) => void;
}

export async function createDb(opts: ConnectOptions): Promise<DbHandle> {
  if (opts.databaseUrl) return connectPostgres(opts.databaseUrl, opts.maxConnections ?? 5, opts.onConnectionError ?? (() => {}));
  return connectPglite(embeddedDatabaseDir(opts.dataDir), opts.onConnectionError ?? (() => {}));
}


async function connectPostgres(url: string, max: number, onConnectionError: (err: unknown) => void): Promise<DbHandle> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // numeric stays a string (pg's default for OID 1700), so no float ever touches money.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000, keepAlive: true });
  // An idle connection killed by the server is reported on the pool; a checked-out one between two
  // queries on the client itself. Either way the next query fails and is retried by its caller.
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  // Fail fast with a clear message instead of on the first query.
  const client = await pool.connect().catch((err: unknown) => {
    throw new Error(`cannot connect to DATABASE_URL (${redact(url)}): ${(err as Error).message}`, { cause: err });
  });
  client.release();
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    location: redact(url),
    exec: async (sql) => {
      await pool.query(sql);
    },
    async withLock(name, work) {
      // A session-level lock belongs to one connection, so the work runs on that connection too.
      const session = await pool.connect();
      let broken: Error | undefined;
      try {
        await session.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
        try {
          return await work({ db: drizzle(session, { schema }) as unknown as Db, kind: 'postgres', exec: async (sql) => void (await session.query(sql)) });
        } finally {
          // If the unlock fails, the connection is destroyed below (which frees the lock) and the
          // work's own error, if any, is the one that propagates.
          await session.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch((err: Error) => (broken = err));
        }
      } finally {
        session.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

async function connectPglite(dir: string, onConnectionError: (err: unknown) => void): Promise<DbHandle> {
  mkdirSync(dir, { recursive: true });
  // While `sql` serves the database, it is its one owner and every other command its client.
  const served = readServedDatabase(dir);
  if (served) return connectServed(dir, served, onConnectionError);
  let release: () => Promise<void>;
  try {
    release = await lockDataDir(dir);
  } catch (err) {
    // `sql` may have started while we waited for the lock.
    const late = readServedDatabase(dir);
    if (late) return connectServed(dir, late, onConnectionError);
    throw err;
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = await PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] }).catch(async (err: unknown) => {
    await release();
    throw err;
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  const exec = async (sql: string): Promise<void> => void (await client.exec(sql));
  return {
    db,
    kind: 'pglite',
    location: dir,
    pglite: client,
    exec,
    // PGlite is one connection in one process: there is nobody to take turns with.
    withLock: (_name, work) => work({ db, kind: 'pglite', exec }),
    close: async (opts) => {
      try {
        await client.close();
        opts?.whileLocked?.();
      } finally {
        await release();
      }
    },
  };
}

/**
 * The embedded database through the `sql` server that holds it: a Postgres
 * client with one connection, as PGlite is one session (a transaction never
 * waits for a second connection of the same command). The server serves its
 * clients one transaction at a time, so several commands can run at once.
 */
async function connectServed(dir: string, served: ServedDatabase, onConnectionError: (err: unknown) => void): Promise<DbHandle> {
  const where = `the embedded database at ${dir}, through the \`sql\` server of process ${served.pid} on ${served.host}:${served.port}`;
  try {
    const handle = await connectPostgres(servedDatabaseUrl(served), 1, onConnectionError);
    return { ...handle, location: where };
  } catch (err) {
    throw new Error(`cannot reach ${where} (${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}): stop that server or wait for it`, { cause: err });
  }
}

/**
 * PGlite zeroes its whole shared memory at every start, in WebAssembly: with
 * Postgres's default 128 MB of shared buffers that is about a third of a
 * command's start (`status`). 32 MB holds the pages one document's load
 * touches; reads past it come from the OS file cache.
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=32MB'];

/** A held lock is refreshed every half of this; one older than this is a crashed holder's (on another host). */
const LOCK_STALE_MS = 5 * 60_000;

/**
 * PGlite is a whole Postgres inside one process, with no lock of its own: a
 * second process opening the same directory would corrupt it. A lock file
 * keeps it to one process, and tells the second one what to do instead. The
 * holder refreshes the lock from its event loop, which a long synchronous
 * PGlite query blocks: hence minutes, not seconds, before an old lock counts
 * as left behind. But the holder also writes its PID and host beside the
 * lock: a lock whose holder is no longer running on this host is stale at
 * once (a crash, a kill -9), and is taken over with a word on stderr.
 */
async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  // Imported here: only the embedded database needs it (it hooks process exit to clean up).
  const { default: lockfile } = await import('proper-lockfile');
  const lockfilePath = join(dir, 'budget-ingest.lock');
  const ownerPath = `${lockfilePath}.owner`;
  const take = async () => {
    const release = await lockfile.lock(dir, { lockfilePath, stale: LOCK_STALE_MS, retries: { retries: 8, minTimeout: 100, maxTimeout: 1000 } });
    writeFileSync(ownerPath, JSON.stringify({ pid: process.pid, host: hostname() }));
    return async () => {
      rmSync(ownerPath, { force: true });
      await release();
    };
  };
  const left = readOwner(ownerPath);
  if (left && left.host === hostname() && !isRunning(left.pid)) {
    process.stderr.write(`budget-ingest: the embedded database lock at ${lockfilePath} was left by process ${left.pid}, which is no longer running on this host: it is stale, taking it over\n`);
    rmSync(lockfilePath, { recursive: true, force: true });
    rmSync(ownerPath, { force: true });
  }
  try {
    return await take();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    const owner = readOwner(ownerPath);
    const holder = owner ? ` (process ${owner.pid} on ${owner.host === hostname() ? 'this host' : `host ${owner.host}`})` : '';
    throw new Error(
      `the embedded database at ${dir} is in use by another budget-ingest process${holder} (one process at a time can open it): wait for that process or stop it, or set DATABASE_URL to a Postgres server that several processes can share. ` +
        `A lock whose process is gone from this host is taken over at once; otherwise it (${lockfilePath}) expires ${LOCK_STALE_MS / 60_000} minutes after its last refresh.`,
      { cause: err },
    );
  }
}

function readOwner(path: string): { pid: number; host: string } | null {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; host?: unknown };
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host } : null;
  } catch {
    return null;
  }
}

/** Signal 0 checks that a process exists; EPERM means it exists but is another user's. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable url)';
  }
}
