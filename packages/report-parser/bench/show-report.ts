/** Prints the parsed reports of one file as JSON: npx tsx packages/report-parser/bench/show-report.ts FILE */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { extractDocument } from '@budget-ingest/extract';
import { parseDocument } from '../src/parse-document.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: show-report.ts FILE');
const { model } = await extractDocument(readFileSync(file), { fileName: basename(file), pathEnv: process.env['PATH'] ?? '' });
console.log(JSON.stringify(parseDocument(model), null, 1));
