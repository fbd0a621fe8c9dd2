import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/schema.ts and committed; `budget-ingest migrate` applies them.
export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/db/src/schema.ts',
  out: './migrations',
});
