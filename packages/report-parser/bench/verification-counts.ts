/**
 * How far the parsed values can be trusted over the corpus: confirmed /
 * unconfirmed / contradicted per value type (amounts, lines, indicators), per
 * file and in total, for every document of test/fixtures/corpus/docs and the
 * real PDFs of test/fixtures/corpus/real; also how many values have an anchor
 * and (PDF) a box. Run: npx tsx packages/report-parser/bench/verification-counts.ts [FILTER]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractDocument } from '@budget-ingest/extract';
import { parseDocument } from '../src/parse-document.ts';
import { VERIFICATIONS, type Report, type Traced, type Verification } from '../src/types.ts';

const root = resolve(import.meta.dirname, '../../../test/fixtures/corpus');
const filter = process.argv.slice(2).find((a) => !a.startsWith('--'));
const TYPES = ['amounts', 'expenditure_lines', 'indicators'] as const;
type Counts = Record<(typeof TYPES)[number], Record<Verification | 'anchor' | 'bbox', number>>;

const empty = (): Counts => Object.fromEntries(TYPES.map((t) => [t, { confirmed: 0, unconfirmed: 0, contradicted: 0, anchor: 0, bbox: 0 }])) as Counts;
const add = (into: Counts, from: Counts): void => {
  for (const t of TYPES) for (const k of Object.keys(into[t]) as (keyof Counts[typeof t])[]) into[t][k] += from[t][k];
};
const countReport = (r: Report, into: Counts): void => {
  for (const t of TYPES) {
    for (const v of r[t] as readonly Traced[]) {
      into[t][v.verification ?? 'unconfirmed']++;
      if (v.anchor) into[t].anchor++;
      if (v.bbox) into[t].bbox++;
    }
  }
};
const show = (c: Counts): string => TYPES.map((t) => `${t.padEnd(17)} ${VERIFICATIONS.map((v) => `${v} ${String(c[t][v]).padStart(4)}`).join('  ')}  anchor ${String(c[t].anchor).padStart(4)}  bbox ${String(c[t].bbox).padStart(4)}`).join('\n    ');

const groups: [string, (f: string) => boolean][] = [
  ['docs', () => true],
  ['real', (f) => f.endsWith('.pdf')],
];
for (const [dir, keep] of groups) {
  const total = empty();
  for (const file of readdirSync(join(root, dir)).sort()) {
    if (!keep(file) || file.endsWith('.md') || (filter && !file.includes(filter))) continue;
    try {
      const { model } = await extractDocument(readFileSync(join(root, dir, file)), { fileName: file, pathEnv: process.env['PATH'] ?? '' });
      const counts = empty();
      for (const r of parseDocument(model).reports) countReport(r, counts);
      add(total, counts);
      console.log(`${dir}/${file}\n    ${show(counts)}`);
    } catch (err) {
      console.error(`${dir}/${file}: skipped (${(err as Error).message.split('\n')[0]})`);
    }
  }
  console.log(`TOTAL ${dir}\n    ${show(total)}\n`);
}
