/**
 * The output of every corpus document, in every format it exists in (PDF,
 * DOCX, DOC, XLS/XLSX), pinned by hash: the document model the extractors
 * build and the parser's result (reports, parse warnings, out-of-scope
 * reason). A change meant to be invisible (a faster extractor, a parser
 * refactor onto specs and data tables) must leave every hash as it is; the
 * snapshot's diff names each document whose output moved.
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
import { isExtractError } from '@budget-ingest/doc-model';
import { extractDocument } from '@budget-ingest/extract';
import { parseDocument } from '@budget-ingest/report-parser';

const corpus = join(import.meta.dirname, 'fixtures/corpus');
const FOLDERS = ['docs', 'real'] as const;
const DOCUMENT = /\.(pdf|docx|doc|xlsx|xls)$/;

const sha = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

describe('the output of every corpus document', () => {
  const files = FOLDERS.flatMap((folder) => readdirSync(join(corpus, folder)).filter((f) => DOCUMENT.test(f)).map((f) => `${folder}/${f}`)).sort();

  it('covers every format', () => {
    expect(new Set(files.map((f) => f.split('.').pop()))).toEqual(new Set(['pdf', 'docx', 'doc', 'xlsx', 'xls']));
  });

  it('is unchanged: model and parse result hashes per document', async () => {
    const hashes: Record<string, { model: string; parsed: string } | { error: string }> = {};
    for (const file of files) {
      try {
        const { model } = await extractDocument(new Uint8Array(readFileSync(join(corpus, file))), { fileName: file, pathEnv: process.env.PATH ?? '' });
        const { reports, warnings, outOfScope } = parseDocument(model);
        hashes[file] = { model: sha(model), parsed: sha({ reports, warnings, outOfScope }) };
      } catch (err) {
        // A document the extractors refuse is pinned by its error code.
        if (!isExtractError(err)) throw err;
        hashes[file] = { error: err.code };
      }
    }
    expect(hashes).toMatchSnapshot();
  }, 600_000);
});
