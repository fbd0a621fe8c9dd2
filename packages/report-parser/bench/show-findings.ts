/** Prints each report's findings for one file: npx tsx packages/report-parser/bench/show-findings.ts FILE */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { extractDocument } from '@budget-ingest/extract';
import { parseDocument } from '../src/parse-document.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: show-findings.ts FILE');
const { model } = await extractDocument(readFileSync(file), { fileName: basename(file), pathEnv: process.env['PATH'] ?? '' });
for (const r of parseDocument(model).reports) {
  console.log(`${r.kind} ${r.title}`);
  for (const f of r.findings) console.log(`  [${f.severity}] ${f.rule}: ${f.message}`);
}
