/**
 * The output of every corpus document, in every format it exists in (PDF,
 * DOCX, DOC, XLS/XLSX), pinned by hash: the document model the extractors
 * build and the parser's result (reports, parse warnings, out-of-scope
 * reason). A change meant to be invisible (a faster extractor, a parser
 * refactor onto specs and data tables) must leave every hash as it is; the
 * snapshot holds one hash per part of each document's output — the model's
 * metadata and each page's blocks (each run of 50 blocks where there are no
 * pages), and each field of each report (`reports[0].amounts`,
 * `reports[1].findings`, …), the parse warnings and the out-of-scope reason;
 * a short field (title, year, organisation, region) is kept as its JSON. So
 * a failure names the field of the document that moved, one line each (listed
 * above the snapshot diff), with its old and new value where it is short.
 *
 * A change meant to alter output: look at what moved (`budget-ingest
 * extract` / `explain` on the named files, and the eval), then record the new
 * hashes with `npx vitest run test/output-hashes.test.ts -u`. CI never
 * records (vitest refuses to write snapshots when CI is set).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isExtractError, type DocumentModel } from '@budget-ingest/doc-model';
import { extractDocument } from '@budget-ingest/extract';
import { parseDocument } from '@budget-ingest/report-parser';

const corpus = join(import.meta.dirname, 'fixtures/corpus');
const FOLDERS = ['docs', 'real'] as const;
const DOCUMENT = /\.(pdf|docx|doc|xlsx|xls)$/;

const sha = (value: unknown): string => createHash('sha256').update(JSON.stringify(value) ?? 'undefined').digest('hex').slice(0, 16);
const BLOCK_RUN = 50;
/** A short scalar or object is kept as its JSON, so the snapshot diff shows its old and new value; the rest as a hash (and a length). */
const digest = (value: unknown): string => {
  const json = JSON.stringify(value) ?? 'undefined';
  if (json.length <= 100 && !Array.isArray(value)) return json;
  return Array.isArray(value) ? `${sha(value)} (${value.length})` : sha(value);
};

/** One hash per part of a document's output, keyed `file › part`, so a changed hash names what moved. */
function outputHashes(file: string, model: DocumentModel, parsed: ReturnType<typeof parseDocument>): Record<string, string> {
  const out: Record<string, string> = {};
  const { blocks, ...meta } = model;
  out[`${file} › model › meta`] = sha(meta);
  const groups = new Map<string, unknown[]>();
  blocks.forEach((block, i) => {
    const key = block.page === null ? `blocks ${Math.floor(i / BLOCK_RUN) * BLOCK_RUN}…` : `page ${block.page}`;
    groups.set(key, [...(groups.get(key) ?? []), block]);
  });
  for (const [key, group] of groups) out[`${file} › model › ${key}`] = sha(group);
  parsed.reports.forEach((report, i) => {
    for (const [field, value] of Object.entries(report)) out[`${file} › reports[${i}].${field}`] = digest(value);
  });
  out[`${file} › report count`] = String(parsed.reports.length);
  out[`${file} › warnings`] = digest(parsed.warnings);
  out[`${file} › outOfScope`] = digest(parsed.outOfScope);
  return out;
}

/** The keys whose hash differs from (or is missing in) the recorded snapshot: what moved, one line each. */
function movedParts(current: Record<string, string>, snapshotFile: string): string[] {
  let recorded: Record<string, string>;
  try {
    const text = readFileSync(snapshotFile, 'utf8');
    const body = /= `\n([\s\S]*)\n`;/.exec(text)?.[1] ?? '{}';
    recorded = Object.fromEntries([...body.matchAll(/^ {2}"(.+)": "(.*)",$/gm)].map((m) => [m[1]!, m[2]!]));
  } catch {
    return []; // nothing recorded yet
  }
  const keys = new Set([...Object.keys(recorded), ...Object.keys(current)]);
  return [...keys].filter((k) => recorded[k] !== current[k]).sort().map((k) => (k in current ? (k in recorded ? `moved: ${k}` : `new: ${k}`) : `gone: ${k}`));
}

describe('the output of every corpus document', () => {
  const files = FOLDERS.flatMap((folder) => readdirSync(join(corpus, folder)).filter((f) => DOCUMENT.test(f)).map((f) => `${folder}/${f}`)).sort();

  it('covers every format', () => {
    expect(new Set(files.map((f) => f.split('.').pop()))).toEqual(new Set(['pdf', 'docx', 'doc', 'xlsx', 'xls']));
  });

  it('is unchanged: hashes of each part of the model and of each field of the parse result, per document', async () => {
    let hashes: Record<string, string> = {};
    for (const file of files) {
      try {
        const { model } = await extractDocument(new Uint8Array(readFileSync(join(corpus, file))), { fileName: file, pathEnv: process.env.PATH ?? '' });
        hashes = { ...hashes, ...outputHashes(file, model, parseDocument(model)) };
      } catch (err) {
        // A document the extractors refuse is pinned by its error code.
        if (!isExtractError(err)) throw err;
        hashes[`${file} › error`] = err.code;
      }
    }
    const moved = movedParts(hashes, join(import.meta.dirname, '__snapshots__/output-hashes.test.ts.snap'));
    if (moved.length > 0) console.error(`output moved (${moved.length} parts):\n${moved.join('\n')}`);
    expect(hashes).toMatchSnapshot();
  }, 600_000);
});
