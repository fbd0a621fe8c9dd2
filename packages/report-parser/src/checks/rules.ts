import type { FindingSeverity, ValidationFinding, ValueRef } from '../types.ts';

/**
 * Every rule the checks apply, with its stable id (stored with each finding)
 * and default severity. Ids are kebab-case and never renamed: stored
 * findings and tests refer to them.
 */
export const CHECK_RULES = {
  /** A row's 合计 is not 基本支出 + 项目支出 (+ 上缴上级/经营/对附属单位补助 where printed). */
  'row-sum-total-basic-project': 'error',
  /** A row's 合计 of the 收入表 is not the sum of its sources (财政拨款, 事业收入, 其他收入 …). */
  'row-sum-income-sources': 'error',
  /** A row of the 基本支出表 whose 合计 is not 人员经费 + 公用经费. */
  'row-sum-personnel-public': 'error',
  /** “三公”经费 合计 is not 出国 + 公务用车 + 接待, or 公务用车 is not 购置 + 运行. */
  'row-sum-three-public': 'error',
  /** A 类 is not the sum of its 款, or a 款 not the sum of its 项. */
  'parent-sum-children': 'error',
  /** The table's 合计 is not the sum of its 类 rows. */
  'total-sum-classes': 'error',
  /** 基本支出 + 项目支出 differs from 本年支出合计 (headline amounts). */
  'parts-sum-basic-project': 'error',
  /** 人员经费 + 公用经费 differs from 基本支出. */
  'parts-sum-personnel-public': 'error',
  /** 收支总表 and 支出表 print different 本年支出合计. */
  'table-agreement-total-expenditure': 'error',
  /** 收支总表 and 收入表 print different 本年收入合计. */
  'table-agreement-total-income': 'error',
  /** A 类 amount of a summary table differs from the 类 row of the functional table. */
  'table-agreement-class-amounts': 'error',
  /** 一般公共预算 of the 财政拨款收支总表 / 收支总表 differs from the 一般公共预算支出表's 合计. */
  'table-agreement-general-budget': 'error',
  /** 基本支出 of the 一般公共预算支出表 differs from the 基本支出表's 合计. */
  'table-agreement-basic-expenditure': 'error',
  /** A figure in the text differs from the same figure in a table. */
  'text-table-mismatch': 'error',
  /** A stated change ("比上年增加21.74%") does not follow from the figures it compares. */
  'stated-change-mismatch': 'error',
  /** An execution rate ("完成年初预算的98.20%") is not actual ÷ budget. */
  'execution-rate-mismatch': 'error',
  /** A 类/款/项 named in the text under a code has another name in the tables. */
  'code-name-mismatch': 'warning',
  /** The text states the same figure twice with different values. */
  'figure-stated-twice': 'error',
  /** A table title's year (or the report title's) differs from the report's fiscal year. */
  'fiscal-year-title-mismatch': 'error',
  /** A comparison ("比2023年…") names a year other than the year before the report's. */
  'comparison-year-mismatch': 'warning',
  /** Indicator weights do not add up to 100 (总分). */
  'weights-sum-total': 'warning',
  /** Indicator scores do not add up to the stated 总分 score. */
  'scores-sum-total': 'error',
  /** An indicator scores more than its weight. */
  'score-exceeds-weight': 'error',
} as const satisfies Record<string, FindingSeverity>;

export type CheckRule = keyof typeof CHECK_RULES;
export const CHECK_RULE_IDS = Object.keys(CHECK_RULES) as CheckRule[];

/** A finding of a rule, at the rule's severity unless told. */
export function findingOf(
  rule: CheckRule,
  message: string,
  values: { expected: string | null; actual: string | null; values?: readonly ValueRef[] },
  pages: readonly (number | null)[],
  severity: FindingSeverity = CHECK_RULES[rule],
): ValidationFinding {
  const ps = [...new Set(pages.filter((p): p is number => p !== null))].sort((a, b) => a - b);
  const named = values.values?.length ? { values: values.values } : {};
  return { rule, severity, message, expected: values.expected, actual: values.actual, pages: ps, ...named };
}
