import type { ReportKind } from '../types.ts';
import { toCompactText } from '@budget-ingest/doc-model';

/**
 * The nine standard tables of a 部门预算 / 部门决算 (Ministry of Finance
 * templates), by what they hold rather than by their exact title, which
 * differs between 预算 and 决算 and between provinces.
 */
export const STANDARD_TABLE_KINDS = [
  /** 收入支出决算总表 / 财务收支预算总表 / 收支预算总表 */
  'summary',
  /** 收入决算表 / 收入预算总表 */
  'income',
  /** 支出决算表 / 支出预算总表 */
  'expenditure',
  /** 财政拨款收入支出决算总表 / 财政拨款收支预算总表 */
  'fiscal_summary',
  /** 一般公共预算财政拨款支出决算表 / 一般公共预算支出功能分类预算表 / 财政拨款支出预算表（功能科目） */
  'general_budget_functional',
  /** 一般公共预算财政拨款基本支出决算表 / 一般公共预算基本支出经济分类预算表 */
  'basic_economic',
  /** 财政拨款“三公”经费支出决算表 / “三公”经费和机关运行经费预算表 */
  'three_public',
  /** 政府性基金预算财政拨款收入支出决算表 / 政府性基金预算支出功能分类预算表 */
  'government_fund',
  /** 国有资本经营预算财政拨款收入支出决算表 / 国有资本经营预算支出功能分类预算表 */
  'state_capital',
] as const;
export type StandardTableKind = (typeof STANDARD_TABLE_KINDS)[number];

/** Standard tables whose rows are 支出功能分类 codes (类/款/项). */
export const FUNCTIONAL_TABLE_KINDS: readonly StandardTableKind[] = ['income', 'expenditure', 'general_budget_functional', 'government_fund', 'state_capital'];

const TITLE_RULES: readonly (readonly [RegExp, StandardTableKind])[] = [
  [/三公/, 'three_public'],
  [/政府性基金/, 'government_fund'],
  [/国有资本经营/, 'state_capital'],
  [/基本支出.*(决算|预算)表|基本支出.*经济分类|经济分类.*基本支出/, 'basic_economic'],
  [/财政拨款(收入支出|收支)(决算|预算)总表/, 'fiscal_summary'],
  [/(一般公共预算|财政拨款).*支出.*(决算|预算)表|一般公共预算支出功能分类/, 'general_budget_functional'],
  [/(收入支出|收支)(决算|预算)总表/, 'summary'],
];

/** 收入表 / 支出表 are named by a bare 收入/支出; "机关运行经费支出预算表" or "政府采购预算表" are other tables. */
const INCOME_OR_EXPENDITURE = /(?<![费金款算营购资])(收入|支出)(决算|预算)(总)?表$/;

/** Strips white space and normalises width, so titles compare the same whatever the extractor gave. */
export function normaliseTitle(text: string): string {
  return toCompactText(text);
}

/**
 * The standard table a title names, or null. Titles are genre vocabulary:
 * "2026年部门财务收支预算总表", "收入支出决算总表", "公开05表 财政拨款支出预算表".
 * A title must name a 表 (a sentence that mentions 支出 is not a title).
 */
export function classifyTitle(title: string): StandardTableKind | null {
  const t = normaliseTitle(title);
  if (t.length > 60 || !/表/.test(t)) return null;
  // Narrative section headings ("…决算情况说明") name a table's explanation, not the table.
  if (/说明|情况$/.test(t)) return null;
  for (const [re, kind] of TITLE_RULES) if (re.test(t)) return kind;
  const m = t.match(INCOME_OR_EXPENDITURE);
  if (m) return m[1] === '收入' ? 'income' : 'expenditure';
  return null;
}

/** Whether a title is a 决算 or 预算 table (null when it says neither). */
export function titleReportKind(title: string): ReportKind | null {
  const t = normaliseTitle(title);
  if (/决算/.test(t)) return 'department_final_accounts';
  if (/预算/.test(t)) return 'department_budget';
  return null;
}

/** The fiscal year a title states ("2026年部门…表" → 2026). */
export function titleYear(title: string): number | null {
  const m = normaliseTitle(title).match(/(20\d{2})年/);
  return m ? Number(m[1]) : null;
}
