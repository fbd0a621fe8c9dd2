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

/** One text block for comparison: what kind it is and its squashed text. */
interface Line {
  readonly kind: string;
  readonly text: string;
}
const lines = (m: DocumentModel): Line[] =>
  m.blocks.flatMap((b) => (b.kind === 'table' ? [] : [{ kind: b.kind === 'heading' ? `heading[${b.numbering ?? ''}]` : 'paragraph', text: squash(blockText(b)) }]));

/**
 * Where the PDF's text blocks differ from the DOCX's: blocks only one side has
 * (aligned by longest common subsequence of their texts) and aligned blocks
 * of a different kind or numbering. Empty when the two agree.
 */
export function differences(pdf: readonly Line[], docx: readonly Line[]): string[] {
  const n = pdf.length;
  const m = docx.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = pdf[i]!.text === docx[j]!.text ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  const short = (t: string) => (t.length > 40 ? `${t.slice(0, 40)}…` : t);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && pdf[i]!.text === docx[j]!.text) {
      if (pdf[i]!.kind !== docx[j]!.kind) out.push(`kind: ${short(pdf[i]!.text)} — pdf ${pdf[i]!.kind}, docx ${docx[j]!.kind}`);
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push(`docx only: ${short(docx[j]!.text)}`);
      j++;
    } else {
      out.push(`pdf only: ${short(pdf[i]!.text)}`);
      i++;
    }
  }
  return out;
}

/**
 * Differences that are the PDF extractor's, not the DOCX's (packages/pdf-extract
 * is being rewritten). Each entry is a ratchet: when the PDF side is fixed the
 * test fails and the entry must be deleted, so no difference comes back unseen.
 */
// Where the PDF and DOCX of a document still differ (none today): an entry here is a known
// extractor defect, and the test fails when the list goes stale in either direction.
const KNOWN_PDF_DIFFERENCES: Record<string, string[]> = {
  'lusong-2023-perf': [],
  'wanyuan-2022-final-accounts': [],
  'renhua-2021-perf': [],
};

describe.concurrent.each(Object.keys(KNOWN_PDF_DIFFERENCES))('PDF and DOCX of %s', (name) => {
  it('give the same headings and paragraphs in the same order, but for the listed PDF differences', async () => {
    const [pdf, docx] = await Promise.all([model(`${name}.pdf`), model(`${name}.docx`)]);
    expect(differences(lines(pdf), lines(docx)), `the PDF and DOCX text blocks of ${name} differ otherwise than KNOWN_PDF_DIFFERENCES lists: fix the new difference, or delete the entries the PDF extractor now gets right`).toEqual(KNOWN_PDF_DIFFERENCES[name]);
  });

  it('give the same tables cell by cell, with the same merges', async () => {
    const [pdf, docx] = await Promise.all([model(`${name}.pdf`), model(`${name}.docx`)]);
    expect(grids(pdf)).toEqual(grids(docx));
    expect(spans(pdf)).toEqual(spans(docx));
  });
});

describe('differences', () => {
  it('reports blocks only one side has and aligned blocks of another kind', () => {
    const a = [{ kind: 'paragraph', text: 'x' }, { kind: 'heading[一、]', text: '一、y' }, { kind: 'paragraph', text: 'z' }];
    const b = [{ kind: 'paragraph', text: 'x' }, { kind: 'paragraph', text: '一、y' }, { kind: 'paragraph', text: 'w' }];
    expect(differences(a, b)).toEqual(['kind: 一、y — pdf heading[一、], docx paragraph', 'docx only: w', 'pdf only: z']);
    expect(differences(b, b)).toEqual([]);
  });
});
