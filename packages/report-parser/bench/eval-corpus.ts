/**
 * The accuracy benchmark on the corpus: extracts every document in
 * test/fixtures/corpus/docs that has a gold file, parses it and prints P/R/F1
 * per field group. Run: npx tsx packages/report-parser/bench/eval-corpus.ts [--quiet] [FILTER]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { extractDocument } from '@budget-ingest/extract';
import { compareWithGold, formatEvalReport, type EvalRow } from '../src/eval/index.ts';
import { parseDocument } from '../src/parse-document.ts';

const root = resolve(import.meta.dirname, '../../../test/fixtures/corpus');
const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const filter = args.find((a) => !a.startsWith('--'));
const rows: EvalRow[] = [];
for (const file of readdirSync(join(root, 'docs')).sort()) {
  if (filter && !file.includes(filter)) continue;
  const stem = basename(file, extname(file));
  const goldPath = join(root, 'gold', `${stem}.json`);
  if (!existsSync(goldPath)) continue;
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as { reports: unknown[] };
  try {
    const { model } = await extractDocument(readFileSync(join(root, 'docs', file)), { fileName: file, pathEnv: process.env['PATH'] ?? '' });
    const parsed = parseDocument(model);
    rows.push({ file, result: compareWithGold(JSON.parse(JSON.stringify(parsed)) as { reports: unknown[] }, gold) });
  } catch (err) {
    console.error(`${file}: skipped (${(err as Error).message.split('\n')[0]})`);
  }
}
console.log(formatEvalReport(rows, { differences: !quiet }));
