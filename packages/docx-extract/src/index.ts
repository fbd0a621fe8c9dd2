// Placeholder DOCX adapter: raw text paragraphs. The full extractor (headings
// with numbering, tables with merges) replaces this module.
import mammoth from 'mammoth';
import { DOC_MODEL_VERSION, ExtractError, numberBlocks, paragraph, type DocumentModel, type ExtractLimits } from '@budget-ingest/doc-model';

export interface DocxExtractOptions {
  readonly limits: ExtractLimits;
}

export async function extractDocx(bytes: Uint8Array, _opts: DocxExtractOptions): Promise<DocumentModel> {
  let text: string;
  try {
    text = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
  } catch (err) {
    throw new ExtractError('corrupt', `not a readable DOCX: ${(err as Error).message}`, { cause: err });
  }
  const blocks = text
    .split(/\n+/)
    .map((t) => t.normalize('NFKC').trim())
    .filter(Boolean)
    .map((t) => paragraph(t));
  return { modelVersion: DOC_MODEL_VERSION, format: 'docx', pageCount: null, pages: [], blocks: numberBlocks(blocks), metadata: {}, warnings: [] };
}
