import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isExtractError } from '@budget-ingest/doc-model';
import { extractDocument } from '@budget-ingest/extract';
import { CHOICE_RULES, createTrace, DROP_REASONS, parseDocument, type AmountTrace } from '@budget-ingest/report-parser';
import { openContext, type GlobalOptions, type Runtime } from '../context.ts';

/**
 * `explain FILE [--json]`: parses one file without storing anything and shows,
 * for every amount each report emits, the reader and spec that produced it,
 * the rule that chose it, the text and page it read, and every other
 * statement of the figure that was dropped, with the reason.
 */
export async function explainCommand(rt: Runtime, file: string, opts: GlobalOptions & { json?: boolean }): Promise<number> {
  const ctx = openContext(rt, opts);
  const path = resolve(rt.cwd, file);
  let model;
  try {
    ({ model } = await extractDocument(new Uint8Array(await readFile(path)), { fileName: path, limits: ctx.config.limits, sofficePath: ctx.config.sofficePath, pathEnv: rt.env.PATH ?? '' }));
  } catch (err) {
    if (!isExtractError(err)) throw err;
    rt.stderr(`budget-ingest explain: ${file}: ${err.message} [${err.code}]`);
    return 1;
  }
  const trace = createTrace();
  const result = parseDocument(model, { trace });
  if (opts.json) {
    for (const a of trace.amounts) rt.stdout(JSON.stringify(a));
    return 0;
  }
  if (result.outOfScope) rt.stdout(`out of scope: ${result.outOfScope.reason}`);
  let report = -1;
  for (const a of trace.amounts) {
    if (a.report !== report) {
      report = a.report;
      const r = result.reports[a.report];
      rt.stdout(`\nreport ${a.report + 1}: ${a.reportKind} — ${r?.organization ?? '?'} ${r?.fiscal_year ?? ''}`);
    }
    rt.stdout(line(a));
  }
  for (const w of result.warnings) rt.stdout(`\nparse warning ${w.code}${w.page ? ` p.${w.page}` : ''}: ${w.message}`);
  return 0;
}

function line(a: AmountTrace): string {
  const where = (page: number | null): string => (page === null ? '' : ` p.${page}`);
  const by = `${a.read.reader}${a.read.spec ? ` [${a.read.spec}]` : ''}`;
  const out = [`  ${a.item} ${a.phase} ${a.fiscal_year} = ${a.yuan}  ← ${by}, ${a.rule} (${CHOICE_RULES[a.rule]})`, `      read${where(a.read.page)}: ${a.read.text}`];
  for (const d of a.dropped) out.push(`      dropped ${d.yuan} (${d.reader}${d.spec ? ` [${d.spec}]` : ''}${where(d.page)}: ${d.text}) — ${d.reason}: ${DROP_REASONS[d.reason]}`);
  return out.join('\n');
}
