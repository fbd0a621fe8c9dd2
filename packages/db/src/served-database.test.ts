import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { announceServedDatabase, readServedDatabase, SERVED_DATABASE_FILE, servedDatabaseUrl } from './served-database.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'bi-served-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the announcement of a running `sql`', () => {
  it('is found while its process runs, readable by its owner only, and gone once removed', () => {
    const dir = tempDir();
    const remove = announceServedDatabase(dir, { host: '127.0.0.1', port: 5433, password: 'p@ss word' });
    expect(statSync(join(dir, SERVED_DATABASE_FILE)).mode & 0o777).toBe(0o600);
    const served = readServedDatabase(dir);
    expect(served).toEqual({ pid: process.pid, machine: hostname(), host: '127.0.0.1', port: 5433, password: 'p@ss word' });
    expect(servedDatabaseUrl(served!)).toBe('postgresql://postgres:p%40ss%20word@127.0.0.1:5433/postgres?sslmode=disable');
    remove();
    expect(readServedDatabase(dir)).toBeNull();
  });

  it('left behind by a process that is gone (kill -9) is ignored', () => {
    const dir = tempDir();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, SERVED_DATABASE_FILE), JSON.stringify({ pid: Number(gone.stdout), machine: hostname(), host: '127.0.0.1', port: 5433, password: null }));
    expect(readServedDatabase(dir)).toBeNull();
  });

  it("written on another machine (a shared data dir) is not believed here", () => {
    const dir = tempDir();
    writeFileSync(join(dir, SERVED_DATABASE_FILE), JSON.stringify({ pid: process.pid, machine: `${hostname()}-other`, host: '127.0.0.1', port: 5433, password: null }));
    expect(readServedDatabase(dir)).toBeNull();
  });
});
