/**
 * Writes scanned-forms.expected.json: the indicator table of each form's page
 * as the text PDF gives it. Run by hand (`npx tsx packages/ocr/test/make-expected.ts`)
 * when a form is added; review the diff, never regenerate blindly.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { extractDocument } from '@budget-ingest/extract';
import { parseDocument } from '@budget-ingest/report-parser';
import { SCANNED_FORMS, type ExpectedIndicator } from './scanned-forms.ts';

const corpus = new URL('../../../test/fixtures/corpus/docs/', import.meta.url);
const out: Record<string, ExpectedIndicator[]> = {};
for (const f of SCANNED_FORMS) {
  const key = `${f.source}#${f.page}`;
  if (out[key]) continue;
  const { model } = await extractDocument(new Uint8Array(readFileSync(new URL(f.source, corpus))), { fileName: f.source });
  const indicators = parseDocument(model).reports.flatMap((r) => r.indicators).filter((i) => i.page === f.page);
  out[key] = indicators.map((i) => ({ level1: i.level1, level2: i.level2, target: i.target?.raw ?? null, actual: i.actual?.raw ?? null, weight: i.weight, score: i.score }));
}
writeFileSync(new URL('./scanned-forms.expected.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
