import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import {
  correctedAmounts,
  correctedExpenditureLines,
  correctedIndicators,
  corrections,
  documents,
  publications,
  reports,
  validationFindings,
  type CorrectedVerification,
  type CorrectionRow,
  type Db,
} from '@budget-ingest/db';
import type { Amount, Anchor, ExpenditureLine, Indicator, IndicatorValue, Op, Report, ValidationFinding } from '@budget-ingest/report-parser';

/** One document in the shape of GOLD.md, plus the document's status and findings (extra fields are allowed). */
export interface DocumentExport {
  readonly source: { readonly file: string; readonly sha256: string; readonly format: string; readonly url: string | null };
  readonly status: string;
  readonly error: string | null;
  readonly reports: readonly ExportedReport[];
}

/**
 * A report as exported: the contract's fields plus the publication it is a source of. A finding's
 * rule is the stored text: a document parsed by an older parser version may carry a retired rule.
 */
export type ExportedReport = Omit<Report, 'page_start' | 'page_end' | 'findings' | 'amounts' | 'expenditure_lines' | 'indicators'> & {
  readonly amounts: readonly Reviewed<Amount>[];
  readonly expenditure_lines: readonly Reviewed<ExpenditureLine>[];
  readonly indicators: readonly Reviewed<Indicator>[];
  readonly findings: readonly (Omit<ValidationFinding, 'rule'> & { readonly rule: string })[];
  /**
   * The publication's identity key (publications.identity_key): the same for every file of one
   * report, and the same in any database the files are loaded into (surrogate ids are not).
   */
  readonly publication: string | null;
};

/**
 * A value as exported: the parser's, with the reviewers' correction in force applied (the
 * corrected_* views). `verification` is `corrected` for a corrected or added value, `confirmed` for
 * one a reviewer confirmed; `review` is then the evidence: who, when, the note, what was parsed.
 */
export type Reviewed<T> = Omit<T, 'verification' | 'anchor' | 'bbox'> & {
  readonly verification: CorrectedVerification;
  readonly anchor: Anchor | null;
  readonly bbox: readonly [number, number, number, number] | null;
  readonly review?: ReviewEvidence;
};

export interface ReviewEvidence {
  readonly correction: number;
  readonly action: CorrectionRow['action'];
  readonly reviewer: string;
  readonly at: string;
  readonly note: string | null;
  /** The value as parsed when the correction was made (null for an added value). */
  readonly was: Readonly<Record<string, unknown>> | null;
}

export async function buildDocumentExport(db: Db, documentId: number): Promise<DocumentExport> {
  const doc = (await db.select().from(documents).where(eq(documents.id, documentId)).limit(1))[0];
  if (!doc) throw new Error(`no document with id ${documentId}`);
  const reportRows = await db
    .select({ report: reports, publicationKey: publications.identityKey })
    .from(reports)
    .leftJoin(publications, eq(publications.id, reports.publicationId))
    .where(eq(reports.documentId, documentId))
    .orderBy(asc(reports.ordinal))
    .then((rows) => rows.map((r) => ({ ...r.report, publicationKey: r.publicationKey })));
  const ids = reportRows.map((r) => r.id);
  const none = ids.length === 0;
  const [amountRows, lineRows, indicatorRows, findingRows] = none
    ? [[], [], [], []]
    : await Promise.all([
        db.select().from(correctedAmounts).where(inArray(correctedAmounts.reportId, ids)).orderBy(sql`${correctedAmounts.id} ASC NULLS LAST`, asc(correctedAmounts.correctionId)),
        db.select().from(correctedExpenditureLines).where(inArray(correctedExpenditureLines.reportId, ids)).orderBy(asc(correctedExpenditureLines.ordinal)),
        db.select().from(correctedIndicators).where(inArray(correctedIndicators.reportId, ids)).orderBy(asc(correctedIndicators.ordinal)),
        db.select().from(validationFindings).where(inArray(validationFindings.reportId, ids)).orderBy(asc(validationFindings.id)),
      ]);
  const correctionIds = [...amountRows, ...lineRows, ...indicatorRows].flatMap((v) => (v.correctionId === null ? [] : [v.correctionId]));
  const evidence = new Map(
    (correctionIds.length ? await db.select().from(corrections).where(inArray(corrections.id, correctionIds)) : []).map((c) => [
      c.id,
      { correction: c.id, action: c.action, reviewer: c.reviewer, at: c.createdAt.toISOString(), note: c.note, was: c.oldValue } satisfies ReviewEvidence,
    ]),
  );
  const traced = (row: TracedRow) => tracedOf(row, evidence);
  return {
    source: { file: doc.fileName, sha256: doc.sha256, format: doc.format, url: doc.sourceUrl },
    status: doc.status,
    error: doc.errorMessage,
    reports: reportRows.map((r) => ({
      publication: r.publicationKey,
      kind: r.kind,
      title: r.title,
      organization: r.organization,
      region: r.regionCode ? { code: r.regionCode, province: r.province, city: r.city, county: r.county } : null,
      fiscal_year: r.fiscalYear,
      published_on: r.publishedOn,
      document_number: r.documentNumber,
      self_evaluation: r.selfEvaluationScore !== null || r.selfEvaluationRating !== null ? { score: r.selfEvaluationScore, rating: r.selfEvaluationRating } : null,
      amounts: amountRows
        .filter((a) => a.reportId === r.id)
        .map(
          (a): Reviewed<Amount> => ({
            item: a.item,
            phase: a.phase,
            fiscal_year: a.fiscalYear,
            yuan: a.yuan,
            source_text: a.sourceText,
            page: a.page,
            ...(a.alternatives.length ? { alternatives: a.alternatives } : {}),
            ...traced(a),
          }),
        ),
      expenditure_lines: lineRows
        .filter((l) => l.reportId === r.id)
        .map(
          (l): Reviewed<ExpenditureLine> => ({
            classification: l.classification,
            path: l.path,
            code: l.code,
            phase: l.phase,
            fiscal_year: l.fiscalYear,
            yuan: l.yuan,
            budget_yuan: l.budgetYuan,
            source_text: l.sourceText,
            page: l.page,
            ...traced(l),
          }),
        ),
      indicators: indicatorRows
        .filter((i) => i.reportId === r.id)
        .map(
          (i): Reviewed<Indicator> => ({
            level1: i.level1,
            level2: i.level2,
            level3: i.level3,
            target: indicatorValue(i.targetRaw, i.targetOp, i.targetValue, i.targetUnit),
            actual: indicatorValue(i.actualRaw, i.actualOp, i.actualValue, i.actualUnit),
            weight: i.weight,
            score: i.score,
            note: i.note,
            page: i.page,
            ...traced(i),
          }),
        ),
      findings: findingRows
        .filter((f) => f.reportId === r.id)
        .map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, expected: f.expected, actual: f.actual, pages: f.pages, ...(f.valuesInvolved.length ? { values: f.valuesInvolved } : {}) })),
    })),
  };
}

interface TracedRow {
  readonly verification: CorrectedVerification;
  readonly anchor: Anchor | null;
  readonly bbox: number[] | null;
  readonly printedReading: string | null;
  readonly correctionId: number | null;
}

/**
 * verification, anchor and bbox of a stored value (GOLD.md: export only), printed_reading where OCR's
 * reading was corrected by a sum, and the review that set its verification.
 */
function tracedOf(row: TracedRow, evidence: ReadonlyMap<number, ReviewEvidence>): Pick<Reviewed<Amount>, 'verification' | 'anchor' | 'bbox' | 'review' | 'printed_reading'> {
  const review = row.correctionId === null ? undefined : evidence.get(row.correctionId);
  return {
    verification: row.verification,
    anchor: row.anchor,
    bbox: row.bbox && row.bbox.length === 4 ? [row.bbox[0]!, row.bbox[1]!, row.bbox[2]!, row.bbox[3]!] : null,
    ...(row.printedReading !== null ? { printed_reading: row.printedReading } : {}),
    ...(review ? { review } : {}),
  };
}

function indicatorValue(raw: string | null, op: Op | null, value: string | null, unit: string | null): IndicatorValue | null {
  return raw === null ? null : { raw, op, value, unit };
}

/**
 * Writes `<original file name>.json` per document into `outDir`. Two
 * different files with the same name get the sha256 prefix appended, so no
 * export overwrites another; a name too long for the file system is cut (see exportFileName).
 */
export async function exportJson(db: Db, outDir: string, documentIds?: readonly number[]): Promise<{ written: string[] }> {
  await mkdir(outDir, { recursive: true });
  const docs = await db
    .select({ id: documents.id, fileName: documents.fileName, sha256: documents.sha256 })
    .from(documents)
    .where(documentIds ? inArray(documents.id, [...documentIds]) : undefined)
    .orderBy(asc(documents.id));
  const used = new Set<string>();
  const written: string[] = [];
  for (const d of docs) {
    const name = exportFileName(d.fileName, d.sha256, used);
    used.add(name);
    const body = await buildDocumentExport(db, d.id);
    const path = join(outDir, name);
    await writeFile(path, JSON.stringify(body, null, 2) + '\n');
    written.push(path);
  }
  return { written };
}

/** Most bytes in one file name on Linux, macOS and Windows file systems (ext4, APFS, NTFS count 255). */
const MAX_NAME_BYTES = 255;

/**
 * `<file name>.json`, or `<file name>.<sha256 prefix>.json` when another document already took that
 * name. A portal chooses file names: one over 255 bytes is cut on a character boundary (never inside
 * a UTF-8 sequence) and ends `….<sha256 prefix>.json`, so it stays unique and names its document;
 * the full name stays inside the JSON (`source.file`).
 */
export function exportFileName(fileName: string, sha256: string, used: ReadonlySet<string> = new Set()): string {
  const plain = `${fileName}.json`;
  if (Buffer.byteLength(plain) <= MAX_NAME_BYTES && !used.has(plain)) return plain;
  const suffix = `.${sha256.slice(0, 12)}.json`;
  const budget = MAX_NAME_BYTES - Buffer.byteLength(suffix);
  if (Buffer.byteLength(fileName) <= budget) return `${fileName}${suffix}`;
  let cut = '';
  let bytes = 0;
  for (const ch of fileName) {
    const n = Buffer.byteLength(ch);
    if (bytes + n + Buffer.byteLength('…') > budget) break;
    cut += ch;
    bytes += n;
  }
  return `${cut}…${suffix}`;
}
