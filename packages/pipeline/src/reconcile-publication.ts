import { sql } from 'drizzle-orm';
import { compareSourceValues, pickCanonical, type SourceCandidate, type SourceValue } from '@budget-ingest/publications';
import type { Tx } from './load-reports.ts';
import { rowsOf } from './summary.ts';

/** The finding that two files of one report print one value differently. */
export const SOURCES_DISAGREE = 'sources-disagree';

interface SourceRow extends SourceCandidate {
  readonly fileName: string;
}

/**
 * Re-decides one publication from all its sources: the canonical report, the
 * source count, and the findings where two sources disagree (on the canonical
 * report, naming both files, values and pages). A publication left with no
 * source is deleted.
 */
export async function reconcilePublication(tx: Tx, publicationId: number): Promise<void> {
  await tx.execute(sql`SELECT id FROM publications WHERE id = ${publicationId} FOR UPDATE`);
  const sources = rowsOf<Record<string, string | number>>(
    await tx.execute(sql`
      SELECT r.id, d.sha256, d.format, d.file_name,
        (SELECT count(*) FROM amounts a WHERE a.report_id = r.id)
          + (SELECT count(*) FROM expenditure_lines l WHERE l.report_id = r.id)
          + (SELECT count(*) FROM indicators i WHERE i.report_id = r.id) AS "values"
      FROM reports r JOIN documents d ON d.id = r.document_id
      WHERE r.publication_id = ${publicationId}`),
  ).map(
    (r): SourceRow => ({
      reportId: Number(r.id),
      sha256: String(r.sha256),
      format: String(r.format),
      fileName: String(r.file_name),
      values: Number(r.values),
      confirmed: 0,
      fromTables: 0,
    }),
  );
  const canonical = pickCanonical(sources);
  if (!canonical) {
    await tx.execute(sql`DELETE FROM publications WHERE id = ${publicationId}`);
    return;
  }
  await tx.execute(
    sql`UPDATE publications SET canonical_report_id = ${canonical.reportId}, source_count = ${sources.length}, updated_at = now() WHERE id = ${publicationId}`,
  );
  const ids = sources.map((s) => s.reportId);
  await tx.execute(sql`DELETE FROM validation_findings WHERE rule = ${SOURCES_DISAGREE} AND report_id IN (${sql.join(ids, sql`, `)})`);
  if (sources.length < 2) return;

  const canonicalValues = await valuesOf(tx, canonical.reportId);
  for (const other of sources) {
    if (other.reportId === canonical.reportId) continue;
    const { disagreements } = compareSourceValues(canonicalValues, await valuesOf(tx, other.reportId));
    for (const d of disagreements) {
      const pages = [d.canonical.page, d.other.page].filter((p): p is number => p !== null);
      const message = `同一报告的两个文件数值不同：${d.label}，${canonical.fileName}${pageText(d.canonical.page)}为 ${d.canonical.value}，${other.fileName}${pageText(d.other.page)}为 ${d.other.value}`;
      await tx.execute(sql`
        INSERT INTO validation_findings (report_id, rule, severity, message, expected, actual, pages)
        VALUES (${canonical.reportId}, ${SOURCES_DISAGREE}, 'warning', ${message}, ${d.canonical.value}, ${d.other.value},
          ${`{${pages.join(',')}}`}::integer[])`);
    }
  }
}

const pageText = (page: number | null) => (page === null ? '' : `第${page}页`);

/** Every value of a report under a key that is the same in any file of the publication. */
async function valuesOf(tx: Tx, reportId: number): Promise<SourceValue[]> {
  const amounts = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`SELECT item, phase, fiscal_year, yuan, alternatives, page FROM amounts WHERE report_id = ${reportId}`),
  ).map(
    (a): SourceValue => ({
      key: `amount|${a.item}|${a.phase}|${a.fiscal_year}`,
      label: `${a.item} ${a.phase} ${a.fiscal_year}`,
      value: String(a.yuan),
      alternatives: (a.alternatives as string[] | null) ?? [],
      page: a.page === null ? null : Number(a.page),
    }),
  );
  const lines = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`SELECT classification, code, path, phase, fiscal_year, yuan, page FROM expenditure_lines WHERE report_id = ${reportId}`),
  ).map((l): SourceValue => {
    const what = l.code ? String(l.code) : (l.path as string[]).join('/');
    return {
      key: `line|${l.classification}|${what}|${l.phase}|${l.fiscal_year}`,
      label: `${(l.path as string[]).join('/')} ${l.phase} ${l.fiscal_year}`,
      value: l.yuan === null ? null : String(l.yuan),
      page: l.page === null ? null : Number(l.page),
    };
  });
  const indicators = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`SELECT level3, target_value, actual_value, page FROM indicators WHERE report_id = ${reportId}`),
  ).flatMap((i): SourceValue[] => [
    { key: `target|${i.level3}`, label: `${i.level3} 指标值`, value: i.target_value === null ? null : String(i.target_value), page: i.page === null ? null : Number(i.page) },
    { key: `actual|${i.level3}`, label: `${i.level3} 实际完成值`, value: i.actual_value === null ? null : String(i.actual_value), page: i.page === null ? null : Number(i.page) },
  ]);
  return [...amounts, ...lines, ...indicators];
}
