import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from './connect.ts';

describe('the embedded PGlite database', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('is opened by one handle at a time; a second gets a message that says what to do, and opens once the first closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bi-lock-'));
    dirs.push(dir);
    const first = await createDb({ databaseUrl: null, dataDir: dir });
    await expect(createDb({ databaseUrl: null, dataDir: dir })).rejects.toThrow(/in use by another budget-ingest process.*DATABASE_URL/s);
    await first.db.execute(sql`CREATE TABLE kept (n int)`);
    await first.close();
    const second = await createDb({ databaseUrl: null, dataDir: dir });
    try {
      // The first handle's table is there for the second.
      expect(((await second.db.execute(sql`SELECT count(*)::int AS n FROM kept`)) as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
    } finally {
      await second.close();
    }
  }, 60_000);
});
