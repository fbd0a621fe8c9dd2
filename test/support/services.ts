/**
 * Real Postgres and Redis for integration tests. The servers come from
 * DATABASE_URL / REDIS_URL (`.ci/run` and `scripts/test-services.sh start`
 * set them). Without them a test is skipped locally, but fails under CI=true:
 * a CI run must never pass by skipping the tests that matter.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const serverDatabaseUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? null;
export const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? null;
const inCi = process.env.CI === 'true' || process.env.CI === '1';

if (inCi && !serverDatabaseUrl) throw new Error('CI=true but DATABASE_URL is not set: integration tests need a real Postgres');
if (inCi && !redisUrl) throw new Error('CI=true but REDIS_URL is not set: integration tests need a real Redis');

/** True when the test must be skipped (never under CI). */
export const noPostgres = serverDatabaseUrl === null;
export const noRedis = redisUrl === null;

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the test server, so tests never see each other's rows. */
export async function createTestDatabase(prefix = 'bi_test'): Promise<TestDatabase> {
  if (!serverDatabaseUrl) throw new Error('no DATABASE_URL for integration tests');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverDatabaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A unique prefix for BullMQ queues, so parallel tests never share jobs. */
export function uniqueQueuePrefix(): string {
  return `bi-test-${randomBytes(6).toString('hex')}`;
}
