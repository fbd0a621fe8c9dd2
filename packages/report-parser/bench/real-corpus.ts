/**
 * Robustness run over test/fixtures/corpus/real (no answers): extracts and
 * parses each file and prints what came out, with parse time.
 * Run: npx tsx packages/report-parser/bench/real-corpus.ts [FILTER]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractDocument } from '@budget-ingest/extract';
import { parseDocument } from '../src/parse-document.ts';

const root = resolve(import.meta.dirname, '../../../test/fixtures/corpus/real');
const filter = process.argv[2];
for (const file of readdirSync(root).sort()) {
  if (file.endsWith('.md') || (filter && !file.includes(filter))) continue;
  try {
    const { model } = await extractDocument(readFileSync(join(root, file)), { fileName: file, pathEnv: process.env['PATH'] ?? '' });
    const t0 = performance.now();
    const result = parseDocument(model);
    const ms = (performance.now() - t0).toFixed(0);
    console.log(`${file} (${model.pageCount ?? '-'} pages, ${ms} ms)`);
    for (const r of result.reports) {
      console.log(`  ${r.kind} | ${r.title} | ${r.organization} | ${r.region?.code ?? '-'} | ${r.fiscal_year} | ${r.published_on} | amounts ${r.amounts.length} lines ${r.expenditure_lines.length} indicators ${r.indicators.length} findings ${r.findings.length}`);
      for (const a of r.amounts) console.log(`    ${a.item} ${a.phase} ${a.fiscal_year} ${a.yuan}${a.alternatives ? ` alt ${a.alternatives.join(',')}` : ''} «${a.source_text.slice(0, 40)}»`);
    }
  } catch (err) {
    console.log(`${file}: ${(err as Error).message.split('\n')[0]}`);
  }
}
