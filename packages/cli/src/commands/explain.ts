import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isExtractError, type DocumentModel } from '@budget-ingest/doc-model';
import { extractIsolated, extractOptionsFor } from '@budget-ingest/pipeline';
import { createTrace, parseDocument, traceEntries } from '@budget-ingest/report-parser';
import { reportLines } from './explain-format.ts';
import { openContext, type GlobalOptions, type Runtime } from '../context.ts';
import { createPageProgress } from '../progress.ts';

/**
 * `explain FILE [--json]`: parses one file without storing anything and shows,
 * for every amount, expenditure line and indicator each report emits, the
 * reader and spec that produced it, the rule that chose it, the text and page
 * it read, every other statement of it that was dropped, and every figure the
 * sentence readers passed over, each with the reason (explain-format.ts).
 * `--json`: one object per entry (trace.ts's TraceEntry, told apart by `entry`).
 */
export async function explainCommand(rt: Runtime, file: string, opts: GlobalOptions & { json?: boolean; progress?: boolean }): Promise<number> {
  const ctx = openContext(rt, opts);
  const path = resolve(rt.cwd, file);
  let model: DocumentModel;
  const progress = opts.progress ? createPageProgress(rt.stdoutIsTty ? rt.bar : undefined, rt.stderr) : null;
  try {
    // Extracted in a pooled child with the limits, as in a run (a hostile file ends with its code); parsed here, for the trace.
    model = await extractIsolated(new Uint8Array(await readFile(path)), extractOptionsFor(ctx.config, rt.env.PATH ?? '', path), undefined, progress?.onPage);
    progress?.stop();
  } catch (err) {
    progress?.stop();
    if (!isExtractError(err)) throw err;
    rt.stderr(`budget-ingest explain: ${file}: ${err.message} [${err.code}]`);
    return 1;
  }
  const trace = createTrace();
  const result = parseDocument(model, { trace });
  if (opts.json) {
    for (const e of traceEntries(trace)) rt.stdout(JSON.stringify(e));
    return 0;
  }
  for (const p of model.pages) if (p.ocr) rt.stdout(`page ${p.number}: read by OCR (${p.ocr.engine}, ${p.ocr.words} words, mean confidence ${p.ocr.confidence.toFixed(2)}${p.ocr.skewDegrees !== 0 ? `, deskewed ${p.ocr.skewDegrees}°` : ''}): its values start unconfirmed until a sum or a second statement confirms them`);
  for (const w of model.warnings) if (w.code === 'ocr-page-failed' || w.code === 'ocr-unavailable') rt.stdout(`${w.code}: ${w.message}`);
  if (result.outOfScope) rt.stdout(`out of scope: ${result.outOfScope.reason}`);
  result.reports.forEach((r, i) => {
    rt.stdout(`\nreport ${i + 1}: ${r.kind} — ${r.organization ?? '?'} ${r.fiscal_year ?? ''}`);
    for (const l of reportLines(trace, i)) rt.stdout(l);
  });
  for (const w of result.warnings) rt.stdout(`\nparse warning ${w.code}${w.page ? ` p.${w.page}` : ''}: ${w.message}`);
  return 0;
}
