import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isExtractError, type DocumentModel } from '@budget-ingest/doc-model';
import { renderModelText } from '@budget-ingest/extract';
import { extractIsolated, extractOptionsFor } from '@budget-ingest/pipeline';
import { toTerminalText } from '../terminal-text.ts';
import { openContext, type GlobalOptions, type Runtime } from '../context.ts';
import { createPageProgress } from '../progress.ts';

export interface ExtractCommandOptions extends GlobalOptions {
  readonly format: string;
  readonly progress?: boolean;
}

/** `extract FILE`: prints the document model the parser sees, without touching the database. */
export async function extractCommand(rt: Runtime, file: string, opts: ExtractCommandOptions): Promise<number> {
  if (opts.format !== 'json' && opts.format !== 'text') {
    rt.stderr(`budget-ingest extract: --format must be json or text, not ${opts.format}`);
    return 2;
  }
  const ctx = openContext(rt, opts);
  const path = resolve(rt.cwd, file);
  const bytes = new Uint8Array(await readFile(path));
  const progress = opts.progress ? createPageProgress(rt.stdoutIsTty ? rt.bar : undefined, rt.stderr) : null;
  try {
    // In a child process with the memory and time limits, as in a run: a hostile file ends with its code, not a crash of this command.
    const model: DocumentModel = await extractIsolated(bytes, extractOptionsFor(ctx.config, rt.env.PATH ?? '', path), undefined, progress?.onPage);
    progress?.stop();
    if (opts.format === 'json') rt.stdout(JSON.stringify(model, null, 2));
    // The text rendering is for people: a document's escape codes and control characters never reach the terminal.
    else rt.stdout(toTerminalText(renderModelText(model)));
    return 0;
  } catch (err) {
    progress?.stop();
    if (isExtractError(err)) {
      rt.stderr(`budget-ingest extract: ${file}: ${err.message} [${err.code} → status ${err.status}]`);
      return 1;
    }
    throw err;
  }
}
