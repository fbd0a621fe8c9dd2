import { rowsOf } from '@budget-ingest/db';
import { sql } from 'drizzle-orm';
import { normaliseName, organizationKey, publicationIdentity } from '@budget-ingest/publications';
import type { Report } from '@budget-ingest/report-parser';
import type { Tx } from './load-reports.ts';
import { reconcilePublication } from './reconcile-publication.ts';

/** A document's freshly loaded reports, in ordinal order with their row ids. */
export interface LoadedReports {
  readonly documentId: number;
  readonly sha256: string;
  readonly reports: readonly Report[];
  readonly reportIds: readonly number[];
  /** Publications the document's reports belonged to before this load (a re-parse may move them). */
  readonly previousPublications: readonly number[];
}

/** The publications a document's current reports belong to: read before they are replaced. */
export async function publicationsOfDocument(tx: Tx, documentId: number): Promise<number[]> {
  const rows = rowsOf<{ id: string | number }>(
    await tx.execute(sql`SELECT DISTINCT publication_id AS id FROM reports WHERE document_id = ${documentId} AND publication_id IS NOT NULL`),
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Links each report to its organisation and publication, inside the loading
 * transaction, then re-decides every touched publication's canonical source and
 * cross-source findings from all its sources at once — so the outcome depends on
 * the set of files, never on the order they arrived in. The publication row is
 * upserted first, which locks it: two workers loading two files of one report
 * take turns here, and the second sees the first's reports.
 */
export async function linkPublications(tx: Tx, loaded: LoadedReports): Promise<void> {
  const identities = loaded.reports.map((report, i) => ({ report, id: loaded.reportIds[i]!, ordinal: i, identity: publicationIdentity(report) }));
  // One lock order for every transaction (by key), so two documents sharing two publications cannot deadlock.
  const keyOf = (x: (typeof identities)[number]) => x.identity.key ?? `document:${loaded.sha256}:${x.ordinal}`;
  identities.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));

  const touched = new Set(loaded.previousPublications);
  for (const x of identities) {
    const organizationId = await linkOrganization(tx, x.report, x.id);
    const publicationId = firstId(
      await tx.execute(sql`
        INSERT INTO publications (identity_key, kind, region_code, organization_id, fiscal_year, project)
        VALUES (${keyOf(x)}, ${x.report.kind}, ${x.report.region?.code ?? null}, ${organizationId}, ${x.report.fiscal_year}, ${x.identity.project || null})
        ON CONFLICT (identity_key) DO UPDATE SET updated_at = now(), organization_id = coalesce(publications.organization_id, EXCLUDED.organization_id)
        RETURNING id`),
    );
    await tx.execute(sql`UPDATE reports SET publication_id = ${publicationId}, organization_id = ${organizationId} WHERE id = ${x.id}`);
    touched.add(publicationId);
  }
  for (const publicationId of [...touched].sort((a, b) => a - b)) await reconcilePublication(tx, publicationId);
}

/**
 * The organisation of a report, created on first sight. A name whose region is
 * unknown is not linked: 财政局 exists in every county, and a guess would merge
 * units of different places; the report says so in a finding.
 */
async function linkOrganization(tx: Tx, report: Report, reportId: number): Promise<number | null> {
  if (!report.organization) return null;
  const key = organizationKey(report.organization, report.region);
  if (!key || !report.region) {
    await tx.execute(sql`
      INSERT INTO validation_findings (report_id, rule, severity, message, expected, actual, pages)
      VALUES (${reportId}, 'organization-unlinked', 'info',
        ${`单位“${report.organization}”的地区未能确定，未与其他年度或文件的同名单位关联（同名单位遍布各地，不作猜测）`},
        NULL, ${report.organization}, '{}'::integer[])`);
    return null;
  }
  const organizationId = await upsertOrganization(tx, report.organization, key, report.region.code);
  // A unit's 主管部门 (printed on its forms) is its parent: the first one seen is kept.
  const parentKey = report.parent_organization ? organizationKey(report.parent_organization, report.region) : null;
  if (report.parent_organization && parentKey && parentKey !== key) {
    const parentId = await upsertOrganization(tx, report.parent_organization, parentKey, report.region.code);
    await tx.execute(sql`UPDATE organizations SET parent_id = ${parentId} WHERE id = ${organizationId} AND parent_id IS NULL`);
  }
  return organizationId;
}

/** The organisation of a name key in a region, created on first sight, with the name as printed among its aliases. */
async function upsertOrganization(tx: Tx, name: string, key: string, regionCode: string): Promise<number> {
  const alias = normaliseName(name);
  const organizationId = firstId(
    await tx.execute(sql`
      INSERT INTO organizations (region_code, name_key, canonical_name)
      VALUES (${regionCode}, ${key}, ${alias})
      ON CONFLICT (coalesce(region_code, ''), name_key) DO UPDATE SET name_key = EXCLUDED.name_key
      RETURNING id`),
  );
  await tx.execute(sql`INSERT INTO organization_aliases (organization_id, alias) VALUES (${organizationId}, ${alias}) ON CONFLICT DO NOTHING`);
  // The fullest spelling seen names the organisation (deterministic: longest, then first in code-point order).
  await tx.execute(sql`
    UPDATE organizations SET canonical_name = (
      SELECT alias FROM organization_aliases WHERE organization_id = ${organizationId} ORDER BY length(alias) DESC, alias COLLATE "C" LIMIT 1)
    WHERE id = ${organizationId}`);
  return organizationId;
}

function firstId(result: unknown): number {
  const row = rowsOf<{ id: string | number }>(result)[0];
  if (!row) throw new Error('upsert returned no row');
  return Number(row.id);
}
