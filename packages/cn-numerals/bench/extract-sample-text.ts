/**
 * One-off: writes bench/sample-text.txt, the raw text of the corpus DOCX files
 * (via mammoth), which the benchmark and the scanner's corpus test read.
 * Run from the repository root: `npx tsx packages/cn-numerals/bench/extract-sample-text.ts`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import mammoth from 'mammoth';

const DOCS = ['renhua-2021-perf.docx', 'wanyuan-2022-final-accounts.docx', 'lusong-2023-perf.docx'];

const parts: string[] = [];
for (const name of DOCS) {
  const buffer = await readFile(new URL(`../../../test/fixtures/corpus/docs/${name}`, import.meta.url));
  const { value } = await mammoth.extractRawText({ buffer });
  parts.push(`=== ${name}\n${value.replace(/\n{3,}/g, '\n\n').trim()}\n`);
}
await writeFile(new URL('./sample-text.txt', import.meta.url), parts.join('\n'));
