/**
 * Writes the drizzle-kit snapshot of the latest migration in the journal from src/schema.ts:
 *   npm run db:snapshot
 *
 * For a migration written by hand (or with `drizzle-kit generate --custom`): add its journal entry,
 * change schema.ts to say what the migration does, then run this, so the snapshot chain stays whole
 * and `npm run check:schema` (drizzle-kit generate on the unchanged schema writes nothing) stays green.
 * The snapshot keeps its id when it exists already (reruns only refresh its content) and chains to
 * the snapshot of the journal entry before it.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateDrizzleJson } from 'drizzle-kit/api';
import * as schema from '../src/schema.ts';

interface JournalEntry {
  readonly idx: number;
  readonly tag: string;
}

const migrations = fileURLToPath(new URL('../../../migrations', import.meta.url));
const journal = JSON.parse(readFileSync(`${migrations}/meta/_journal.json`, 'utf8')) as { entries: JournalEntry[] };
/** drizzle-kit names a snapshot after the number its migration's tag starts with. */
const snapshotPath = (entry: JournalEntry) => `${migrations}/meta/${entry.tag.split('_')[0]}_snapshot.json`;
const readId = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { id: string }).id;

const entries = journal.entries;
const latest = entries.at(-1);
const previous = entries.at(-2);
if (!latest) throw new Error('the migration journal has no entries');
const path = snapshotPath(latest);
const prevId = previous ? readId(snapshotPath(previous)) : '00000000-0000-0000-0000-000000000000';
const id = existsSync(path) ? readId(path) : randomUUID();
// id and prevId first, as drizzle-kit writes them.
const snapshot = { id, prevId, ...generateDrizzleJson(schema, prevId) };
snapshot.id = id;
writeFileSync(path, `${JSON.stringify(snapshot, null, 2)}\n`);
console.log(`wrote ${path} (${latest.tag}, after ${previous?.tag ?? 'nothing'})`);
