import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { DOC_MODEL_VERSION, ExtractError, pushAll, type DocumentModel, type ExtractLimits, type ExtractionWarning, type PageInfo } from '@budget-ingest/doc-model';
import { median } from './lines.ts';
import { findPageFurniture } from './page-furniture.ts';
import { toPageLayout, type PageLayout } from './page-layout.ts';
import { toFlowBlocks } from './paragraphs.ts';
import { turnUpright } from './orientation.ts';
import { openPdf, type PdfSource, type StageTimes } from './pdfjs-adapter.ts';
import { checkPdfStreams } from './stream-ceilings.ts';
import { toBlocks } from './to-blocks.ts';
import { MIN_TEXT_LAYER_CHARS, ocrPages, withOcrConfidence, type OcrRead } from './ocr-pages.ts';
import type { PageOcr } from './page-ocr.ts';

export interface PdfExtractOptions {
  readonly limits: ExtractLimits;
  /** Find tables from ruling lines (default true); off gives text only, faster. */
  readonly tables?: boolean;
  /** When given, each stage's milliseconds are added to it (the bench's breakdown). */
  readonly stageTimes?: StageTimes;
  /**
   * The OCR engine for pages without a usable text layer (fewer than
   * MIN_TEXT_LAYER_CHARS characters: a scan, or a scan with only a stamped
   * page number). Without it, or when it is unavailable, such pages stay
   * empty and a document with no text at all throws `no-text-layer`.
   */
  readonly ocr?: PageOcr;
}

/**
 * PDF bytes → document model. Throws ExtractError: `corrupt`/`encrypted` when
 * pdfjs cannot open the file, `too-many-pages` over MAX_PAGES, `timeout` over
 * MAX_SECONDS_PER_DOCUMENT, `no-text-layer` when no page has text (scanned).
 */
export async function extractPdf(bytes: Uint8Array, opts: PdfExtractOptions): Promise<DocumentModel> {
  const deadline = Date.now() + opts.limits.maxSecondsPerDocument * 1000;
  checkPdfStreams(bytes, opts.limits);
  const source = await beforeDeadline(openPdf(bytes), deadline, opts.limits);
  try {
    if (source.pageCount > opts.limits.maxPages) {
      throw new ExtractError('too-many-pages', `the PDF has ${source.pageCount} pages, over the MAX_PAGES ceiling of ${opts.limits.maxPages}`);
    }
    const layouts: PageLayout[] = [];
    let pages: PageInfo[] = [];
    const warnings: ExtractionWarning[] = [];
    const textChars: number[] = [];
    for (let n = 1; n <= source.pageCount; n++) {
      // pdfjs's in-thread worker can read a whole document in microtasks alone, which would starve
      // timers (our deadline) and I/O (a BullMQ worker's lock renewal): let them run between pages.
      await nextMacrotask();
      if (Date.now() > deadline) throw timeoutError(opts.limits);
      const raw = turnUpright(await beforeDeadline(readPage(source, n, opts.tables ?? true, opts.stageTimes), deadline, opts.limits));
      pages.push({ number: n, width: r2(raw.width), height: r2(raw.height), rotation: raw.rotation, ...(raw.turn !== 0 ? { turn: raw.turn } : {}) });
      if (raw.turn !== 0) warnings.push({ code: 'page-turned', message: `page ${n}'s text runs at ${raw.turn}° to the page as displayed: it was read turned upright, and its boxes are in that frame`, page: n });
      textChars.push(raw.runs.reduce((n, r) => n + r.text.trim().length, 0));
      const t0 = performance.now();
      layouts.push(toPageLayout(raw));
      if (opts.stageTimes) opts.stageTimes.tablePass += performance.now() - t0;
    }
    const scanned = pages.filter((_, i) => textChars[i]! < MIN_TEXT_LAYER_CHARS);
    const ocrRead = new Map<number, OcrRead>();
    if (scanned.length > 0 && opts.ocr && opts.ocr.unavailable === null) {
      const read = await beforeDeadline(ocrPages(opts.ocr, scanned, textChars), deadline, opts.limits);
      pushAll(warnings, read.warnings);
      for (const [n, r] of read.pages) {
        ocrRead.set(n, r);
        layouts[n - 1] = toPageLayout(r.raw);
      }
      pages = pages.map((p) => (read.pages.has(p.number) ? { ...p, ocr: read.pages.get(p.number)!.info } : p));
    } else if (scanned.length > 0 && opts.ocr?.unavailable) {
      warnings.push({ code: 'ocr-unavailable', message: `${scanned.length} page(s) without a text layer were not read: ${opts.ocr.unavailable}` });
    }
    const t1 = performance.now();
    const runCount = layouts.reduce((s, l) => s + l.runCount, 0);
    if (runCount === 0) {
      const why = opts.ocr?.unavailable ? `; ${opts.ocr.unavailable}` : scanned.length > 0 && opts.ocr ? `; OCR read nothing (${warnings.filter((w) => w.code === 'ocr-page-failed').map((w) => w.message).join('; ') || 'blank pages'})` : '';
      throw new ExtractError('no-text-layer', `none of the ${source.pageCount} pages has a text layer (scanned images): the document needs OCR${why}`);
    }
    for (const l of layouts) if (l.runCount === 0) warnings.push({ code: 'empty-page', message: `page ${l.number} has no text (blank, or an image that needs OCR)`, page: l.number });
    const furniture = findPageFurniture(layouts);
    const flows = layouts.map((l, i) => ({ page: l.number, lines: l.lines.filter((_, k) => !furniture[i]!.has(k)), tables: l.tables }));
    const bodySize = median(flows.flatMap((f) => f.lines.flatMap((line) => Array<number>(Math.min(50, line.text.length)).fill(line.size))));
    const built = toBlocks(toFlowBlocks(flows), bodySize);
    const joined = built.joined;
    const blocks = ocrRead.size > 0 ? withOcrConfidence(built.blocks, ocrRead) : built.blocks;
    for (const page of joined) warnings.push({ code: 'table-joined-across-pages', message: `a table continued on page ${page} was joined to the table before it`, page });
    if (opts.stageTimes) opts.stageTimes.modelBuild += performance.now() - t1;
    return {
      modelVersion: DOC_MODEL_VERSION,
      format: 'pdf',
      pageCount: source.pageCount,
      pages,
      blocks,
      metadata: source.metadata,
      warnings,
    };
  } finally {
    await source.destroy();
  }
}

async function readPage(source: PdfSource, n: number, rulings: boolean, stageTimes: StageTimes | undefined) {
  try {
    return await source.readPage(n, { rulings, stageTimes });
  } catch (err) {
    if (err instanceof ExtractError) throw err;
    throw new ExtractError('corrupt', `page ${n} of the PDF cannot be read: ${(err as Error | undefined)?.message ?? String(err)}`, { cause: err });
  }
}

function r2(n: number): number {
  return Math.round(n * 100) / 100;
}

async function beforeDeadline<T>(work: Promise<T>, deadline: number, limits: ExtractLimits): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(limits)), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function timeoutError(limits: ExtractLimits): ExtractError {
  return new ExtractError('timeout', `PDF extraction took longer than the MAX_SECONDS_PER_DOCUMENT ceiling of ${limits.maxSecondsPerDocument} s`);
}
