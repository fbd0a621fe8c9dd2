/** Prints the extracted model of one file (debugging aid): npx tsx packages/report-parser/bench/dump-model.ts FILE */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { extractDocument } from '@budget-ingest/extract';
import { toTextGrid } from '@budget-ingest/doc-model';

const file = process.argv[2];
if (!file) throw new Error('usage: dump-model.ts FILE');
const { model } = await extractDocument(readFileSync(file), { fileName: basename(file), pathEnv: process.env['PATH'] ?? '' });
for (const b of model.blocks) {
  if (b.kind === 'table') {
    console.log(`[${b.index} p${b.page} TABLE caption=${JSON.stringify(b.caption)}]`);
    for (const row of toTextGrid(b)) console.log('  | ' + row.join(' | '));
  } else if (b.kind === 'heading') console.log(`[${b.index} p${b.page} H ${b.numbering ?? ''}] ${b.text}`);
  else console.log(`[${b.index} p${b.page}] ${b.text}`);
}
