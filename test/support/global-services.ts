/**
 * Vitest global setup: the README's one test command runs the whole suite. When DATABASE_URL and
 * REDIS_URL are not set (a newcomer's machine), it starts a throwaway Postgres and Redis on loopback
 * with scripts/test-services.sh (which installs postgresql and redis-server with apt-get when they
 * are missing and it runs as root, as CI does) and stops them when the run ends. Set
 * BUDGET_INGEST_TEST_SERVICES=off to run without them: the integration tests are then skipped
 * (never under CI=true, where test/support/services.ts fails instead).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../scripts/test-services.sh', import.meta.url));

export default function setup(): (() => void) | undefined {
  if (process.env.DATABASE_URL && process.env.REDIS_URL) return undefined;
  if (process.env.BUDGET_INGEST_TEST_SERVICES === 'off') return undefined;
  const exports = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  // Lines of the form: export NAME='value'. Test workers are forked after this and inherit process.env.
  for (const m of exports.matchAll(/^export (\w+)='([^']*)'$/gm)) process.env[m[1]!] = m[2]!;
  const dir = process.env.TEST_SERVICES_DIR;
  if (!dir) throw new Error(`scripts/test-services.sh start printed no TEST_SERVICES_DIR:\n${exports}`);
  console.error(`test services: postgres ${process.env.DATABASE_URL}, redis ${process.env.REDIS_URL} (stopped at the end)`);
  return () => {
    execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: 'inherit' });
  };
}
