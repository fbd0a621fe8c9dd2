/**
 * The corpus PDFs the benches read, and a hash of each one's extracted document
 * model: a speed change must leave every document's output byte-identical, and
 * `model-hashes.json` (written from the code before the change) says what it was.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_EXTRACT_LIMITS, isExtractError } from '@budget-ingest/doc-model';
import { extractPdf } from '../src/index.ts';

export const corpusDir = fileURLToPath(new URL('../../../test/fixtures/corpus/', import.meta.url));
export const hashesFile = fileURLToPath(new URL('./model-hashes.json', import.meta.url));

export interface CorpusPdf {
  readonly name: string;
  readonly path: string;
  readonly bytes: Uint8Array;
}

export function corpusPdfs(): CorpusPdf[] {
  return ['docs', 'real'].flatMap((dir) =>
    readdirSync(`${corpusDir}${dir}`)
      .filter((f) => f.endsWith('.pdf'))
      .sort()
      .map((f) => ({ name: `${dir}/${f}`, path: `${corpusDir}${dir}/${f}`, bytes: readFileSync(`${corpusDir}${dir}/${f}`) })),
  );
}

/** sha256 of the model's JSON, or `error:<code>` for a document that fails as expected. */
export async function modelHash(bytes: Uint8Array, tables: boolean): Promise<string> {
  try {
    const model = await extractPdf(bytes, { limits: DEFAULT_EXTRACT_LIMITS, tables });
    return createHash('sha256').update(JSON.stringify(model)).digest('hex');
  } catch (err) {
    if (!isExtractError(err)) throw err;
    return `error:${err.code}`;
  }
}

export type HashTable = Record<string, { tables: string; textOnly: string }>;

export async function corpusHashes(docs: readonly CorpusPdf[]): Promise<HashTable> {
  const out: HashTable = {};
  for (const doc of docs) out[doc.name] = { tables: await modelHash(doc.bytes, true), textOnly: await modelHash(doc.bytes, false) };
  return out;
}

export function recordedHashes(): HashTable {
  return JSON.parse(readFileSync(hashesFile, 'utf8')) as HashTable;
}

/** The documents whose output differs from the recorded hashes (empty when identical). */
export function hashChanges(now: HashTable, recorded: HashTable): string[] {
  const names = new Set([...Object.keys(now), ...Object.keys(recorded)]);
  return [...names].filter((n) => now[n]?.tables !== recorded[n]?.tables || now[n]?.textOnly !== recorded[n]?.textOnly);
}
