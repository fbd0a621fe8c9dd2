import { basename, resolve } from 'node:path';
import { asc, eq, inArray } from 'drizzle-orm';
import { documents, parseWarnings, reports, validationFindings } from '@budget-ingest/db';
import { sha256File } from '@budget-ingest/blob-store';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';

/**
 * `findings FILE…|--all`: the validation findings of documents (contradictions
 * in them), one line each, grouped by report; then, in a section of their own,
 * the parse warnings (problems reading them: a table without a stated unit …).
 * With --json, one object per line, `section` telling which of the two it is.
 */
export async function findingsCommand(rt: Runtime, files: readonly string[], opts: GlobalOptions & { all?: boolean; json?: boolean }): Promise<number> {
  if (!opts.all && files.length === 0) {
    rt.stderr('budget-ingest findings: name one or more ingested files, or --all');
    return 2;
  }
  const ctx = await openDbContext(rt, opts);
  try {
    // A file is found by its bytes (sha256), so a renamed copy finds the same document.
    const shas = opts.all ? [] : await Promise.all(files.map((f) => sha256File(resolve(rt.cwd, f)).catch(() => null)));
    const ofFiles = opts.all ? undefined : inArray(documents.sha256, shas.filter((s): s is string => s !== null).concat(['-']));
    const rows = await ctx.handle.db
      .select({
        file: documents.fileName,
        kind: reports.kind,
        organization: reports.organization,
        year: reports.fiscalYear,
        rule: validationFindings.rule,
        severity: validationFindings.severity,
        message: validationFindings.message,
        expected: validationFindings.expected,
        actual: validationFindings.actual,
        pages: validationFindings.pages,
        sha256: documents.sha256,
      })
      .from(validationFindings)
      .innerJoin(reports, eq(reports.id, validationFindings.reportId))
      .innerJoin(documents, eq(documents.id, reports.documentId))
      .where(ofFiles)
      .orderBy(asc(documents.fileName), asc(reports.ordinal), asc(validationFindings.id));
    const warnings = await ctx.handle.db
      .select({ file: documents.fileName, code: parseWarnings.code, message: parseWarnings.message, page: parseWarnings.page, box: parseWarnings.box, sha256: documents.sha256 })
      .from(parseWarnings)
      .innerJoin(documents, eq(documents.id, parseWarnings.documentId))
      .where(ofFiles)
      .orderBy(asc(documents.fileName), asc(parseWarnings.id));
    if (!opts.all && rows.length === 0 && warnings.length === 0) {
      rt.stdout(`no findings for ${files.map((f) => basename(f)).join(', ')} (not ingested, or no contradictions found)`);
      return 0;
    }
    if (opts.json) {
      for (const r of rows) rt.stdout(JSON.stringify({ section: 'finding', ...r }));
      for (const w of warnings) rt.stdout(JSON.stringify({ section: 'parse-warning', ...w }));
      return 0;
    }
    let current = '';
    for (const r of rows) {
      const head = `${r.file} — ${r.organization ?? '?'} ${r.year ?? ''} ${r.kind}`;
      if (head !== current) {
        rt.stdout(`\n${head}`);
        current = head;
      }
      const pages = r.pages.length ? `p.${r.pages.join(',')}` : '';
      rt.stdout(`  [${r.severity}] ${r.rule} ${pages}: ${r.message}${r.actual !== null || r.expected !== null ? ` (printed ${r.actual ?? '-'}, computed ${r.expected ?? '-'})` : ''}`);
    }
    rt.stdout(`\n${rows.length} finding(s)`);
    if (warnings.length > 0) {
      // Reading problems are the parser's, not the document's: listed apart so nobody reads them as contradictions.
      rt.stdout('\nReading problems (parse warnings: what the parser could not read as printed, not contradictions in the document)');
      current = '';
      for (const w of warnings) {
        if (w.file !== current) {
          rt.stdout(`\n${w.file}`);
          current = w.file;
        }
        rt.stdout(`  ${w.code}${w.page !== null ? ` p.${w.page}` : ''}: ${w.message}`);
      }
      rt.stdout(`\n${warnings.length} parse warning(s)`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
