/**
 * Why a document could not be read at all. Extractors throw `ExtractError`
 * only when nothing useful can come out; recoverable trouble becomes an
 * `ExtractionWarning` in the model instead.
 *
 * `status` says what the document's row becomes, `permanent` whether a retry
 * could help (a worker turns permanent errors into BullMQ's UnrecoverableError).
 */
export const EXTRACT_ERROR_CODES = {
  empty: { status: 'failed', permanent: true },
  corrupt: { status: 'failed', permanent: true },
  encrypted: { status: 'failed', permanent: true },
  'no-text-layer': { status: 'needs_ocr', permanent: true },
  'unsupported-format': { status: 'unsupported', permanent: true },
  'converter-missing': { status: 'unsupported', permanent: true },
  'too-large': { status: 'failed', permanent: true },
  'too-many-pages': { status: 'failed', permanent: true },
  'zip-bomb': { status: 'failed', permanent: true },
  /** A PDF whose streams inflate past MAX_PDF_STREAM_BYTES / MAX_PDF_INFLATED_BYTES. */
  'decompression-bomb': { status: 'failed', permanent: true },
  /** The extraction went past MAX_EXTRACT_MEMORY_MB and was killed. */
  'out-of-memory': { status: 'failed', permanent: true },
  /** The extraction process died (a native crash, a signal) without an answer. */
  crashed: { status: 'failed', permanent: false },
  timeout: { status: 'failed', permanent: false },
  'converter-failed': { status: 'failed', permanent: false },
  internal: { status: 'failed', permanent: false },
} as const satisfies Record<string, { status: 'failed' | 'needs_ocr' | 'unsupported'; permanent: boolean }>;

export type ExtractErrorCode = keyof typeof EXTRACT_ERROR_CODES;

export class ExtractError extends Error {
  override readonly name = 'ExtractError';
  constructor(
    readonly code: ExtractErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get status(): 'failed' | 'needs_ocr' | 'unsupported' {
    return EXTRACT_ERROR_CODES[this.code].status;
  }

  get permanent(): boolean {
    return EXTRACT_ERROR_CODES[this.code].permanent;
  }
}

/** Matches by name as well as class, so errors survive worker-thread and process boundaries. */
export function isExtractError(err: unknown): err is ExtractError {
  return err instanceof ExtractError || (typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'ExtractError' && typeof (err as { code?: unknown }).code === 'string' && (err as { code: string }).code in EXTRACT_ERROR_CODES);
}

/** Ceilings every extractor honours; the config's MAX_* settings override the defaults below. */
export interface ExtractLimits {
  /** Largest input file accepted, in bytes. */
  readonly maxFileBytes: number;
  readonly maxPages: number;
  readonly maxSecondsPerDocument: number;
  /** Ceiling on the sum of uncompressed entry sizes of a DOCX/XLSX (zip bomb guard). */
  readonly maxUncompressedBytes: number;
  readonly maxZipEntries: number;
  /** Ceiling on the inflated bytes of one PDF stream (decompression bomb guard). */
  readonly maxPdfStreamBytes: number;
  /** Ceiling on the inflated bytes of all streams of one PDF. */
  readonly maxPdfInflatedBytes: number;
  /** Most operators in one PDF content stream or page. */
  readonly maxPdfOperators: number;
  /** Hard memory limit of the process that extracts one document (MiB); over it the document fails `out-of-memory`. */
  readonly maxExtractMemoryMb: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxPages: 2000,
  maxSecondsPerDocument: 300,
  maxUncompressedBytes: 500 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxPdfStreamBytes: 128 * 1024 * 1024,
  maxPdfInflatedBytes: 512 * 1024 * 1024,
  maxPdfOperators: 1_000_000,
  maxExtractMemoryMb: 1024,
};
