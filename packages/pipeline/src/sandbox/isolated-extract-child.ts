import { isExtractError, toPlainText, type DocumentModel } from '@budget-ingest/doc-model';
import { extractDocument, type ExtractOptions } from '@budget-ingest/extract';
import { parseDocument } from '@budget-ingest/report-parser';
import { exitWithParent } from './exit-with-parent.ts';

/**
 * The pooled child (see child-pool.ts): one request at a time over IPC —
 * `bytes + options` in and the document model out (with its plain text when
 * asked), or a document model in
 * and the parser's result out — or the error, by name and code. Both are
 * CPU-bound and pure, so they run here, off the event loop of the process
 * that holds the queue locks and database connections. It holds no
 * connection and no state; the parent kills it when it outgrows its memory
 * limit or its time, and it exits by itself when the parent is gone.
 */
export type ChildRequest =
  | { readonly kind: 'extract'; readonly bytes: Uint8Array; readonly opts: ExtractOptions; readonly withText?: boolean }
  | { readonly kind: 'parse'; readonly model: DocumentModel };

/** Sent while an extraction runs: one page read by OCR (`done` of `total` OCR pages). */
export interface ChildProgress {
  readonly done: number;
  readonly total: number;
  readonly page: number;
}

export type ChildReply =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: { readonly name: string; readonly code: string | null; readonly message: string } };

async function answer(req: ChildRequest): Promise<unknown> {
  if (req.kind === 'parse') return parseDocument(req.model);
  const onOcrPage = (done: number, total: number, page: number) => process.send?.({ progress: { done, total, page } satisfies ChildProgress });
  const { model } = await extractDocument(req.bytes, { ...req.opts, onOcrPage });
  // The plain text is derived from the model here, under this process's limits, not in the parent.
  return req.withText ? { model, plainText: toPlainText(model) } : model;
}

exitWithParent();
process.on('message', (req: ChildRequest) => {
  void answer(req).then(
    (value) => process.send?.({ ok: true, value } satisfies ChildReply),
    (err: unknown) => {
      const e = err as Error;
      process.send?.({ ok: false, error: { name: isExtractError(err) ? 'ExtractError' : (e?.name ?? 'Error'), code: isExtractError(err) ? err.code : null, message: e?.message ?? String(err) } } satisfies ChildReply);
    },
  );
});
process.send?.('ready');
