/**
 * The checks inspectors of 预决算公开 apply to a department's budget or final
 * accounts: tables that add up, tables that agree with each other, text that
 * agrees with the tables, stated changes and execution rates that follow from
 * their figures, names and years that match. Findings report; they never
 * change the report.
 */
import type { Block } from '@budget-ingest/doc-model';
import type { RecognisedTable } from '../standard-tables/index.ts';
import type { Report, ValidationFinding } from '../types.ts';
import { CHECK_GROUPS, reportKindSpec, type CheckGroup } from '../specs/report-kinds.ts';
import { recordComparisons, type Comparison } from './compare.ts';
import { checkReport } from './report-checks.ts';
import { checkAgreement, checkTables } from './table-checks.ts';
import { checkExecutionRates } from './execution-rates.ts';
import { checkComparisonYears, checkFunctionalStatements, checkHeadlineStatements, checkStatedChanges } from './text-checks.ts';

export type { Comparison } from './compare.ts';

export interface CheckContext {
  /** The standard tables `readStandardTables` recognised in this report's part of the document. */
  readonly tables: readonly RecognisedTable[];
  /** The report's blocks (its part of the document): the running text the text checks read. */
  readonly blocks: readonly Block[];
}

/**
 * Runs the checks of the report's kind on it. Each finding names its rule (one of
 * `FINDING_RULES` in finding-rules.ts), severity, page(s), the printed value (`actual`) and the
 * computed or expected one (`expected`), with a one-line message in Chinese.
 * Figures are compared at their printed precision (元 or 万元, units converted).
 */
export function runChecks(report: Report, ctx: CheckContext): ValidationFinding[] {
  const text = { fiscalYear: report.fiscal_year, kind: report.kind, tables: ctx.tables };
  const groups: Record<CheckGroup, () => ValidationFinding[]> = {
    tables: () => checkTables(ctx.tables),
    'table-agreement': () => checkAgreement(ctx.tables),
    report: () => checkReport(report, ctx.tables, ctx.blocks),
    'headline-text': () => checkHeadlineStatements(ctx.blocks, text),
    'functional-text': () => checkFunctionalStatements(ctx.blocks, text),
    'stated-changes': () => checkStatedChanges(ctx.blocks),
    'execution-rates': () => checkExecutionRates(ctx.blocks),
    'comparison-years': () => checkComparisonYears(ctx.blocks, report.fiscal_year),
  };
  // The groups the report's kind lists (specs/report-kinds.ts), in the order of CHECK_GROUPS.
  const applies = new Set(reportKindSpec(report.kind).checks);
  const findings = CHECK_GROUPS.filter((g) => applies.has(g)).flatMap((g) => groups[g]());
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `runChecks` with every comparison the checks made, passes included: what verification.ts confirms values from. */
export function runChecksRecorded(report: Report, ctx: CheckContext): { findings: ValidationFinding[]; comparisons: Comparison[] } {
  const { result, comparisons } = recordComparisons(() => runChecks(report, ctx));
  return { findings: result, comparisons };
}
