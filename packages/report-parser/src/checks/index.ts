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
import { recordComparisons, type Comparison } from './compare.ts';
import { checkReport } from './report-checks.ts';
import { checkAgreement, checkTables } from './table-checks.ts';
import { checkExecutionRates } from './execution-rates.ts';
import { checkComparisonYears, checkFunctionalStatements, checkHeadlineStatements, checkStatedChanges } from './text-checks.ts';

export { CHECK_RULES, CHECK_RULE_IDS, type CheckRule } from './rules.ts';
export type { Comparison } from './compare.ts';

export interface CheckContext {
  /** The standard tables `readStandardTables` recognised in this report's part of the document. */
  readonly tables: readonly RecognisedTable[];
  /** The report's blocks (its part of the document): the running text the text checks read. */
  readonly blocks: readonly Block[];
}

/**
 * Runs every check on one report. Each finding names its rule (one of
 * `CHECK_RULES`), severity, page(s), the printed value (`actual`) and the
 * computed or expected one (`expected`), with a one-line message in Chinese.
 * Figures are compared at their printed precision (元 or 万元, units converted).
 */
export function runChecks(report: Report, ctx: CheckContext): ValidationFinding[] {
  const text = { fiscalYear: report.fiscal_year, kind: report.kind, tables: ctx.tables };
  const findings = [
    ...checkTables(ctx.tables),
    ...checkAgreement(ctx.tables),
    ...checkReport(report, ctx.tables, ctx.blocks),
    ...checkHeadlineStatements(ctx.blocks, text),
    ...checkFunctionalStatements(ctx.blocks, text),
    ...checkStatedChanges(ctx.blocks),
    ...checkExecutionRates(ctx.blocks),
    ...checkComparisonYears(ctx.blocks, report.fiscal_year),
  ];
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
