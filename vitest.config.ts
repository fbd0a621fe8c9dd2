import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    // Integration tests start PGlite, Postgres databases and BullMQ workers.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Starts a throwaway Postgres and Redis when DATABASE_URL / REDIS_URL are unset, so `npm test` is the whole suite.
    globalSetup: ['test/support/global-services.ts'],
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
