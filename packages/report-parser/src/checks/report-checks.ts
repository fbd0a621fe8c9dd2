import Decimal from 'decimal.js';
import type { Block } from '@budget-ingest/doc-model';
import { grandTotalRow, mainValue, toYuan, valueOf, type ColumnRole, type RecognisedTable } from '../standard-tables/index.ts';
import { labelled, yearOf } from '../figures/index.ts';
import { figuresOf, sentencesOf } from './text-figures.ts';
import type { Amount, AmountItem, Indicator, Report, ValidationFinding } from '../types.ts';
import { TABLE_KIND_SPECS, type IndicatorSumRule } from '../specs/table-kinds.ts';
import { noteComparison, refsOf, refsOfValues, type SumRelation } from './compare.ts';
import { findingOf } from './rules.ts';

const wan = (yuan: Decimal): string => `${yuan.div(10000).toFixed(2, Decimal.ROUND_HALF_UP)}万元`;
/** Headline amounts are compared to 0.01万元 (100 元) per figure: they come from tables printed in 元 or 万元. */
const TOLERANCE_PER_FIGURE = new Decimal(100);

/**
 * Checks on the report's own fields: headline parts that should add up,
 * indicator weights and scores, and the title's year.
 */
export function checkReport(report: Report, tables: readonly RecognisedTable[], blocks: readonly Block[] = []): ValidationFinding[] {
  return [...checkParts(report, tables, blocks), ...checkIndicators(report), ...checkYears(report, tables)];
}

/**
 * Parts of 本年支出 other than 基本支出 and 项目支出 that a 收支总表 or 支出表
 * prints (单位预留机动经费, 上缴上级支出, 经营支出, 对附属单位补助支出) and what is
 * carried to next year (结转下年): with a figure other than zero, 基本支出 + 项目支出
 * is legitimately less than the total.
 */
const OTHER_EXPENDITURE_PARTS = /预留机动经费|上缴上级|经营支出|对附属单位补助|结转下年|年末结转/;
const OTHER_PART_ROLES: readonly ColumnRole[] = ['paid_to_superior', 'operating_expenditure', 'affiliated_subsidy', 'reserve', 'carried_out'];

/** True when the tables or the text state a non-zero part of the expenditure besides 基本支出 and 项目支出. */
function otherPartsStated(tables: readonly RecognisedTable[], blocks: readonly Block[]): boolean {
  const expenditure = tables.find((t) => t.kind === 'expenditure');
  const totalRow = expenditure ? grandTotalRow(expenditure) : null;
  if (expenditure && totalRow && OTHER_PART_ROLES.some((r) => !(valueOf(expenditure, totalRow, r)?.value.isZero() ?? true))) return true;
  const partRow = (r: RecognisedTable['rows'][number]): boolean => OTHER_EXPENDITURE_PARTS.test(r.label) && [...r.values.values()].some((v) => !v.value.isZero());
  if (tables.some((t) => (t.kind === 'summary' || t.kind === 'expenditure') && t.rows.some(partRow))) return true;
  return sentencesOf(blocks).some((s) =>
    labelled(s.text, figuresOf(s.text), 'name').some(({ figure: f, label }) => OTHER_EXPENDITURE_PARTS.test(label) && !/(增加|减少|增长|下降|相比)/.test(label) && !f.printed.value.isZero()),
  );
}

function checkParts(report: Report, tables: readonly RecognisedTable[], blocks: readonly Block[]): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const groups = new Map<string, Map<AmountItem, Amount>>();
  for (const a of report.amounts) {
    const key = `${a.phase}|${a.fiscal_year}`;
    if (!groups.has(key)) groups.set(key, new Map());
    groups.get(key)!.set(a.item, a);
  }
  const otherParts = otherPartsStated(tables, blocks);
  // 人员经费 and 公用经费 split the basic spending of the 基本支出表 (财政拨款 / 一般公共预算), whose 合计 is their basis;
  // else the 一般公共预算 functional table's; the 支出表's 基本支出 may include other funds.
  const economic = tables.find((t) => t.kind === 'basic_economic');
  const economicTotal = economic ? grandTotalRow(economic) : null;
  const general = tables.find((t) => t.kind === 'general_budget_functional');
  const generalTotal = general ? grandTotalRow(general) : null;
  const generalBasic = (economic && economicTotal ? mainValue(economic, economicTotal) : null) ?? (general && generalTotal ? valueOf(general, generalTotal, 'basic') : null);
  for (const items of groups.values()) {
    const check = (rule: 'parts-sum-basic-project' | 'parts-sum-personnel-public', total: AmountItem, parts: readonly AmountItem[], message: (t: string, s: string) => string): void => {
      const t = items.get(total);
      const ps = parts.map((p) => items.get(p));
      if (!t || ps.some((p) => !p)) return;
      const sum = ps.reduce((s, p) => s.plus(p!.yuan), new Decimal(0));
      const values = refsOfValues([t, ...ps.map((p) => p!)]);
      const tolerance = TOLERANCE_PER_FIGURE.times(parts.length);
      const agrees = sum.minus(t.yuan).abs().lte(tolerance);
      const relation = values.length === parts.length + 1 ? { total: values[0]!, parts: values.slice(1), tolerance: tolerance.toFixed(2) } : undefined;
      noteComparison(agrees, values, relation);
      if (agrees) return;
      out.push(findingOf(rule, message(wan(new Decimal(t.yuan)), wan(sum)), { expected: sum.toFixed(2), actual: t.yuan, values }, [t.page, ...ps.map((p) => p!.page)]));
    };
    if (!otherParts && !threePublicListedApart(items)) check('parts-sum-basic-project', 'total_expenditure', ['basic_expenditure', 'project_expenditure'], (t, s) => `本年支出合计${t}，基本支出与项目支出之和为${s}`);
    if (generalBasic) {
      const basic = items.get('basic_expenditure');
      // The check then involves the 一般公共预算支出表's cell, not the amount's own statement.
      if (basic) items.set('basic_expenditure', { ...basic, yuan: toYuan(generalBasic).toFixed(2), anchor: refsOf([generalBasic])[0]?.anchor ?? null });
    }
    check('parts-sum-personnel-public', 'basic_expenditure', ['personnel_expenditure', 'public_expenditure'], (t, s) => `基本支出${t}，人员经费与公用经费之和为${s}`);
  }
  return out;
}

/**
 * True when the total is 基本支出 + 项目支出 + “三公”经费 (within the tolerance
 * per figure): the document lists 三公 as a third part of the total ("部门决算共
 * 1949.98万元，其中基本支出141.13万元，项目支出为1803.53万元，“三公”经费为5.32万元").
 * 三公 is really spent within basic or project spending, but by the document's
 * own arithmetic its figures agree; basic + project falling short of the total
 * by exactly the 三公 is how the document splits it, not two figures that
 * contradict each other, so parts-sum-basic-project does not apply.
 */
export function threePublicListedApart(items: ReadonlyMap<AmountItem, Pick<Amount, 'yuan'>>): boolean {
  const parts = (['basic_expenditure', 'project_expenditure', 'three_public_expenditure'] as const).map((i) => items.get(i));
  const total = items.get('total_expenditure');
  if (!total || parts.some((p) => !p)) return false;
  // A zero 三公 explains no gap (it would only widen the tolerance).
  if (new Decimal(parts[2]!.yuan).isZero()) return false;
  const sum = parts.reduce((s, p) => s.plus(p!.yuan), new Decimal(0));
  return sum.minus(total.yuan).abs().lte(TOLERANCE_PER_FIGURE.times(parts.length));
}

/** A check of one indicator-table sum rule on a report's indicators: its findings. */
export type IndicatorCheck = (report: Report) => ValidationFinding[];

/** Every sum rule the indicator table's spec may list, with its check: a rule without one fails to compile. */
export const INDICATOR_RULE_CHECKS = {
  'score-exceeds-weight': scoresOverWeights,
  'weights-sum-total': weightsTotal,
  'scores-sum-total': scoresTotal,
} as const satisfies Record<IndicatorSumRule, IndicatorCheck>;

/** The indicator table's sum rules: exactly those its spec lists (`sumRules` is the spec's; a test passes another list). */
export function checkIndicators(report: Report, sumRules: readonly IndicatorSumRule[] = TABLE_KIND_SPECS.indicators.sumRules): ValidationFinding[] {
  return sumRules.flatMap((rule) => INDICATOR_RULE_CHECKS[rule](report));
}

function scoresOverWeights(report: Report): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  for (const i of report.indicators) {
    if (i.weight === null || i.score === null) continue;
    if (new Decimal(i.score).gt(i.weight)) {
      out.push(findingOf('score-exceeds-weight', `指标“${i.level3}”得分${i.score}分，超过分值${i.weight}分`, { expected: `≤${i.weight}`, actual: i.score, values: refsOfValues([{ anchor: i.anchor }]) }, [i.page]));
    }
  }
  return out;
}

/** The weighted indicators, their weights' sum and the values they were read from; null with fewer than three (too few to be a whole indicator table). */
function weighting(report: Report): { weighted: Indicator[]; weights: Decimal; values: ReturnType<typeof refsOfValues> } | null {
  const weighted = report.indicators.filter((i) => i.weight !== null);
  if (weighted.length < 3) return null;
  const weights = weighted.reduce((s, i) => s.plus(i.weight!), new Decimal(0));
  return { weighted, weights, values: refsOfValues(weighted.map((i) => ({ anchor: i.anchor }))) };
}

function weightsTotal(report: Report): ValidationFinding[] {
  const w = weighting(report);
  if (!w) return [];
  noteComparison(w.weights.eq(100), w.values, indicatorSum(w.weighted, 'weight', '100'));
  if (w.weights.eq(100)) return [];
  return [findingOf('weights-sum-total', `各指标分值合计${w.weights.toString()}分，总分应为100分`, { expected: '100', actual: w.weights.toString(), values: w.values }, w.weighted.map((i) => i.page))];
}

/** Scores are compared with the stated 总分 only where the weights make 100 (else weights-sum-total already says the table is off). */
function scoresTotal(report: Report): ValidationFinding[] {
  const w = weighting(report);
  const total = report.self_evaluation?.score;
  if (!w || !w.weights.eq(100) || !total || !w.weighted.every((i) => i.score !== null)) return [];
  const scores = w.weighted.reduce((s, i) => s.plus(i.score!), new Decimal(0));
  noteComparison(scores.eq(total), w.values, indicatorSum(w.weighted, 'score', total));
  if (scores.eq(total)) return [];
  return [findingOf('scores-sum-total', `各指标得分合计${scores.toString()}分，自评总分为${total}分`, { expected: scores.toString(), actual: total, values: w.values }, w.weighted.map((i) => i.page))];
}

/** The indicator table's sum as arithmetic (for OCR readings tried against it), where every row has its place. */
function indicatorSum(rows: readonly Indicator[], of: 'weight' | 'score', total: string): SumRelation | undefined {
  if (!rows.every((i) => i.anchor)) return undefined;
  return { total: { constant: total }, parts: rows.map((i) => ({ anchor: i.anchor!, yuan: i[of] })), tolerance: '0', of };
}

function checkYears(report: Report, tables: readonly RecognisedTable[]): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const fy = report.fiscal_year;
  if (fy === null) return out;
  const titleYear = yearOf(report.title?.normalize('NFKC') ?? '');
  if (titleYear !== null && titleYear !== fy) {
    out.push(findingOf('fiscal-year-title-mismatch', `标题“${report.title}”的年度为${titleYear}年，报告年度为${fy}年`, { expected: String(fy), actual: String(titleYear) }, [report.page_start]));
  }
  for (const t of tables) {
    if (t.year !== null && t.year !== fy) {
      out.push(findingOf('fiscal-year-title-mismatch', `表“${t.title}”标题年度为${t.year}年，报告年度为${fy}年`, { expected: String(fy), actual: String(t.year) }, t.pages));
    }
  }
  return out;
}
