import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * `npm run test:unit`: the packages' own tests that need no service — no Postgres, Redis,
 * LibreOffice or Chromium — for a quick loop while editing (`npm test` is the whole suite, and what
 * CI runs). Left out: test/ (end-to-end runs of the CLI and the corpus), every file that imports
 * test/support/services.ts or own-redis.ts (every Postgres/Redis test does, for its URLs) or names
 * soffice/LibreOffice or Chromium, and the tests of process machinery listed in PROCESS_TESTS.
 */
const NEEDS_A_SERVICE = /support\/(services|own-redis)(\.ts)?['"]|soffice|libreoffice|chromium/i;
/** Tests of child processes and process locks: no service, but half a minute of process starts. */
const PROCESS_TESTS = ['packages/pipeline/src/sandbox/isolated-parse.test.ts', 'packages/db/src/connect.test.ts'];
/** Every *.test.ts under packages/*\/src and services/*\/src. */
function testFiles(): string[] {
  const roots = ['packages', 'services'].flatMap((dir) => readdirSync(dir).map((name) => join(dir, name, 'src')));
  return roots.flatMap((root) => {
    try {
      return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts')).map((f) => join(root, f));
    } catch {
      return []; // a package without src/
    }
  });
}
const needsAService = testFiles().filter((file) => NEEDS_A_SERVICE.test(readFileSync(file, 'utf8')));

export default defineConfig({
  test: {
    ...base.test,
    include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...needsAService, ...PROCESS_TESTS],
    // No throwaway Postgres and Redis: nothing here uses them.
    globalSetup: [],
    env: { BUDGET_INGEST_TEST_SERVICES: 'off' },
  },
});
