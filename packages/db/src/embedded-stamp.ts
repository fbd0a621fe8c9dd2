import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The embedded database's directory under a data dir. */
export function embeddedDatabaseDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}

/** Files of our own beside PGlite's in its directory: the process lock and the `sql` server's address, not database state. */
const NOT_STATE = new Set(['budget-ingest.lock', 'budget-ingest.lock.owner', 'budget-ingest.server.json']);

/**
 * A fingerprint of the embedded database's files: every file's path, size,
 * inode and modification time (nanoseconds), hashed. Any write through
 * Postgres changes at least one of them (a data page, the WAL, pg_control at
 * shutdown), so two equal stamps mean the database holds what it held; it
 * is how a command can reuse an answer computed before without starting
 * PGlite (seconds of WebAssembly). Null when there is no database yet.
 *
 * Take it while holding the directory's lock, after PGlite has closed (its
 * shutdown checkpoint writes): otherwise a writer could slip in between the
 * answer and the stamp.
 */
export function embeddedDatabaseStamp(dir: string): string | null {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const rows: string[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    const rel = relative(dir, path);
    if (NOT_STATE.has(rel.split('/')[0]!)) continue;
    try {
      const s = statSync(path, { bigint: true });
      rows.push(`${rel}\0${s.size}\0${s.ino}\0${s.mtimeNs}`);
    } catch (err) {
      // Removed between the listing and the stat: the database is being written, so no stamp matches.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
  return createHash('sha256').update(rows.sort().join('\n')).digest('hex');
}
