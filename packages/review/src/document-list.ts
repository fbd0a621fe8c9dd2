import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { documentStatus, reportKind, rowsOf, type Db } from '@budget-ingest/db';

/** An empty form field (`status=`) means "any". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** The list's filters, as the query string gives them (the HTML form and GET /api/documents). */
export const documentFilterSchema = z.object({
  status: optional(z.enum(documentStatus.enumValues)),
  /** A GB/T 2260 code prefix (`3101`), or part of a province, city or county name. */
  region: optional(z.string().trim().max(60)),
  year: optional(z.coerce.number().int().min(1949).max(2200)),
  kind: optional(z.enum(reportKind.enumValues)),
  organization: optional(z.string().trim().max(100)),
  /** Text search over file names, report titles and organisations. */
  q: optional(z.string().trim().max(100)),
  page: optional(z.coerce.number().int().min(1).max(1_000_000)).transform((v) => v ?? 1),
  per_page: optional(z.coerce.number().int().min(1).max(200)).transform((v) => v ?? 50),
});
export type DocumentFilter = z.infer<typeof documentFilterSchema>;

export interface DocumentListRow {
  readonly id: number;
  readonly file_name: string;
  readonly sha256: string;
  readonly format: string;
  readonly status: string;
  readonly page_count: number | null;
  readonly error_code: string | null;
  readonly error_message: string | null;
  readonly reports: number;
  readonly findings: number;
  readonly unconfirmed: number;
  readonly contradicted: number;
  /** The document's reports, for links: id, kind, organisation and year. */
  readonly report_list: readonly { readonly id: number; readonly kind: string; readonly organization: string | null; readonly fiscal_year: number | null; readonly title: string | null }[];
}

export interface DocumentPage {
  readonly total: number;
  readonly page: number;
  readonly per_page: number;
  readonly documents: readonly DocumentListRow[];
}

/** `%`, `_` and `\` typed by the user are matched literally. */
const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE of the list: document conditions, and one semi-join on reports for the report conditions (hashed once, not probed per document). */
function conditions(f: DocumentFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.status) parts.push(sql`d.status = ${f.status}`);
  const onReport: SQL[] = [];
  if (f.region) {
    onReport.push(/^\d{1,6}$/.test(f.region) ? sql`r.region_code LIKE ${`${f.region}%`}` : sql`(r.province ILIKE ${like(f.region)} OR r.city ILIKE ${like(f.region)} OR r.county ILIKE ${like(f.region)})`);
  }
  if (f.year !== undefined) onReport.push(sql`r.fiscal_year = ${f.year}`);
  if (f.kind) onReport.push(sql`r.kind = ${f.kind}`);
  if (f.organization) onReport.push(sql`r.organization ILIKE ${like(f.organization)}`);
  if (onReport.length) parts.push(sql`d.id IN (SELECT r.document_id FROM reports r WHERE ${sql.join(onReport, sql` AND `)})`);
  if (f.q) {
    const q = like(f.q);
    parts.push(sql`(d.file_name ILIKE ${q} OR d.id IN (SELECT r.document_id FROM reports r WHERE r.title ILIKE ${q} OR r.organization ILIKE ${q}))`);
  }
  return sql.join(parts, sql` AND `);
}

/**
 * One page of documents, newest first, with the counts a reviewer sorts work by. The counts are
 * computed for the page's rows only, so a page costs the same whatever the database holds; the
 * verification counts read the corrected values (a value a reviewer confirmed no longer counts
 * as unconfirmed).
 */
export async function listDocuments(db: Db, f: DocumentFilter): Promise<DocumentPage> {
  const where = conditions(f);
  const offset = (f.page - 1) * f.per_page;
  const [totalRows, rows] = await Promise.all([
    db.execute(sql`SELECT count(*)::int AS n FROM documents d WHERE ${where}`),
    db.execute(sql`
      WITH page AS (SELECT d.id FROM documents d WHERE ${where} ORDER BY d.id DESC LIMIT ${f.per_page} OFFSET ${offset})
      SELECT d.id, d.file_name, d.sha256, d.format, d.status, d.page_count, d.error_code, d.error_message,
        (SELECT count(*)::int FROM reports r WHERE r.document_id = d.id) AS reports,
        (SELECT count(*)::int FROM validation_findings f JOIN reports r ON r.id = f.report_id WHERE r.document_id = d.id) AS findings,
        coalesce((SELECT jsonb_agg(jsonb_build_object('id', r.id, 'kind', r.kind, 'organization', r.organization, 'fiscal_year', r.fiscal_year, 'title', r.title) ORDER BY r.ordinal)
          FROM reports r WHERE r.document_id = d.id), '[]'::jsonb) AS report_list
      FROM documents d JOIN page ON page.id = d.id
      ORDER BY d.id DESC`),
  ]);
  const page = rowsOf<Omit<DocumentListRow, 'unconfirmed' | 'contradicted'>>(rows);
  const counts = await verificationCounts(
    db,
    page.flatMap((d) => d.report_list.map((r) => r.id)),
  );
  return {
    total: rowsOf<{ n: number }>(totalRows)[0]!.n,
    page: f.page,
    per_page: f.per_page,
    documents: page.map((d) => {
      const sum = (k: 'unconfirmed' | 'contradicted') => d.report_list.reduce((n, r) => n + (counts.get(r.id)?.[k] ?? 0), 0);
      return { ...d, id: Number(d.id), unconfirmed: sum('unconfirmed'), contradicted: sum('contradicted') };
    }),
  };
}

/**
 * Unconfirmed and contradicted values per report, corrections applied. The report ids are given as
 * a list of constants so the database filters each corrected_* view by them before joining (a
 * subquery there would make it compute every value of the database first).
 */
async function verificationCounts(db: Db, reportIds: readonly number[]): Promise<Map<number, { unconfirmed: number; contradicted: number }>> {
  if (reportIds.length === 0) return new Map();
  const ids = sql.join(
    reportIds.map((id) => sql.raw(String(Math.trunc(Number(id))))),
    sql`, `,
  );
  const rows = rowsOf<{ report_id: number; unconfirmed: number; contradicted: number }>(
    await db.execute(sql`
      SELECT report_id, count(*) FILTER (WHERE verification = 'unconfirmed')::int AS unconfirmed, count(*) FILTER (WHERE verification = 'contradicted')::int AS contradicted
      FROM (
        SELECT report_id, verification FROM corrected_amounts WHERE report_id IN (${ids})
        UNION ALL SELECT report_id, verification FROM corrected_expenditure_lines WHERE report_id IN (${ids})
        UNION ALL SELECT report_id, verification FROM corrected_indicators WHERE report_id IN (${ids})
      ) v GROUP BY report_id`),
  );
  return new Map(rows.map((r) => [Number(r.report_id), r]));
}
