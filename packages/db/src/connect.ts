import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
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
  close(): Promise<void>;
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
}

export async function createDb(opts: ConnectOptions): Promise<DbHandle> {
  if (opts.databaseUrl) return connectPostgres(opts.databaseUrl, opts.maxConnections ?? 5);
  return connectPglite(join(opts.dataDir, 'pglite'));
}

async function connectPostgres(url: string, max: number): Promise<DbHandle> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // numeric stays a string (pg's default for OID 1700), so no float ever touches money.
  const pool = new pg.Pool({ connectionString: url, max });
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

async function connectPglite(dir: string): Promise<DbHandle> {
  mkdirSync(dir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const release = await lockDataDir(dir);
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
    close: async () => {
      try {
        await client.close();
      } finally {
        await release();
      }
    },
  };
}

/**
 * PGlite zeroes its whole shared memory at every start, in WebAssembly: with
 * Postgres's default 128 MB of shared buffers that is about a third of a
 * command's start (`status`). 32 MB holds the pages one document's load
 * touches; reads past it come from the OS file cache.
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=32MB'];

/** A held lock is refreshed every half of this; one older than this is a crashed holder's. */
const LOCK_STALE_MS = 5 * 60_000;

/**
 * PGlite is a whole Postgres inside one process, with no lock of its own: a
 * second process opening the same directory would corrupt it. A lock file
 * keeps it to one process, and tells the second one what to do instead. The
 * holder refreshes the lock from its event loop, which a long synchronous
 * PGlite query blocks: hence minutes, not seconds, before a lock counts as
 * left behind by a crash.
 */
async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  // Imported here: only the embedded database needs it (it hooks process exit to clean up).
  const { default: lockfile } = await import('proper-lockfile');
  const lockfilePath = join(dir, 'budget-ingest.lock');
  try {
    return await lockfile.lock(dir, { lockfilePath, stale: LOCK_STALE_MS, retries: { retries: 8, minTimeout: 100, maxTimeout: 1000 } });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    throw new Error(
      `the embedded database at ${dir} is in use by another budget-ingest process (one process at a time can open it): wait for that process or stop it, or set DATABASE_URL to a Postgres server that several processes can share. ` +
        `If that process crashed, its lock (${lockfilePath}) expires ${LOCK_STALE_MS / 60_000} minutes after it stopped.`,
      { cause: err },
    );
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
