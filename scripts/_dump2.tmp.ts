import { readFileSync } from 'node:fs';
import { extractDocument } from '@budget-ingest/extract';
import { blockText, toTextGrid } from '@budget-ingest/doc-model';
for (const f of process.argv.slice(2)) {
  const { model } = await extractDocument(new Uint8Array(readFileSync(f)), { fileName: f, pathEnv: process.env.PATH });
  console.log('=====', f, model.blocks.length);
  for (const b of model.blocks.slice(0, 40)) {
    if (b.kind === 'table') { console.log(`[${b.index} TABLE]`); for (const r of toTextGrid(b).slice(0, 8)) console.log('  | ' + r.join(' | ')); }
    else console.log(`[${b.index} ${b.kind}] ${blockText(b).slice(0, 100)}`);
  }
}
