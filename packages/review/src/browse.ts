import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from '@budget-ingest/db';

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
export const publicationFilterSchema = z.object({
  q: z.preprocess(blank, z.string().trim().max(100).optional()),
  key: z.preprocess(blank, z.string().max(1000).optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(1_000_000).optional()).transform((v) => v ?? 1),
  per_page: z.preprocess(blank, z.coerce.number().int().min(1).max(200).optional()).transform((v) => v ?? 50),
});
export type PublicationFilter = z.infer<typeof publicationFilterSchema>;

export interface PublicationRow {
  readonly id: number;
  readonly identity_key: string;
  readonly kind: string;
  readonly fiscal_year: number | null;
  readonly region_code: string | null;
  readonly organization_id: number | null;
  readonly organization: string | null;
  readonly canonical_report_id: number | null;
  readonly sources: readonly { readonly report_id: number; readonly document_id: number; readonly file: string; readonly format: string; readonly canonical: boolean }[];
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Publications (one report whatever files it came in) with their sources, newest first. */
export async function listPublications(db: Db, f: PublicationFilter): Promise<{ total: number; page: number; per_page: number; publications: PublicationRow[] }> {
  const where = sql.join(
    [
      sql`true`,
      ...(f.key ? [sql`p.identity_key = ${f.key}`] : []),
      ...(f.q ? [sql`(o.canonical_name ILIKE ${like(f.q)} OR p.identity_key ILIKE ${like(f.q)})`] : []),
    ],
    sql` AND `,
  );
  const [total, rows] = await Promise.all([
    db.execute(sql`SELECT count(*)::int AS n FROM publications p LEFT JOIN organizations o ON o.id = p.organization_id WHERE ${where}`),
    db.execute(sql`
      SELECT p.id, p.identity_key, p.kind, p.fiscal_year, p.region_code, p.organization_id, o.canonical_name AS organization, p.canonical_report_id,
        coalesce((SELECT jsonb_agg(jsonb_build_object('report_id', r.id, 'document_id', d.id, 'file', d.file_name, 'format', d.format, 'canonical', r.id = p.canonical_report_id) ORDER BY r.id)
          FROM reports r JOIN documents d ON d.id = r.document_id WHERE r.publication_id = p.id), '[]'::jsonb) AS sources
      FROM publications p LEFT JOIN organizations o ON o.id = p.organization_id
      WHERE ${where}
      ORDER BY p.id DESC LIMIT ${f.per_page} OFFSET ${(f.page - 1) * f.per_page}`),
  ]);
  return { total: rowsOf<{ n: number }>(total)[0]!.n, page: f.page, per_page: f.per_page, publications: rowsOf<PublicationRow>(rows).map((r) => ({ ...r, id: Number(r.id) })) };
}

export interface OrganizationView {
  readonly id: number;
  readonly name: string;
  readonly region_code: string | null;
  readonly aliases: readonly string[];
  /** Its publications' canonical reports across years, with their headline figures (report_overview, corrections applied). */
  readonly reports: readonly Record<string, unknown>[];
}

export async function readOrganization(db: Db, id: number): Promise<OrganizationView | null> {
  const org = rowsOf<{ id: number; name: string; region_code: string | null }>(
    await db.execute(sql`SELECT id, canonical_name AS name, region_code FROM organizations WHERE id = ${id}`),
  )[0];
  if (!org) return null;
  const [aliases, reports] = await Promise.all([
    db.execute(sql`SELECT alias FROM organization_aliases WHERE organization_id = ${id} ORDER BY alias`),
    db.execute(sql`
      SELECT report_id, kind, fiscal_year, title, organization, total_budget_initial, total_budget_adjusted, total_actual, basic_actual, project_actual,
        three_public_budget_initial, three_public_actual, execution_rate_pct, findings, file_name, source_count, headline_verification
      FROM report_overview WHERE organization_id = ${id} ORDER BY fiscal_year, kind, report_id`),
  ]);
  return { ...org, id: Number(org.id), aliases: rowsOf<{ alias: string }>(aliases).map((a) => a.alias), reports: rowsOf<Record<string, unknown>>(reports) };
}
