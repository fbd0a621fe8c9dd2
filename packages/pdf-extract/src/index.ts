// Placeholder PDF adapter: one paragraph per text line. The full extractor
// (reading order, paragraphs, tables from ruling lines) replaces this module.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DOC_MODEL_VERSION, ExtractError, numberBlocks, paragraph, type DocumentModel, type ExtractLimits, type PageInfo, type ParagraphBlock } from '@budget-ingest/doc-model';

export interface PdfExtractOptions {
  readonly limits: ExtractLimits;
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export async function extractPdf(bytes: Uint8Array, opts: PdfExtractOptions): Promise<DocumentModel> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'PasswordException') throw new ExtractError('encrypted', 'the PDF is encrypted with a password', { cause: err });
    throw new ExtractError('corrupt', `not a readable PDF: ${(err as Error).message}`, { cause: err });
  }
  try {
    if (doc.numPages > opts.limits.maxPages) {
      throw new ExtractError('too-many-pages', `the PDF has ${doc.numPages} pages, over the MAX_PAGES ceiling of ${opts.limits.maxPages}`);
    }
    const pages: PageInfo[] = [];
    const blocks: ParagraphBlock[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const vp = page.getViewport({ scale: 1 });
      pages.push({ number: n, width: vp.width, height: vp.height, rotation: page.rotate });
      const content = await page.getTextContent();
      let line = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          if (line.trim()) blocks.push(paragraph(line.normalize('NFKC').trim(), { page: n }));
          line = '';
        }
      }
      if (line.trim()) blocks.push(paragraph(line.normalize('NFKC').trim(), { page: n }));
      page.cleanup();
    }
    if (blocks.length === 0) throw new ExtractError('no-text-layer', 'the PDF has no text layer (scanned pages): it needs OCR');
    return { modelVersion: DOC_MODEL_VERSION, format: 'pdf', pageCount: doc.numPages, pages, blocks: numberBlocks(blocks), metadata: {}, warnings: [] };
  } finally {
    await doc.destroy();
  }
}
