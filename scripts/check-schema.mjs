#!/usr/bin/env node
// Schema as code stays true: fails when `drizzle-kit generate` on the committed schema would write a
// migration (schema.ts changed without one, or a hand-written migration without its snapshot), or when
// the snapshot chain of migrations/meta is broken (a journal entry without its snapshot, a snapshot
// that does not follow the one before). drizzle-kit runs on a temporary copy: nothing here is written.
//   npm run check:schema [-- --migrations DIR] [-- --schema FILE]
// Fix: `npm run db:generate` for a schema change, `npm run db:snapshot` after a hand-written migration.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    migrations: { type: 'string', default: 'migrations' },
    schema: { type: 'string', default: 'packages/db/src/schema.ts' },
  },
});
const migrations = resolve(values.migrations);
const problems = [];

// 1. The chain: one snapshot per journal entry, each following the one before.
const journal = JSON.parse(readFileSync(join(migrations, 'meta/_journal.json'), 'utf8'));
const snapshotFile = (tag) => `${tag.split('_')[0]}_snapshot.json`;
let prevId = '00000000-0000-0000-0000-000000000000';
for (const entry of journal.entries) {
  const file = join(migrations, 'meta', snapshotFile(entry.tag));
  if (!existsSync(file)) {
    problems.push(`${entry.tag} has no snapshot (meta/${snapshotFile(entry.tag)}): run npm run db:snapshot after adding a migration by hand`);
    prevId = null;
    continue;
  }
  const snapshot = JSON.parse(readFileSync(file, 'utf8'));
  if (prevId !== null && snapshot.prevId !== prevId) problems.push(`meta/${snapshotFile(entry.tag)} does not follow the snapshot before it (prevId ${snapshot.prevId}, expected ${prevId})`);
  prevId = snapshot.id;
}
const journaled = new Set(journal.entries.map((e) => snapshotFile(e.tag)));
for (const file of readdirSync(join(migrations, 'meta'))) {
  if (file.endsWith('_snapshot.json') && !journaled.has(file)) problems.push(`meta/${file} belongs to no journal entry`);
}

// 2. drizzle-kit generate on a copy writes nothing. It prefixes --out with "./", so the path is relative.
const copy = mkdtempSync(join(tmpdir(), 'check-schema-'));
try {
  cpSync(migrations, copy, { recursive: true });
  const before = new Set(readdirSync(copy, { recursive: true }));
  // drizzle-kit exports no path to its CLI: the bin beside its API entry.
  const bin = join(dirname(createRequire(import.meta.url).resolve('drizzle-kit/api')), 'bin.cjs');
  const args = [bin, 'generate', '--dialect', 'postgresql', '--schema', relative(process.cwd(), resolve(values.schema)), '--out', relative(process.cwd(), copy)];
  const output = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const written = readdirSync(copy, { recursive: true }).filter((f) => !before.has(f) && f.endsWith('.sql'));
  for (const file of written) {
    problems.push(`drizzle-kit generate would write ${file}:\n${readFileSync(join(copy, file), 'utf8')}`);
  }
  if (written.length === 0 && !/No schema changes/.test(output)) problems.push(`drizzle-kit generate said:\n${output}`);
} finally {
  rmSync(copy, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`check:schema: schema.ts and migrations/ disagree\n- ${problems.join('\n- ')}`);
  console.error('Fix: npm run db:generate (a schema change) or npm run db:snapshot (after a hand-written migration).');
  process.exit(1);
}
console.log(`check:schema: ${journal.entries.length} migrations, snapshot chain whole, drizzle-kit generate writes nothing`);
