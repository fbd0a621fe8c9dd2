import { asc, eq, inArray, sql } from 'drizzle-orm';
import {
  correctedAmounts,
  correctedExpenditureLines,
  correctedIndicators,
  currentCorrections,
  documents,
  organizations,
  publications,
  reportKeys,
  reports,
  rowsOf,
  validationFindings,
  type Db,
} from '@budget-ingest/db';

type CorrectionInForce = typeof currentCorrections.$inferSelect;

/** A report as the review page and GET /api/reports/:id show it: identity, findings, and every value with its correction. */
export interface ReportDetail {
  readonly report: typeof reports.$inferSelect;
  readonly document: Pick<typeof documents.$inferSelect, 'id' | 'fileName' | 'format' | 'status' | 'pageCount' | 'sha256' | 'sourceUrl'>;
  readonly publication: { readonly id: number; readonly key: string; readonly sourceCount: number; readonly canonical: boolean } | null;
  readonly publicationKey: string;
  readonly organization: { readonly id: number; readonly name: string } | null;
  readonly findings: readonly (typeof validationFindings.$inferSelect)[];
  readonly amounts: readonly (typeof correctedAmounts.$inferSelect)[];
  readonly lines: readonly (typeof correctedExpenditureLines.$inferSelect)[];
  readonly indicators: readonly (typeof correctedIndicators.$inferSelect)[];
  /** The correction in force of each corrected value, by id. */
  readonly corrections: ReadonlyMap<number, CorrectionInForce>;
  /** Corrections of this publication whose value is gone (after a reparse): listed, not applied. */
  readonly orphaned: readonly CorrectionInForce[];
}

export async function readReport(db: Db, reportId: number): Promise<ReportDetail | null> {
  const report = (await db.select().from(reports).where(eq(reports.id, reportId)).limit(1))[0];
  if (!report) return null;
  const [doc, pub, org, key, findings, amounts, lines, indicators] = await Promise.all([
    db
      .select({ id: documents.id, fileName: documents.fileName, format: documents.format, status: documents.status, pageCount: documents.pageCount, sha256: documents.sha256, sourceUrl: documents.sourceUrl })
      .from(documents)
      .where(eq(documents.id, report.documentId)),
    report.publicationId === null ? [] : db.select().from(publications).where(eq(publications.id, report.publicationId)),
    report.organizationId === null ? [] : db.select({ id: organizations.id, name: organizations.canonicalName }).from(organizations).where(eq(organizations.id, report.organizationId)),
    db.select().from(reportKeys).where(eq(reportKeys.reportId, reportId)),
    db.select().from(validationFindings).where(eq(validationFindings.reportId, reportId)).orderBy(asc(validationFindings.id)),
    db.select().from(correctedAmounts).where(eq(correctedAmounts.reportId, reportId)).orderBy(sql`${correctedAmounts.id} ASC NULLS LAST`, asc(correctedAmounts.correctionId)),
    db.select().from(correctedExpenditureLines).where(eq(correctedExpenditureLines.reportId, reportId)).orderBy(asc(correctedExpenditureLines.ordinal)),
    db.select().from(correctedIndicators).where(eq(correctedIndicators.reportId, reportId)).orderBy(asc(correctedIndicators.ordinal)),
  ]);
  const publicationKey = key[0]!.publicationKey;
  const ids = [...amounts, ...lines, ...indicators].flatMap((v) => (v.correctionId === null ? [] : [v.correctionId]));
  const [inForce, orphaned] = await Promise.all([
    ids.length ? db.select().from(currentCorrections).where(inArray(currentCorrections.id, ids)) : [],
    db.select().from(currentCorrections).where(sql`${currentCorrections.publicationKey} = ${publicationKey} AND ${currentCorrections.orphaned}`),
  ]);
  const p = pub[0];
  return {
    report,
    document: doc[0]!,
    publication: p ? { id: p.id, key: p.identityKey, sourceCount: p.sourceCount, canonical: p.canonicalReportId === report.id } : null,
    publicationKey,
    organization: org[0] ?? null,
    findings,
    amounts,
    lines,
    indicators,
    corrections: new Map(inForce.map((c) => [c.id, c])),
    orphaned,
  };
}

/** The document model stored for a document (DOCX/XLSX are shown from it), or null. */
export async function readModel(db: Db, documentId: number): Promise<unknown> {
  const rows = rowsOf<{ model: unknown }>(await db.execute(sql`SELECT model FROM document_contents WHERE document_id = ${documentId}`));
  return rows[0]?.model ?? null;
}
