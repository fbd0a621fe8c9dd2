import { DEFAULT_EXTRACT_LIMITS, ExtractError, toStorableModel, type DocumentModel, type ExtractLimits, type ExtractionWarning } from '@budget-ingest/doc-model';
import { extractDocx } from '@budget-ingest/docx-extract';
import { DEFAULT_OCR_SETTINGS, openPdfOcr, type OcrSettings } from '@budget-ingest/ocr';
import { extractPdf, type PageOcr } from '@budget-ingest/pdf-extract';
import { extractSheet } from '@budget-ingest/sheet-extract';
import { sniffFormat, type Sniffed } from './sniff.ts';
import { NOT_ISOLATED_MESSAGE, SOFFICE_MISSING_MESSAGE, convertWithSoffice, converterIsolation, findSoffice, missingComponent } from './soffice.ts';

/** Bump when extraction output changes, so stored models can be told apart (0.3.0: scanned pages read by OCR, so `needs_ocr` documents are extracted again). */
export const EXTRACTOR_VERSION = '0.3.0';

export interface ExtractOptions {
  readonly fileName?: string;
  readonly limits?: ExtractLimits;
  /** Configured LibreOffice path (SOFFICE_PATH); found on PATH when null. */
  readonly sofficePath?: string | null;
  /** PATH to search for LibreOffice, Tesseract and pdftoppm. */
  readonly pathEnv?: string;
  /** How pages without a text layer are read (OCR_* config); default DEFAULT_OCR_SETTINGS. */
  readonly ocr?: OcrSettings;
  /** Told after each OCR page (progress logs and bars); functions do not cross to a child process, so the pool sets it there. */
  readonly onOcrPage?: PageOcr['onPage'];
}

export interface Extracted {
  readonly sniffed: Sniffed;
  readonly model: DocumentModel;
}

/**
 * Bytes → document model, whatever the format. Throws ExtractError (with a
 * code that decides the document's status) when nothing can be read.
 */
export async function extractDocument(bytes: Uint8Array, opts: ExtractOptions = {}): Promise<Extracted> {
  const limits = opts.limits ?? DEFAULT_EXTRACT_LIMITS;
  if (bytes.length === 0) throw new ExtractError('empty', 'the file is empty (0 bytes)');
  if (bytes.length > limits.maxFileBytes) {
    throw new ExtractError('too-large', `the file has ${bytes.length} bytes, over the MAX_FILE_BYTES ceiling of ${limits.maxFileBytes}`);
  }
  const sniffed = sniffFormat(bytes, opts.fileName);
  const run = async (): Promise<DocumentModel> => {
    switch (sniffed.format) {
      case 'pdf': {
        const ocr = await openPdfOcr(bytes, opts.ocr ?? DEFAULT_OCR_SETTINGS, opts.pathEnv ?? '', opts.onOcrPage ? { onPage: opts.onOcrPage } : {});
        try {
          return await extractPdf(bytes, { limits, ocr });
        } finally {
          await ocr.close();
        }
      }
      case 'docx':
        return extractDocx(bytes, { limits });
      case 'xlsx':
        return extractSheet(bytes, { limits });
      case 'doc':
      case 'wps':
      case 'xls': {
        const soffice = findSoffice(opts.sofficePath, opts.pathEnv ?? '');
        if (!soffice) throw new ExtractError('converter-missing', SOFFICE_MISSING_MESSAGE);
        const target = sniffed.format === 'xls' ? 'xlsx' : 'docx';
        // Writer and Calc are installed separately: a missing one is converter-missing, not a corrupt file.
        const missing = missingComponent(soffice, target === 'xlsx' ? 'calc' : 'writer');
        if (missing) throw new ExtractError('converter-missing', missing);
        const isolation = converterIsolation(opts.pathEnv ?? '');
        const converted = await convertWithSoffice(soffice, bytes, sniffed.format, target, limits.maxSecondsPerDocument * 1000, isolation);
        const model = target === 'xlsx' ? await extractSheet(converted, { limits }) : await extractDocx(converted, { limits });
        const notIsolated: ExtractionWarning[] = isolation.kind === 'none' ? [{ code: 'converter-not-isolated', message: NOT_ISOLATED_MESSAGE }] : [];
        return {
          ...model,
          format: sniffed.format,
          warnings: [...model.warnings, { code: 'converted-from-legacy-format', message: `converted from .${sniffed.format} to .${target} with LibreOffice` }, ...notIsolated],
        };
      }
      case 'unknown':
        throw new ExtractError('unsupported-format', describeUnknown(bytes, sniffed));
    }
  };
  const model = await withTimeout(run(), limits.maxSecondsPerDocument * 1000);
  // Text a database cannot hold (U+0000, lone surrogates) is cleaned here, once, for every format.
  return { sniffed, model: toStorableModel(model) };
}

function describeUnknown(bytes: Uint8Array, sniffed: Sniffed): string {
  const looksText = bytes.subarray(0, 512).every((b) => b === 9 || b === 10 || b === 13 || b >= 32);
  const what = sniffed.mediaType === 'application/zip' ? 'a ZIP archive that is not DOCX or XLSX' : looksText ? 'plain text' : 'an unknown binary format';
  return `not a PDF, Word or Excel document (the bytes look like ${what}); supported: pdf, docx, doc, wps, xlsx, xls`;
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ExtractError('timeout', `extraction took longer than MAX_SECONDS_PER_DOCUMENT (${ms / 1000} s)`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
