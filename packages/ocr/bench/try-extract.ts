import { readFileSync } from 'node:fs';
import { extractDocument } from '@budget-ingest/extract';
const t = performance.now();
const { model } = await extractDocument(new Uint8Array(readFileSync(process.argv[2]!)), { fileName: process.argv[2], pathEnv: process.env.PATH ?? '' });
console.log(Math.round(performance.now() - t), 'ms');
console.log(JSON.stringify(model.pages), model.warnings);
for (const b of model.blocks) {
  if (b.kind === 'table') { console.log('TABLE', b.page, b.confidence, b.rows.length); for (const r of b.rows) console.log('  |', r.map((c) => c.text).join(' | ')); }
  else console.log(b.kind, b.page, b.confidence, b.kind === 'heading' ? b.numbering : '', b.text);
}
