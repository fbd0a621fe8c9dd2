import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// The subpath, not the package index: a cache hit loads no database code at all.
import { embeddedDatabaseStamp } from '@budget-ingest/db/embedded-stamp';

/**
 * `status` on the embedded database keeps its last answer beside the
 * database, with the stamp of the database's files taken while it still held
 * the lock. While the stamp still matches, nothing has written the database
 * since (an ingest, a reparse, psql through `sql`: all go through Postgres,
 * which writes files), so the answer is still true and is printed without
 * starting PGlite, which costs seconds of WebAssembly. Any mismatch, a
 * missing or unreadable file, or another format: the database is read.
 */
const FORMAT = 1;
const FILE = 'status-cache.json';

interface CacheFile<T> {
  readonly format: number;
  readonly stamp: string;
  readonly report: T;
}

export function readStatusCache<T>(dataDir: string, databaseDir: string): T | null {
  let cached: CacheFile<T>;
  try {
    cached = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as CacheFile<T>;
  } catch {
    return null;
  }
  if (cached.format !== FORMAT || typeof cached.stamp !== 'string') return null;
  return embeddedDatabaseStamp(databaseDir) === cached.stamp ? cached.report : null;
}

/** Call while the database is closed and its lock still held (DbHandle.close's whileLocked). */
export function writeStatusCache<T>(dataDir: string, databaseDir: string, report: T): void {
  const stamp = embeddedDatabaseStamp(databaseDir);
  if (stamp === null) return;
  const path = join(dataDir, FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify({ format: FORMAT, stamp, report } satisfies CacheFile<T>));
    renameSync(tmp, path);
  } catch {
    // A cache that cannot be written (read-only data dir) only costs the next `status` its speed.
  }
}
