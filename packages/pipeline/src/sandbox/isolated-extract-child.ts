import { isExtractError } from '@budget-ingest/doc-model';
import { extractDocument, type ExtractOptions } from '@budget-ingest/extract';
import { exitWithParent } from './exit-with-parent.ts';

/**
 * The extraction child: one request at a time over IPC, `bytes + options` in,
 * the document model (or the error, by name and code) out. It holds no
 * connection and no state; the parent kills it when it outgrows its memory
 * limit or its time, and it exits by itself when the parent is gone.
 */
export interface ExtractRequest {
  readonly bytes: Uint8Array;
  readonly opts: ExtractOptions;
}

export type ExtractReply =
  | { readonly ok: true; readonly model: unknown }
  | { readonly ok: false; readonly error: { readonly name: string; readonly code: string | null; readonly message: string } };

exitWithParent();
process.on('message', (req: ExtractRequest) => {
  void extractDocument(req.bytes, req.opts).then(
    ({ model }) => process.send?.({ ok: true, model } satisfies ExtractReply),
    (err: unknown) => {
      const e = err as Error;
      process.send?.({ ok: false, error: { name: isExtractError(err) ? 'ExtractError' : (e?.name ?? 'Error'), code: isExtractError(err) ? err.code : null, message: e?.message ?? String(err) } } satisfies ExtractReply);
    },
  );
});
process.send?.('ready');
