/**
 * The report contract's vocabulary (test/fixtures/corpus/GOLD.md): the value lists that the parser
 * produces and the database schema stores as enums. Values only, in its own package, so the schema
 * does not depend on the parser to name them.
 */

export const REPORT_KINDS = [
  'department_performance_self_evaluation',
  'project_performance_self_evaluation',
  'department_final_accounts',
  'department_budget',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const AMOUNT_ITEMS = [
  'total_income',
  'total_expenditure',
  'fiscal_appropriation',
  'general_public_budget',
  'government_fund_budget',
  'basic_expenditure',
  'personnel_expenditure',
  'public_expenditure',
  'project_expenditure',
  'three_public_expenditure',
  'official_reception',
  'official_vehicles',
  'overseas_travel',
  'agency_operating_expenditure',
  'government_procurement',
] as const;
export type AmountItem = (typeof AMOUNT_ITEMS)[number];

export const PHASES = ['budget_initial', 'budget_adjusted', 'actual'] as const;
export type Phase = (typeof PHASES)[number];

export const CLASSIFICATIONS = ['functional', 'economic', 'project'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const OPS = ['>=', '<=', '=', '>', '<'] as const;
export type Op = (typeof OPS)[number];

/**
 * How far a value can be trusted (verification.ts): `confirmed` when a sum
 * rule of its table holds with it or a second statement of it agrees,
 * `contradicted` when a check that involves it fails (a finding names it),
 * `corrected-by-sum` when it was read by OCR and its printed reading made a
 * sum fail that exactly one reading of a digit OCR confuses makes hold (the
 * value is that reading; `printed_reading` keeps what OCR read), else
 * `unconfirmed`.
 */
export const VERIFICATIONS = ['confirmed', 'unconfirmed', 'contradicted', 'corrected-by-sum'] as const;
export type Verification = (typeof VERIFICATIONS)[number];
