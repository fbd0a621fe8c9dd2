import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm run check:schema`'s script on a migrations folder: exit code and what it printed. */
function checkSchema(migrations: string): { code: number; output: string } {
  try {
    const out = execFileSync(process.execPath, ['scripts/check-schema.mjs', '--migrations', migrations], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    return { code: 0, output: out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, output: `${err.stdout}${err.stderr}` };
  }
}

function copyOfMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bi-migrations-'));
  copies.push(dir);
  cpSync(join(root, 'migrations'), dir, { recursive: true });
  return dir;
}

describe('check:schema', () => {
  it('passes on the committed schema and migrations: drizzle-kit generate writes nothing', () => {
    const result = checkSchema('migrations');
    expect(result.output).toContain('drizzle-kit generate writes nothing');
    expect(result.code).toBe(0);
  });

  it('fails, showing the SQL, when the latest snapshot lags the schema (a hand-written migration without db:snapshot)', () => {
    const dir = copyOfMigrations();
    const latest = JSON.parse(readFileSync(join(dir, 'meta/0012_snapshot.json'), 'utf8')) as { id: string; prevId: string };
    const before = JSON.parse(readFileSync(join(dir, 'meta/0011_snapshot.json'), 'utf8')) as object;
    writeFileSync(join(dir, 'meta/0012_snapshot.json'), JSON.stringify({ ...before, id: latest.id, prevId: latest.prevId }));
    const result = checkSchema(dir);
    expect(result.code).toBe(1);
    expect(result.output).toContain('CREATE TABLE "corrections"');
  });

  it('fails when a journal entry has no snapshot', () => {
    const dir = copyOfMigrations();
    rmSync(join(dir, 'meta/0007_snapshot.json'));
    const result = checkSchema(dir);
    expect(result.code).toBe(1);
    expect(result.output).toContain('0007_value_verification has no snapshot');
  });
});
