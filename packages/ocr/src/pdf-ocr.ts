import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PageOcr } from '@budget-ingest/pdf-extract';
import { findEngine } from './find-engine.ts';
import type { OcrSettings } from './ocr-settings.ts';
import { readScannedPage, type OcrStageTimes } from './read-scanned-page.ts';

export interface PdfOcr extends PageOcr {
  /** Removes the document's temp files. */
  close(): Promise<void>;
}

/**
 * The OCR engine for one PDF, as the PDF extractor wants it (`PageOcr`):
 * the bytes are written once to a private temp dir, from which each page is
 * rendered on demand. `unavailable` says what to install when the tools are
 * missing, and then no page is read.
 */
export async function openPdfOcr(
  bytes: Uint8Array,
  settings: OcrSettings,
  pathEnv: string,
  extra: { readonly onPage?: PageOcr['onPage']; readonly times?: OcrStageTimes } = {},
): Promise<PdfOcr> {
  const lookup = settings.enabled ? await findEngine(settings.language, pathEnv) : { engine: null, missing: 'OCR is switched off (OCR_ENABLED=false)' };
  let dir: string | null = null;
  let pdfPath: Promise<string> | null = null;
  const pdf = () => {
    pdfPath ??= mkdtemp(join(tmpdir(), 'budget-ingest-ocr-')).then(async (d) => {
      dir = d;
      await writeFile(join(d, 'input.pdf'), bytes);
      return join(d, 'input.pdf');
    });
    return pdfPath;
  };
  return {
    unavailable: lookup.missing,
    slots: Math.max(1, settings.slots),
    ...(extra.onPage ? { onPage: extra.onPage } : {}),
    async readPage(page, width, height) {
      if (!lookup.engine) throw new Error(lookup.missing);
      const path = await pdf();
      return readScannedPage(lookup.engine, path, page, { width, height }, settings, dir!, extra.times);
    },
    async close() {
      if (pdfPath) await pdfPath.catch(() => undefined);
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
