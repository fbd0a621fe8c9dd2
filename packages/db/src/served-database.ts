import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * While `sql` serves the embedded database, it is the one process that has
 * it open: every other command goes through its socket instead, as a client
 * of a Postgres server. This file, beside the directory's lock, is how they
 * find it: where it listens and the password, readable by the data dir's
 * owner only.
 */
export interface ServedDatabase {
  readonly pid: number;
  /** The machine the server runs on: the file is only believed there. */
  readonly machine: string;
  /** An address this machine reaches the server at (loopback when it listens on every address). */
  readonly host: string;
  readonly port: number;
  readonly password: string | null;
}

export const SERVED_DATABASE_FILE = 'budget-ingest.server.json';

/** Writes the announcement (mode 0600); the returned function removes it. */
export function announceServedDatabase(dir: string, served: Omit<ServedDatabase, 'pid' | 'machine'>): () => void {
  const path = join(dir, SERVED_DATABASE_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ ...served, pid: process.pid, machine: hostname() } satisfies ServedDatabase), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  return () => rmSync(path, { force: true });
}

/** The server of the embedded database in `dir`, when one is running on this machine; null otherwise (none, or one left by a dead process). */
export function readServedDatabase(dir: string): ServedDatabase | null {
  let s: Partial<ServedDatabase>;
  try {
    s = JSON.parse(readFileSync(join(dir, SERVED_DATABASE_FILE), 'utf8')) as Partial<ServedDatabase>;
  } catch {
    return null;
  }
  if (typeof s.pid !== 'number' || typeof s.port !== 'number' || typeof s.host !== 'string' || s.machine !== hostname()) return null;
  if (!isRunning(s.pid)) return null;
  return { pid: s.pid, machine: s.machine, host: s.host, port: s.port, password: typeof s.password === 'string' ? s.password : null };
}

export function servedDatabaseUrl(s: ServedDatabase): string {
  const host = s.host.includes(':') ? `[${s.host}]` : s.host;
  const auth = s.password === null ? 'postgres' : `postgres:${encodeURIComponent(s.password)}`;
  return `postgresql://${auth}@${host}:${s.port}/postgres?sslmode=disable`;
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
