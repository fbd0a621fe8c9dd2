/**
 * Recognising the nine standard tables of a 部门预算 / 部门决算 by their title
 * (the patterns are the table kinds' specs, specs/table-kinds.ts) and reading
 * what a title says about the report (决算 or 预算) and its year.
 */
import { REPORT_KIND_ORDER, reportKindSpec } from '../specs/report-kinds.ts';
import { STANDARD_TABLE_KINDS, STANDARD_TITLE_ORDER, tableKindSpec, type StandardTableKind } from '../specs/table-kinds.ts';
import type { ReportKind } from '../types.ts';
import { toCompactText } from '@budget-ingest/doc-model';
import { yearOf } from '../figures/years.ts';

export { STANDARD_TABLE_KINDS, type StandardTableKind } from '../specs/table-kinds.ts';

/** Standard tables whose rows are 支出功能分类 codes (类/款/项): the specs that say so. */
export const FUNCTIONAL_TABLE_KINDS: readonly StandardTableKind[] = STANDARD_TABLE_KINDS.filter((k) => tableKindSpec(k).functionalRows);

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
  for (const kind of STANDARD_TITLE_ORDER) {
    const by = tableKindSpec(kind).recognisedBy;
    if (typeof by === 'object' && 'title' in by && by.title.test(t)) return kind;
  }
  // The two tables named by a bare 收入 / 支出 (their specs' `income_or_expenditure`).
  const m = t.match(INCOME_OR_EXPENDITURE);
  if (m) return m[1] === '收入' ? 'income' : 'expenditure';
  return null;
}

/** Whether a title is a 决算 or 预算 table (null when it says neither). */
export function titleReportKind(title: string): ReportKind | null {
  const t = normaliseTitle(title);
  return REPORT_KIND_ORDER.find((kind) => reportKindSpec(kind).tableTitleWord?.test(t) ?? false) ?? null;
}

/** The fiscal year a title states ("2026年部门…表" → 2026). */
export function titleYear(title: string): number | null {
  return yearOf(normaliseTitle(title));
}
