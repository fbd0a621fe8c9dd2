#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm ci`), or the TypeScript sources
// through tsx when that build is missing or older than the sources (see
// scripts/load-entry.mjs): a stale build never runs.
import { loadEntry } from '../../../scripts/load-entry.mjs';

const { main } = await loadEntry('cli', new URL('../src/main.ts', import.meta.url), (reason) =>
  process.stderr.write(`budget-ingest: running the TypeScript sources through tsx (slow start): ${reason}; \`npm run build\` compiles them\n`),
);
process.exitCode = await main(process.argv);
