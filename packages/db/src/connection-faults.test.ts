/**
 * A real Postgres killing our connections (what a restart or
 * pg_terminate_backend does): the process must live on, the next query must
 * work, and what gets printed must be the real cause without secrets.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, noPostgres, type TestDatabase } from '../../../test/support/services.ts';
import { createDb, type DbHandle } from './connect.ts';
import { describeDbError, isTransientDbError, sanitizeError, withDbRetry } from './errors.ts';
import { migrate } from './migrate.ts';

async function terminateBackends(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const r = await admin.query('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    return (r.rows[0] as { n: number }).n;
  } finally {
    await admin.end();
  }
}

async function activeSleeps(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const r = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(5)%' AND state = 'active' AND pid <> pg_backend_pid()`);
    return (r.rows[0] as { n: number }).n;
  } finally {
    await admin.end();
  }
}

describe.skipIf(noPostgres)('connections that Postgres terminates', () => {
  let testDb: TestDatabase;
  let handle: DbHandle;
  const lost: unknown[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    handle = await createDb({ databaseUrl: testDb.url, dataDir: '/nonexistent', maxConnections: 3, onConnectionError: (err) => lost.push(err) });
    await migrate(handle);
  });
  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
  });

  it('are reported to onConnectionError instead of ending the process, and the next query opens a new one', async () => {
    // Three idle connections in the pool, all killed by the server (57P01, as in a restart).
    await Promise.all([1, 2, 3].map(() => handle.db.execute(sql`SELECT pg_sleep(0.05)`)));
    expect(await terminateBackends(testDb.url)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(lost.length).toBeGreaterThan(0);
    expect(isTransientDbError(lost[0])).toBe(true);
    const rows = (await handle.db.execute(sql`SELECT 1 AS one`)) as unknown as { rows: { one: number }[] };
    expect(rows.rows[0]!.one).toBe(1);
  });

  it('fail a statement in flight with a transient error, which withDbRetry runs again to success', async () => {
    let attempts = 0;
    const value = await withDbRetry(
      async () => {
        attempts++;
        if (attempts === 1) {
          let settled = false;
          const running = handle.db.execute(sql`SELECT pg_sleep(5)`).then(
            () => ((settled = true), null),
            (err: unknown) => ((settled = true), err),
          );
          // Kill it once it runs on the server (the connection may still be opening).
          while (!settled && (await activeSleeps(testDb.url)) === 0) await new Promise((r) => setTimeout(r, 50));
          await terminateBackends(testDb.url);
          const failed = await running;
          if (failed) throw failed;
        }
        return 'done';
      },
      { delayMs: 50 },
    );
    expect(value).toBe('done');
    expect(attempts).toBe(2);
  });

  it('sanitizeError drops the client with its cancel key and redacts passwords', async () => {
    const err = lost[0] as Record<string, unknown>;
    // The raw error carries the client, whose secretKey cancels queries on this server.
    expect(err.client).toBeDefined();
    const clean = JSON.stringify(sanitizeError(new Error('wrapped', { cause: err })));
    expect(clean).not.toMatch(/secretKey|processID|client/);
    expect(clean).toContain('57P01');
    expect(JSON.stringify(sanitizeError(new Error('cannot connect to postgres://budget:hunter2@db:5432/x')))).not.toContain('hunter2');
  });
});

describe.skipIf(noPostgres)('a database error shown to the user', () => {
  let testDb: TestDatabase;
  let handle: DbHandle;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    handle = await createDb({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
    await handle.exec('CREATE TABLE t (id int PRIMARY KEY, body text)');
  });
  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
  });

  it('names the server’s reason and the constraint, not only "Failed query: …"', async () => {
    await handle.db.execute(sql`INSERT INTO t VALUES (1, 'a')`);
    const err = await handle.db.execute(sql`INSERT INTO t VALUES (1, 'b')`).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/^Failed query/);
    const shown = describeDbError(err);
    expect(shown).toMatch(/duplicate key value violates unique constraint "t_pkey" \(23505\)/);
    expect(shown).toContain('Key (id)=(1) already exists.');
    expect(shown).toContain('constraint t_pkey');
    expect(isTransientDbError(err)).toBe(false);
  });
});
