import { blockText, maxOf, minOf, pushAll, toTextGrid, type Block, type DocumentModel } from '@budget-ingest/doc-model';
import { readAmountSentences } from './amount-sentences.ts';
import { readAmountTables } from './amount-tables.ts';
import { readUnitlessTables } from './unit-choice.ts';
import type { AmountCandidate } from './candidates.ts';
import { runChecksRecorded } from './checks/index.ts';
import { tableQualityWarnings } from './checks/table-quality.ts';
import { dedupeAmounts, dedupeLines } from './dedupe.ts';
import { readEconomicLines } from './economic-lines.ts';
import { readFunctionalLines } from './functional-lines.ts';
import { documentNumber, dominantYear, organisationFromLabel, organisationFromMasthead, organisationFromOpening, organisationFromPortalFrame, organisationFromSignature, organisationFromTitle, publishedOn, rating, scoreStatements, yearFromTitle, type ScoreStatement } from './identity.ts';
import { organisationFromForm, parentOrganisationFromForm } from './form-identity.ts';
import { completeOrganisation } from './organisation-place.ts';
import { readIndicatorTables } from './indicator-table.ts';
import { outOfScope } from './out-of-scope.ts';
import { readProjectLines } from './project-lines.ts';
import { readProjectTotals } from './project-totals.ts';
import { resolveRegion } from './region.ts';
import { findingOf } from './checks/rules.ts';
import { splitReports, type ReportPart } from './report-splitter.ts';
import { isMainKind, reportKindSpec } from './specs/report-kinds.ts';
import { readStandardTables } from './standard-tables/index.ts';
import { classifyTitle } from './standard-tables/table-kinds.ts';
import { appendReport, reportTracer, type LineMerge, type LineSource, type ReportTracer } from './report-trace.ts';
import { createTrace, type ParseTrace } from './trace.ts';
import { displayName, normaliseText } from './text.ts';
import { toTextUnits } from './text-units.ts';
import type { ParseResult, ParseWarning, Report, ValidationFinding } from './types.ts';
import { traceValues } from './verification.ts';
import { applySumCorrections, correctOcrBySums } from './ocr-sum-correction.ts';

/** Bump when parsing output changes; `reparse` re-runs documents parsed by an older version. */
export const PARSER_VERSION = '0.4.0';

/** Normalised lines of some blocks: paragraphs and headings as they are, table rows cell by cell. */
function linesOf(blocks: readonly Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'table') {
      for (const row of toTextGrid(b)) {
        const cells = row.map(normaliseText).filter((c, i, all) => c !== '' && c !== all[i - 1]);
        pushAll(out, cells);
      }
    } else out.push(normaliseText(blockText(b)));
  }
  return out;
}

/**
 * Document model → reports: splits the document into its reports, reads each
 * one's identity, amounts, expenditure lines and indicators, and checks them.
 * Pure: the model in, values and warnings out.
 */
export function parseDocument(model: DocumentModel, options: { readonly trace?: ParseTrace } = {}): ParseResult {
  const warnings: ParseWarning[] = [];
  const blocks = model.blocks;
  if (blocks.length === 0) return { reports: [], warnings: [{ code: 'no-text', message: 'the document has no text blocks' }] };
  const scope = outOfScope(blocks);
  if (scope) return { reports: [], warnings: [], outOfScope: scope };
  const parts = splitReports(blocks);
  if (parts.length === 0) return { reports: [], warnings: [{ code: 'no-report-found', message: 'no report title and no report vocabulary found; the document is not read as a report' }] };
  const allLines = linesOf(blocks);
  const docText = allLines.join('\n');
  const docPublished = publishedOn(allLines);
  const mainPart = parts.find((p) => isMainKind(p.kind)) ?? parts[0]!;
  const mainOrg = organisationOf(mainPart, blocks);
  const allScores = scoreStatements(allLines);

  const traces = parts.map(() => (options.trace ? createTrace() : undefined));
  const parsed = parts.map((part, i) => parsePart(part, blocks, { docText, docPublished, mainOrg, allScores }, warnings, traces[i] && reportTracer(traces[i], part)));
  // An untitled part from which nothing could be read (a blank template) is not a report.
  const kept = parsed.map((r, i) => parts[i]!.title !== null || r.amounts.length + r.expenditure_lines.length + r.indicators.length > 0);
  const reports = parsed.filter((_, i) => kept[i]);
  if (options.trace) traces.filter((_, i) => kept[i]).forEach((t, report) => appendReport(options.trace!, t!, report));
  if (reports.length < parsed.length) warnings.push({ code: 'empty-untitled-report', message: 'an untitled part yielded no figures and was left out' });
  if (reports.length > 0 && parts.every((p) => p.title === null)) warnings.push({ code: 'no-report-title', message: 'no report title found; the document was read as one report' });
  const inferred = parts.find((p) => p.inferred)?.inferred;
  if (reports.length > 0 && inferred) warnings.push({ code: 'kind-inferred', message: `report kind ${inferred.kind} inferred from the document as a whole (confidence ${inferred.confidence.toFixed(2)}; evidence: ${inferred.evidence.join(', ')})` });
  return { reports, warnings };
}

interface DocContext {
  readonly docText: string;
  readonly docPublished: string | null;
  readonly mainOrg: string | null;
  readonly allScores: readonly ScoreStatement[];
}

/**
 * The unit that reports: a form's own header cells first (实施单位 before
 * 主管部门), else the title's organisation, a masthead's, a signature block's
 * (cover or 落款), a form's or a labelled one in the text, else the publisher
 * a portal page's frame names.
 */
function organisationOf(part: ReportPart, blocks: readonly Block[]): string | null {
  const lines = linesOf(part.positions.map((p) => blocks[p]!));
  const fromForm = organisationFromForm(lines);
  if (part.form && fromForm) return fromForm;
  const fromTitle = part.title ? organisationFromTitle(part.title) : null;
  if (fromTitle) return fromTitle;
  return organisationFromMasthead(lines) ?? organisationFromSignature(lines) ?? fromForm ?? organisationFromLabel(lines) ?? organisationFromPortalFrame(lines) ?? organisationFromOpening(lines);
}

/** One report of the document; reading problems go to `warnings` (the document's, not the report's). */
function parsePart(part: ReportPart, blocks: readonly Block[], doc: DocContext, warnings: ParseWarning[], explain?: ReportTracer): Report {
  const own = part.positions.map((p) => blocks[p]!);
  const lines = linesOf(own);
  const named = organisationOf(part, blocks) ?? doc.mainOrg;
  const organization = named === null ? null : completeOrganisation(named, doc.docText);
  const findings: ValidationFinding[] = [];

  const regionResult = resolveRegion([organization ?? '', part.title ?? ''].filter((s) => s !== ''), doc.docText);
  if (regionResult.region === null && regionResult.ambiguous) {
    findings.push(findingOf('region-ambiguous', `行政区划无法唯一确定（候选：${regionResult.candidates.join('、')}）`, { expected: null, actual: regionResult.candidates.join(',') }, []));
  }
  const fiscalYear = yearFromTitle(part.title) ?? dominantYear(lines);
  const published = publishedOn(lines) ?? doc.docPublished;
  const units = toTextUnits(blocks, part.positions);
  const spec = reportKindSpec(part.kind);
  const phase = spec.defaultPhase;

  explain?.repeated(units);
  const reject = explain?.reject;

  // Amounts: running text, small tables, standard tables.
  const candidates: AmountCandidate[] = [...readAmountSentences(units, { fiscalYear, kind: part.kind, reject }).map(by('amount-sentences', explain))];
  if (spec.readers.projectTotals) pushAll(candidates, readProjectTotals(units, fiscalYear).map(by('project-totals', explain)));
  const standard = readStandardTables(own, { fiscalYear, kind: part.kind });
  const smallTables = withoutStandardTables(own, standard.tables);
  const tableRead = readAmountTables(smallTables, fiscalYear);
  pushAll(candidates, tableRead.amounts.map(by('amount-tables', explain, 'form_money')));
  // A small table that states no unit: the reading (元 or 万元) the text restates.
  const unitless = readUnitlessTables(smallTables, fiscalYear, candidates.filter((c) => c.origin === 'text'));
  pushAll(candidates, unitless.amounts.map(by('amount-tables', explain, 'form_money')));
  pushAll(warnings, unitless.warnings);
  standard.amounts.forEach((a, i) => candidates.push({ ...a, scale: -2, origin: 'table', order: 1e12 + i, ...(explain ? { reader: 'standard-tables', spec: classifyTitle(a.source_text.split('：')[0]!) } : {}) }));
  const { amounts, findings: dedupeFindings } = dedupeAmounts(candidates, explain?.amount);
  pushAll(findings, dedupeFindings);
  pushAll(warnings, standard.warnings);

  // Expenditure lines.
  const projectName = spec.readers.projectTotals ? projectNameOf(lines) : null;
  const lineCtx = { fiscalYear, defaultPhase: phase, reject };
  // Table lines first: a line stated in a table and in the text is the table's (dedupeLines).
  const lineSources: LineSource[] = [
    { reader: 'standard-tables', spec: null, lines: standard.lines },
    { reader: 'amount-tables', spec: 'form_money', lines: [...tableRead.lines, ...unitless.lines] },
    { reader: 'functional-lines', spec: null, lines: readFunctionalLines(units, lineCtx) },
    { reader: 'economic-lines', spec: null, lines: spec.readers.economicLines ? readEconomicLines(units, lineCtx) : [] },
    { reader: 'project-lines', spec: null, lines: readProjectLines(units, { ...lineCtx, projectName, projectReport: spec.readers.projectTotals }) },
  ];
  const merges: LineMerge[] = [];
  const expenditureLines = dedupeLines(
    lineSources.flatMap((s) => s.lines),
    explain && ((line, into) => merges.push([line, into])),
  );
  explain?.lines(lineSources, merges, expenditureLines);

  // Indicators and self-evaluation.
  const indicatorRead = readIndicatorTables(own, explain?.skippedRow);
  explain?.indicators(indicatorRead.indicators, own);
  let selfEvaluation: Report['self_evaluation'] = null;
  if (spec.readers.selfEvaluation) {
    const subject = spec.subject ?? 'department';
    const ownScores = scoreStatements(lines);
    const score = indicatorRead.totalScore ?? ownScores[0]?.score ?? doc.allScores.find((s) => s.subject === subject)?.score ?? null;
    const rated = indicatorRead.rating ?? rating(lines);
    selfEvaluation = score === null && rated === null ? null : { score, rating: rated };
  }

  const parent = part.form ? parentOrganisationFromForm(lines) : null;
  const report: Report = {
    kind: part.kind,
    title: part.title === null ? null : displayName(part.title),
    organization,
    ...(parent ? { parent_organization: completeOrganisation(parent, doc.docText) } : {}),
    region: regionResult.region,
    fiscal_year: fiscalYear,
    published_on: published,
    document_number: documentNumber(lines.slice(0, 12)),
    self_evaluation: selfEvaluation,
    amounts,
    expenditure_lines: expenditureLines,
    indicators: indicatorRead.indicators,
    findings: [],
    page_start: pageBound(own, minOf),
    page_end: pageBound(own, maxOf),
  };
  const { findings: checked, comparisons } = runChecksRecorded(report, { tables: standard.tables, blocks: own });
  pushAll(findings, checked);
  pushAll(warnings, tableQualityWarnings(standard.tables, comparisons));
  // Figures read by OCR that made a sum fail: one confused digit read again where exactly one reading makes it hold.
  const fixed = applySumCorrections(report, findings, comparisons, correctOcrBySums(comparisons, own));
  return traceValues({ ...fixed.report, findings: fixed.findings }, blocks, { findings: fixed.findings, comparisons: fixed.comparisons });
}

/** Tags a reader's candidates with the reader and spec for `explain`; leaves them as they are when nobody explains. */
function by(reader: string, explain: unknown, spec: string | null = null): (c: AmountCandidate) => AmountCandidate {
  return explain ? (c) => ({ ...c, reader, spec }) : (c) => c;
}

/** The blocks minus the standard tables (and the table blocks that continue them), which standard-tables/ reads. */
function withoutStandardTables(blocks: readonly Block[], tables: readonly { readonly blockIndex: number }[]): Block[] {
  const starts = new Set(tables.map((t) => t.blockIndex));
  const out: Block[] = [];
  let inStandard = false;
  for (const b of blocks) {
    if (b.kind !== 'table') inStandard = false;
    else if (starts.has(b.index)) inStandard = true;
    if (!inStandard) out.push(b);
  }
  return out;
}

function pageBound(blocks: readonly Block[], pick: (values: readonly number[]) => number): number | null {
  const pages = blocks.flatMap((b) => [b.page, b.kind === 'table' ? (b.pageEnd ?? null) : null]).filter((p): p is number => p !== null);
  return pages.length === 0 ? null : pick(pages);
}

/** The project a project self-evaluation report is about: 项目名称 / 项目主要内容. */
function projectNameOf(lines: readonly string[]): string | null {
  for (let i = 0; i < lines.length; i++) {
    const m = /^(?:\d+[、.])?(?:项目名称|项目主要内容)[:]?(.*)$/.exec(lines[i]!);
    if (!m) continue;
    const value = (m[1] || lines[i + 1] || '').replace(/^\d{4}年度?/, '').replace(/[。.]$/, '');
    if (value.length >= 2 && value.length <= 40) return value;
  }
  return null;
}
