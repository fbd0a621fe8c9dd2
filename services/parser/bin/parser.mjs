#!/usr/bin/env node
// The parser service: the compiled entry (dist/, built by `npm ci`), or the
// TypeScript source through tsx while that build is missing or stale.
import { loadEntry } from '../../../scripts/load-entry.mjs';

await loadEntry('parser', new URL('../src/main.ts', import.meta.url), (reason) =>
  process.stderr.write(`parser: running the TypeScript sources through tsx (slow start): ${reason}; \`npm run build\` compiles them\n`),
);
