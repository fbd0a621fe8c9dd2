import { rowsOf } from '@budget-ingest/db';
import { sql } from 'drizzle-orm';
import { amountKey, compareSourceValues, lineKey, pickCanonical, type SourceCandidate, type SourceValue } from '@budget-ingest/publications';
import { findingOf, type FindingRule } from '@budget-ingest/report-parser';
import type { Tx } from './load-reports.ts';

/** The finding that two files of one report print one value differently (declared in report-parser's finding rules). */
const SOURCES_DISAGREE: FindingRule = 'sources-disagree';

/** A value with the row it is stored in. */
interface RowValue extends SourceValue {
  readonly table: (typeof VALUE_TABLES)[number];
  readonly rowId: number;
}

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
  // Confirmations by another source are re-decided below: undo the last ones first, so that the
  // choice of the canonical source rests on what each file confirms by itself.
  for (const table of VALUE_TABLES) {
    await tx.execute(sql`
      UPDATE ${sql.identifier(table)} SET verification = 'unconfirmed', confirmed_across_sources = false
      WHERE confirmed_across_sources AND report_id IN (SELECT id FROM reports WHERE publication_id = ${publicationId})`);
  }
  const sources = rowsOf<Record<string, string | number>>(
    await tx.execute(sql`
      WITH v AS (
        SELECT report_id, verification, anchor FROM amounts
        UNION ALL SELECT report_id, verification, anchor FROM expenditure_lines
        UNION ALL SELECT report_id, verification, anchor FROM indicators
      )
      SELECT r.id, d.sha256, d.format, d.file_name,
        count(v.report_id) AS "values",
        count(*) FILTER (WHERE v.verification = 'confirmed') AS confirmed,
        count(*) FILTER (WHERE v.anchor ? 'row') AS from_tables
      FROM reports r JOIN documents d ON d.id = r.document_id
      LEFT JOIN v ON v.report_id = r.id
      WHERE r.publication_id = ${publicationId}
      GROUP BY r.id, d.sha256, d.format, d.file_name`),
  ).map(
    (r): SourceRow => ({
      reportId: Number(r.id),
      sha256: String(r.sha256),
      format: String(r.format),
      fileName: String(r.file_name),
      values: Number(r.values),
      confirmed: Number(r.confirmed),
      fromTables: Number(r.from_tables),
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

  // Every source's values in one read per table: a publication with many files (a portal that mirrors
  // each one) costs three queries, not three per file.
  const valuesByReport = await valuesOf(tx, ids);
  const canonicalValues = valuesByReport.get(canonical.reportId) ?? [];
  const agreed = new Set<string>();
  for (const other of sources) {
    if (other.reportId === canonical.reportId) continue;
    const { disagreements, agreements } = compareSourceValues(canonicalValues, valuesByReport.get(other.reportId) ?? []);
    for (const a of agreements) agreed.add(a.key);
    for (const d of disagreements) {
      const message = `同一报告的两个文件数值不同：${d.label}，${canonical.fileName}${pageText(d.canonical.page)}为 ${d.canonical.value}，${other.fileName}${pageText(d.other.page)}为 ${d.other.value}`;
      const f = findingOf(SOURCES_DISAGREE, message, { expected: d.canonical.value, actual: d.other.value }, [d.canonical.page, d.other.page]);
      await tx.execute(sql`
        INSERT INTO validation_findings (report_id, rule, severity, message, expected, actual, pages)
        VALUES (${canonical.reportId}, ${f.rule}, ${f.severity}, ${f.message}, ${f.expected}, ${f.actual},
          ${`{${f.pages.join(',')}}`}::integer[])`);
    }
  }
  await confirmAcrossSources(tx, canonicalValues.filter((v) => agreed.has(v.key)));
}

const VALUE_TABLES = ['amounts', 'expenditure_lines', 'indicators'] as const;

/** A value another file of the publication prints the same is confirmed, unless its own report already decided. */
async function confirmAcrossSources(tx: Tx, values: readonly RowValue[]): Promise<void> {
  const byTable = new Map<string, number[]>();
  for (const v of values) byTable.set(v.table, [...(byTable.get(v.table) ?? []), v.rowId]);
  for (const [table, ids] of byTable) {
    await tx.execute(sql`
      UPDATE ${sql.identifier(table)} SET verification = 'confirmed', confirmed_across_sources = true
      WHERE verification = 'unconfirmed' AND id IN (${sql.join(ids, sql`, `)})`);
  }
}

const pageText = (page: number | null) => (page === null ? '' : `第${page}页`);

/** Every value of the given reports, each under a key that is the same in any file of the publication, by report id. */
async function valuesOf(tx: Tx, reportIds: readonly number[]): Promise<Map<number, RowValue[]>> {
  const byReport = new Map<number, RowValue[]>(reportIds.map((id) => [id, []]));
  // "IN ()" is not SQL: no reports, no values.
  if (reportIds.length === 0) return byReport;
  const idList = sql`(${sql.join([...reportIds], sql`, `)})`;
  // eslint-disable-next-line no-restricted-syntax -- the values of one row: as many as the call site passes (a fixed few)
  const add = (reportId: unknown, ...values: RowValue[]) => byReport.get(Number(reportId))?.push(...values);
  // Ordered by row id, as each report's rows were inserted: the comparison walks them in the parser's
  // order, so where the canonical report holds two rows under one key, the later is the one the other
  // sources are compared with (compareSourceValues keys the canonical rows in a Map).
  for (const a of rowsOf<Record<string, unknown>>(
    await tx.execute(sql`SELECT id, report_id, item, phase, fiscal_year, yuan, alternatives, page FROM amounts WHERE report_id IN ${idList} ORDER BY id`),
  )) {
    add(a.report_id, {
      table: 'amounts',
      rowId: Number(a.id),
      key: amountKey(a as { item: string; phase: string; fiscal_year: number }),
      label: `${a.item} ${a.phase} ${a.fiscal_year}`,
      value: String(a.yuan),
      alternatives: (a.alternatives as string[] | null) ?? [],
      page: a.page === null ? null : Number(a.page),
    });
  }
  for (const l of rowsOf<Record<string, unknown>>(
    await tx.execute(sql`SELECT id, report_id, classification, code, path, phase, fiscal_year, yuan, page FROM expenditure_lines WHERE report_id IN ${idList} ORDER BY id`),
  )) {
    add(l.report_id, {
      table: 'expenditure_lines',
      rowId: Number(l.id),
      key: lineKey(l as { classification: string; code: string | null; path: string[]; phase: string; fiscal_year: number }),
      label: `${(l.path as string[]).join('/')} ${l.phase} ${l.fiscal_year}`,
      value: l.yuan === null ? null : String(l.yuan),
      page: l.page === null ? null : Number(l.page),
    });
  }
  for (const i of rowsOf<Record<string, unknown>>(
    await tx.execute(sql`SELECT id, report_id, level3, target_value, actual_value, page FROM indicators WHERE report_id IN ${idList} ORDER BY id`),
  )) {
    const page = i.page === null ? null : Number(i.page);
    add(
      i.report_id,
      { table: 'indicators', rowId: Number(i.id), key: `target|${i.level3}`, label: `${i.level3} 指标值`, value: i.target_value === null ? null : String(i.target_value), page },
      { table: 'indicators', rowId: Number(i.id), key: `actual|${i.level3}`, label: `${i.level3} 实际完成值`, value: i.actual_value === null ? null : String(i.actual_value), page },
    );
  }
  return byReport;
}
