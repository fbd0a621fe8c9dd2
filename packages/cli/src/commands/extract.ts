import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isExtractError } from '@budget-ingest/doc-model';
import * as extract from '@budget-ingest/extract';
import { openContext, type GlobalOptions, type Runtime } from '../context.ts';

export interface ExtractCommandOptions extends GlobalOptions {
  readonly format: string;
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
  try {
    const { model } = await extract.extractDocument(bytes, {
      fileName: path,
      limits: ctx.config.limits,
      sofficePath: ctx.config.sofficePath,
      pathEnv: rt.env.PATH ?? '',
    });
    if (opts.format === 'json') rt.stdout(JSON.stringify(model, null, 2));
    else rt.stdout(renderText(model));
    return 0;
  } catch (err) {
    if (isExtractError(err)) {
      rt.stderr(`budget-ingest extract: ${file}: ${err.message} [${err.code} → status ${err.status}]`);
      return 1;
    }
    throw err;
  }
}

type Model = Awaited<ReturnType<typeof extract.extractDocument>>['model'];

/** Uses the extractor package's grid renderer when it has one; a plain rendering otherwise. */
function renderText(model: Model): string {
  const render = (extract as unknown as { renderModelText?: (m: Model) => string }).renderModelText;
  if (render) return render(model);
  return model.blocks
    .map((b) => {
      const where = b.page === null ? '' : `[p${b.page}] `;
      if (b.kind === 'heading') return `${where}# ${b.numbering ?? ''}${b.text}`;
      if (b.kind === 'paragraph') return `${where}${b.text}`;
      return `${where}[table ${b.rows.length} rows]\n${b.rows.map((r) => r.map((c) => c.text).join(' | ')).join('\n')}`;
    })
    .join('\n\n');
}
