/**
 * The first consistency checks on a report's own figures: 基本支出 + 项目支出
 * against the total, 人员经费 + 公用经费 against 基本支出 — compared at the
 * coarser printed precision (figures here are in yuan, two decimals).
 */
import Decimal from 'decimal.js';
import { refsOfValues } from './checks/compare.ts';
import { threePublicListedApart } from './checks/report-checks.ts';
import type { Amount, AmountItem, ValidationFinding } from './types.ts';

interface SumRule {
  readonly rule: string;
  readonly total: AmountItem;
  readonly parts: readonly AmountItem[];
  readonly message: string;
}

const SUM_RULES: readonly SumRule[] = [
  { rule: 'parts-sum-basic-project', total: 'total_expenditure', parts: ['basic_expenditure', 'project_expenditure'], message: '基本支出与项目支出之和不等于支出合计' },
  { rule: 'parts-sum-personnel-public', total: 'basic_expenditure', parts: ['personnel_expenditure', 'public_expenditure'], message: '人员经费与公用经费之和不等于基本支出' },
];

/** Tolerance: a printed 万元 figure with two decimals is exact to 100 yuan; allow rounding of each part. */
const TOLERANCE = new Decimal(100);

export function basicChecks(amounts: readonly Amount[]): ValidationFinding[] {
  const findings: ValidationFinding[] = [];
  const find = (item: AmountItem, phase: string, year: number): Amount | undefined => amounts.find((a) => a.item === item && a.phase === phase && a.fiscal_year === year);
  for (const total of amounts) {
    for (const rule of SUM_RULES) {
      if (total.item !== rule.total) continue;
      const parts = rule.parts.map((p) => find(p, total.phase, total.fiscal_year));
      if (parts.some((p) => p === undefined)) continue;
      if (rule.rule === 'parts-sum-basic-project' && threePublicListedApart(sameGroup(amounts, total))) continue;
      const sum = parts.reduce((s, p) => s.plus(p!.yuan), new Decimal(0));
      if (sum.minus(total.yuan).abs().lte(TOLERANCE.times(parts.length))) continue;
      findings.push({
        rule: rule.rule,
        severity: 'warning',
        message: `${rule.message}（${total.fiscal_year}年，${total.phase}）：合计 ${total.yuan} 元，分项之和 ${sum.toFixed(2)} 元`,
        expected: sum.toFixed(2),
        actual: total.yuan,
        pages: [total, ...parts].map((a) => a!.page).filter((p): p is number => p !== null),
        values: refsOfValues([total, ...parts.map((p) => p!)]),
      });
    }
  }
  return findings;
}

/** The amounts of the total's phase and year, by item. */
function sameGroup(amounts: readonly Amount[], total: Amount): Map<AmountItem, Amount> {
  return new Map(amounts.filter((a) => a.phase === total.phase && a.fiscal_year === total.fiscal_year).map((a) => [a.item, a]));
}
