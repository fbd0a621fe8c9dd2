import { eq } from 'drizzle-orm';
import { amounts, documents, expenditureLines, indicators, reports, validationFindings, type Db } from '@budget-ingest/db';
import type { Anchor, Report, Traced, Verification } from '@budget-ingest/report-parser';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Replaces a document's reports and all their rows inside the caller's
 * transaction: children cascade from reports, so a re-parse never leaves
 * duplicates or a half-written report. One multi-row INSERT per table.
 *
 * The document's row is locked first: two processes parsing the same
 * document at once (two `ingest` runs on one folder) then take turns, and
 * the second deletes what the first committed instead of both inserting
 * report 0 and one dying on the unique (document_id, ordinal).
 */
export async function replaceReports(tx: Tx, documentId: number, parsed: readonly Report[]): Promise<number[]> {
  await tx.select({ id: documents.id }).from(documents).where(eq(documents.id, documentId)).for('update');
  await tx.delete(reports).where(eq(reports.documentId, documentId));
  if (parsed.length === 0) return [];
  const ids = await tx
    .insert(reports)
    .values(
      parsed.map((r, ordinal) => ({
        documentId,
        ordinal,
        kind: r.kind,
        title: r.title,
        organization: r.organization,
        regionCode: r.region?.code ?? null,
        province: r.region?.province ?? null,
        city: r.region?.city ?? null,
        county: r.region?.county ?? null,
        fiscalYear: r.fiscal_year,
        publishedOn: r.published_on,
        documentNumber: r.document_number,
        selfEvaluationScore: r.self_evaluation?.score ?? null,
        selfEvaluationRating: r.self_evaluation?.rating ?? null,
        pageStart: r.page_start,
        pageEnd: r.page_end,
      })),
    )
    .returning({ id: reports.id, ordinal: reports.ordinal });
  const idOf = new Map(ids.map((r) => [r.ordinal, r.id]));

  const amountRows = parsed.flatMap((r, i) =>
    r.amounts.map((a) => ({
      reportId: idOf.get(i)!,
      item: a.item,
      phase: a.phase,
      fiscalYear: a.fiscal_year,
      yuan: a.yuan,
      alternatives: a.alternatives ?? [],
      sourceText: a.source_text,
      page: a.page,
      ...tracedRow(a),
    })),
  );
  const lineRows = parsed.flatMap((r, i) =>
    r.expenditure_lines.map((l, ordinal) => ({
      reportId: idOf.get(i)!,
      ordinal,
      classification: l.classification,
      path: [...l.path],
      code: l.code,
      phase: l.phase,
      fiscalYear: l.fiscal_year,
      yuan: l.yuan,
      budgetYuan: l.budget_yuan,
      sourceText: l.source_text,
      page: l.page,
      ...tracedRow(l),
    })),
  );
  const indicatorRows = parsed.flatMap((r, i) =>
    r.indicators.map((ind, ordinal) => ({
      reportId: idOf.get(i)!,
      ordinal,
      level1: ind.level1,
      level2: ind.level2,
      level3: ind.level3,
      targetRaw: ind.target?.raw ?? null,
      targetOp: ind.target?.op ?? null,
      targetValue: ind.target?.value ?? null,
      targetUnit: ind.target?.unit ?? null,
      actualRaw: ind.actual?.raw ?? null,
      actualOp: ind.actual?.op ?? null,
      actualValue: ind.actual?.value ?? null,
      actualUnit: ind.actual?.unit ?? null,
      weight: ind.weight,
      score: ind.score,
      note: ind.note,
      page: ind.page,
      ...tracedRow(ind),
    })),
  );
  const findingRows = parsed.flatMap((r, i) =>
    r.findings.map((f) => ({
      reportId: idOf.get(i)!,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      expected: f.expected,
      actual: f.actual,
      pages: [...f.pages],
      valuesInvolved: f.values ?? [],
    })),
  );
  // Chunked so a huge report never exceeds Postgres' 65 535 bind parameters.
  for (const chunk of chunks(amountRows)) await tx.insert(amounts).values(chunk);
  for (const chunk of chunks(lineRows)) await tx.insert(expenditureLines).values(chunk);
  for (const chunk of chunks(indicatorRows)) await tx.insert(indicators).values(chunk);
  for (const chunk of chunks(findingRows)) await tx.insert(validationFindings).values(chunk);
  return parsed.map((_, i) => idOf.get(i)!);
}

/** A value's verification and place as row columns (unconfirmed, no place, when the parser did not set them). */
function tracedRow(v: Traced): { verification: Verification; anchor: Anchor | null; bbox: number[] | null; printedReading: string | null } {
  return { verification: v.verification ?? 'unconfirmed', anchor: v.anchor ?? null, bbox: v.bbox ? [...v.bbox] : null, printedReading: v.printed_reading ?? null };
}

function chunks<T>(rows: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
