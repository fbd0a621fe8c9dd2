/**
 * The same document in several formats must give the parser the same model:
 * the same headings and paragraphs in the same order, and the same tables
 * cell by cell (white space removed before comparing, since a PDF's layout
 * spaces are not the document's). DOC is converted by LibreOffice, so those
 * tests need `soffice`: skipped locally with the reason in the test name,
 * failing under CI=true when it is missing.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { toTextGrid, type Block, type DocumentModel } from '@budget-ingest/doc-model';
import { extractDocument, findSoffice } from '@budget-ingest/extract';

const PATH = process.env.PATH ?? '';
const soffice = findSoffice(process.env.SOFFICE_PATH ?? null, PATH);
const needsSoffice = soffice === null ? ' (SKIPPED: LibreOffice `soffice` not installed)' : '';

const cache = new Map<string, Promise<DocumentModel>>();
function model(name: string): Promise<DocumentModel> {
  if (!cache.has(name)) {
    cache.set(
      name,
      readFile(new URL(`./fixtures/corpus/docs/${name}`, import.meta.url)).then(async (b) => (await extractDocument(new Uint8Array(b), { fileName: name, pathEnv: PATH })).model),
    );
  }
  return cache.get(name)!;
}

const squash = (s: string): string => s.replace(/\s+/g, '');
const blockText = (b: Block): string => (b.kind === 'heading' ? `${b.numbering ?? ''}${b.text}` : b.kind === 'paragraph' ? b.text : '');

/** Headings and paragraphs in reading order, white space removed. */
const texts = (m: DocumentModel): string[] => m.blocks.filter((b) => b.kind !== 'table').map((b) => squash(blockText(b)));
/** Numbered headings as (numbering, text). */
const numberedHeadings = (m: DocumentModel): [string, string][] => m.blocks.flatMap((b) => (b.kind === 'heading' && b.numbering ? [[b.numbering, squash(b.text)] as [string, string]] : []));
/** Every table as a dense grid of cell texts (merged cells repeated), white space removed. */
const grids = (m: DocumentModel): string[][][] => m.blocks.flatMap((b) => (b.kind === 'table' ? [toTextGrid(b).map((r) => r.map(squash))] : []));
/** Merge structure: each table's rows as rowspan×colspan. */
const spans = (m: DocumentModel): string[][][] => m.blocks.flatMap((b) => (b.kind === 'table' ? [b.rows.map((r) => r.map((c) => `${c.rowspan}x${c.colspan}`))] : []));

/** Everything but provenance and format-specific fields, for exact equality between DOCX and DOC. */
const content = (m: DocumentModel) =>
  m.blocks.map((b) => (b.kind === 'table' ? { kind: b.kind, caption: b.caption, rows: b.rows.map((r) => r.map((c) => [c.text, c.rowspan, c.colspan])) } : b.kind === 'heading' ? { kind: b.kind, numbering: b.numbering, text: b.text, level: b.level } : { kind: b.kind, text: b.text }));

describe('DOC and DOCX of the same document', () => {
  if (soffice === null && process.env.CI === 'true') {
    it('has LibreOffice installed, as CI=true requires', () => {
      throw new Error('CI=true but soffice is not on PATH: install libreoffice-writer-nogui and libreoffice-calc-nogui');
    });
  }

  it.skipIf(soffice === null)(`give wanyuan-2022-final-accounts the same blocks, headings and tables cell by cell${needsSoffice}`, async () => {
    const [docx, doc] = await Promise.all([model('wanyuan-2022-final-accounts.docx'), model('wanyuan-2022-final-accounts.doc')]);
    expect(content(doc)).toEqual(content(docx));
  });
});

describe('XLSX and DOCX of the same table', () => {
  it('give the lusong self-evaluation table the same caption, merges and cells', async () => {
    const [docx, xlsx] = await Promise.all([model('lusong-2023-perf.docx'), model('lusong-2023-table.xlsx')]);
    const docxTable = docx.blocks.filter((b) => b.kind === 'table').at(-1)!;
    const xlsxTable = xlsx.blocks.find((b) => b.kind === 'table')!;
    expect(xlsxTable.kind === 'table' && xlsxTable.caption).toBe(docxTable.kind === 'table' && docxTable.caption);
    expect(spans({ ...xlsx, blocks: [xlsxTable] })).toEqual(spans({ ...docx, blocks: [docxTable] }));
    expect(grids({ ...xlsx, blocks: [xlsxTable] })).toEqual(grids({ ...docx, blocks: [docxTable] }));
  });
});

describe.each(['lusong-2023-perf', 'wanyuan-2022-final-accounts', 'renhua-2021-perf'])('PDF and DOCX of %s', (name) => {
  it('give the same headings and paragraphs in the same order', async () => {
    const [pdf, docx] = await Promise.all([model(`${name}.pdf`), model(`${name}.docx`)]);
    expect(texts(pdf)).toEqual(texts(docx));
  });

  it('give the same numbered headings', async () => {
    const [pdf, docx] = await Promise.all([model(`${name}.pdf`), model(`${name}.docx`)]);
    expect(numberedHeadings(pdf)).toEqual(numberedHeadings(docx));
  });

  it('give the same tables cell by cell, with the same merges', async () => {
    const [pdf, docx] = await Promise.all([model(`${name}.pdf`), model(`${name}.docx`)]);
    expect(grids(pdf)).toEqual(grids(docx));
    expect(spans(pdf)).toEqual(spans(docx));
  });
});
