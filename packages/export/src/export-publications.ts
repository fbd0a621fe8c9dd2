import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asc, eq, isNotNull } from 'drizzle-orm';
import { documents, publications, reports, type Db } from '@budget-ingest/db';
import { amountKey, lineKey } from '@budget-ingest/publications';
import { buildDocumentExport, type ExportedReport } from './export-json.ts';

/** One publication as exported: the canonical source's report, completed from the other sources. */
export interface PublicationExport {
  readonly publication: number;
  readonly identity_key: string;
  readonly sources: readonly { readonly file: string; readonly sha256: string; readonly format: string; readonly canonical: boolean }[];
  readonly report: ExportedReport;
}

/** A value another source added, with the file it came from. */
type Valued<T> = T & { readonly source_file?: string };

/**
 * `export --by publication`: one `publication-<id>.json` per publication. Its
 * report is the canonical source's; a value only another source states (the
 * indicator rows of a 附件 spreadsheet the PDF lacks) is added with the
 * `source_file` it came from. Where sources disagree, the canonical value stands
 * and the `sources-disagree` finding among its findings names both.
 */
export async function exportPublications(db: Db, outDir: string): Promise<{ written: string[] }> {
  await mkdir(outDir, { recursive: true });
  const pubs = await db.select().from(publications).where(isNotNull(publications.canonicalReportId)).orderBy(asc(publications.id));
  const written: string[] = [];
  for (const pub of pubs) {
    const sourceRows = await db
      .select({ reportId: reports.id, documentId: reports.documentId, ordinal: reports.ordinal, file: documents.fileName, sha256: documents.sha256, format: documents.format })
      .from(reports)
      .innerJoin(documents, eq(documents.id, reports.documentId))
      .where(eq(reports.publicationId, pub.id))
      .orderBy(asc(reports.id));
    const exported = await Promise.all(sourceRows.map(async (s) => ({ ...s, report: (await buildDocumentExport(db, s.documentId)).reports[s.ordinal]! })));
    const canonical = exported.find((s) => s.reportId === pub.canonicalReportId);
    if (!canonical) continue;
    const others = exported.filter((s) => s !== canonical);
    const body: PublicationExport = {
      publication: pub.id,
      identity_key: pub.identityKey,
      sources: exported.map((s) => ({ file: s.file, sha256: s.sha256, format: s.format, canonical: s === canonical })),
      report: {
        ...canonical.report,
        amounts: merge(canonical.report.amounts, others.map((o) => [o.file, o.report.amounts] as const), amountKey),
        expenditure_lines: merge(
          canonical.report.expenditure_lines,
          others.map((o) => [o.file, o.report.expenditure_lines] as const),
          lineKey,
        ),
        indicators: merge(canonical.report.indicators, others.map((o) => [o.file, o.report.indicators] as const), (i) => `${i.level1}|${i.level2}|${i.level3}`),
      },
    };
    const path = join(outDir, `publication-${pub.id}.json`);
    await writeFile(path, JSON.stringify(body, null, 2) + '\n');
    written.push(path);
  }
  return { written };
}

function merge<T extends object>(base: readonly T[], others: readonly (readonly [string, readonly T[]])[], keyOf: (v: T) => string): Valued<T>[] {
  const seen = new Set(base.map(keyOf));
  const out: Valued<T>[] = [...base];
  for (const [file, values] of others) {
    for (const v of values) {
      const key = keyOf(v);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...v, source_file: file });
    }
  }
  return out;
}
