/**
 * The genre's vocabulary: which headline item a label names, which phase a
 * label or column header states. Used by both the sentence and the table
 * readers. Labels are normalised text (half-width punctuation, no spaces).
 */
import { yearOf } from './figures/index.ts';
import { phaseOf } from './genre/phase-words.ts';
import type { AmountItem, Phase } from './types.ts';

const CHANGE_WORDS = /(增加|减少|增长|下降|调增|调减|增减|节约|超支|差额|相比|同比|比上年|较上年|变动)/;

interface ItemRule {
  readonly re: RegExp;
  readonly items: readonly AmountItem[];
  /** Phase the label itself implies (部门决算共 → actual). */
  readonly phase?: Phase;
  /** The label is only a phase word and 收入 / 支出: the total unless the section is about one fund or item. */
  readonly bare?: boolean;
}

/** Ordered: the first rule that matches decides. `items: []` means "a known non-headline label". */
const ITEM_RULES: readonly ItemRule[] = [
  { re: /"?三公"?经费/, items: ['three_public_expenditure'] },
  { re: /因公出国\(境\)(?:费|经费)/, items: ['overseas_travel'] },
  { re: /公务用车购置及运行(?:维护)?费/, items: ['official_vehicles'] },
  { re: /(国内|外事)公务接待|公务用车(购置|运行)/, items: [] },
  { re: /公务接待费/, items: ['official_reception'] },
  { re: /机关运行经费/, items: ['agency_operating_expenditure'] },
  // 政府采购金额 / 政府采购支出总额 / 政府采购预算总金额, or a bare 政府采购预算 (not 政府采购货物预算, 预留政府采购项目预算金额).
  { re: /(?<!预留)政府采购(?:支出)?(?:预算)?(?:总额|总?金额)|(?<!预留)政府采购(?:支出)?预算(?:总额|总?金额)?(?:为|共|是)?$/, items: ['government_procurement'] },
  { re: /政府性基金(?:预算)?/, items: ['government_fund_budget'] },
  { re: /国有资本经营|社会保险基金|上级补助|事业收入|经营收入|附属单位|其他收入|上缴上级|经营支出|结转|结余|非税|专户|其他资金/, items: [] },
  { re: /基本支出/, items: ['basic_expenditure'] },
  { re: /项目支出|项目经费/, items: ['project_expenditure'] },
  { re: /人员经费/, items: ['personnel_expenditure'] },
  { re: /公用经费/, items: ['public_expenditure'] },
  { re: /一般公共预算/, items: ['general_public_budget'] },
  { re: /财政拨款收、?入?支出?(?:总计|合计)/, items: ['fiscal_appropriation'] },
  { re: /收、?入?支出?总计|收支合计/, items: ['total_income', 'total_expenditure'] },
  { re: /部门预算收入|预算收入总?(?:额|计)?$/, items: ['total_income'], phase: 'budget_initial' },
  { re: /收入合计|收入总计|收入总额|本年收入/, items: ['total_income'] },
  { re: /(?:部门)?决算(?:总额)?共/, items: ['total_expenditure'], phase: 'actual' },
  { re: /支出合计|支出总计|支出总额|年度资金总额|资金总额/, items: ['total_expenditure'] },
  { re: /财政拨款/, items: ['fiscal_appropriation'] },
  // A headline labelled only by a phase word and 收入 / 支出 ("收入:816.23万元", "决算支出为…", "本年收入");
  // 预算支出 / 实际支出 alone stay phase words: a project's statement uses them ("…专项,预算支出80万元").
  { re: /^(?:\(\d{1,2}\)|\d{1,2}[.)])?(?:本年|全年|年度|当年)?(?:部门)?(?:决算|年初预算)?收入(?:决算|预算)?(?:数|总额)?(?:为|是|共|共计|合计|:)*$/, items: ['total_income'], bare: true },
  { re: /^(?:\(\d{1,2}\)|\d{1,2}[.)])?(?:本年|全年|年度|当年)?(?:部门)?(?:决算|年初预算)?支出(?:决算|预算)?(?:数|总额)?(?:为|是|共|共计|合计|:)*$/, items: ['total_expenditure'], bare: true },
];

export interface LabelReading {
  readonly items: readonly AmountItem[];
  /** The phase the label states, or null (inherit). */
  readonly phase: Phase | null;
  /** True when the label names no item but only a phase ("年初预算为", "支出决算为"). */
  readonly phaseOnly: boolean;
  /** True for changes (增加/减少 …): not an amount. */
  readonly change: boolean;
  /**
   * True when the label states a 总计 (收入支出总计, 收支总计, 支出总计): the
   * year's 合计 plus 上年结转 (or 结转下年 …), which is the 合计 itself only
   * when nothing is carried over.
   */
  readonly grandTotal: boolean;
  /** True when the label is only a phase word and 收入 / 支出 ("收入:", "决算支出"). */
  readonly bare?: boolean;
}

/** Items that are a fund's total (一般公共预算拨款, 政府性基金, 财政拨款). */
const FUND_ITEMS: ReadonlySet<AmountItem> = new Set(['general_public_budget', 'government_fund_budget', 'fiscal_appropriation']);
/** What a fund pays for: "一般公共预算拨款安排的会议费预算支出", "财政拨款用于培训费的支出". */
const PAYS_FOR = /^(?:预算)?(?:财政)?(?:拨款)?(?:资金)?(?:安排|用于|支付)的?(.*)$/;
/** Words that leave a label the fund's own total ("一般公共预算拨款安排支出", "…安排的预算为"). */
const TOTAL_WORDS = /预算|支出|收入|金额|资金|总额|合计|数|为|是|共计?|:/g;

/**
 * True when the words after a fund's name say what the fund pays for
 * ("安排的会议费预算支出"): the figure is that expense's, not the fund's total.
 */
function paysFor(afterFund: string): boolean {
  const m = PAYS_FOR.exec(afterFund);
  return m !== null && m[1]!.replace(TOTAL_WORDS, '').length > 0;
}

/** The budgets of the four funds: 预算 in these names is a fund, not a phase. */
export const FUND_BUDGETS = /(一般公共|政府性基金|国有资本经营|社会保险基金)预算/g;

/** Reads a label (the words before a figure). */
export function readLabel(label: string): LabelReading {
  const change = CHANGE_WORDS.test(label);
  for (const rule of ITEM_RULES) {
    const m = rule.re.exec(label);
    if (!m) continue;
    const rest = (label.slice(0, m.index) + '|' + label.slice(m.index + m[0].length)).replace(FUND_BUDGETS, '');
    const items = rule.items.some((i) => FUND_ITEMS.has(i)) && paysFor(label.slice(m.index + m[0].length)) ? [] : rule.items;
    // A bare 收入 / 支出 label is all phase words and flow (决算支出为, 支出决算为): its phase is the whole label's.
    return { items, phase: rule.phase ?? phaseOf(rule.bare ? label : rest), phaseOnly: false, change, grandTotal: /总计$/.test(m[0]), ...(rule.bare ? { bare: true } : {}) };
  }
  const phase = phaseOf(label);
  const stripped = label.replace(/^(其中|包括|含)[:]?/, '').replace(/(为|是|共|共计|合计|达|:)+$/, '');
  const phaseOnly = phase !== null && /^(本年|全年|年初|年度)?(预算|预算数|预算金额|预算安排|决算|决算数|执行数|支出决算|决算支出|调整后预算|调整预算|全年预算|全年预算数|年初预算|年初预算数|全年执行数|实际支出|支出数)$/.test(stripped);
  return { items: [], phase, phaseOnly, change, grandTotal: false };
}


/** Words that make a figure in a budget an actual: an earlier year's 决算, 执行数, 实际支出. */
const EXPLICIT_ACTUAL = /决算|执行|实际|完成/;

/**
 * The phase of a figure in a report whose figures are `defaultPhase` unless
 * its label says otherwise: `phase` is what the label's words gave (null:
 * none). In a 部门预算 every figure is budgeted: a bare 支出 ("住房保障（类）
 * 支出2989.14万元", "人员经费支出") names what is budgeted, and only 决算 / 执行 /
 * 实际 (of an earlier year) make it actual.
 */
export function phaseInReport(phase: Phase | null, label: string, defaultPhase: Phase): Phase {
  if (phase === null) return defaultPhase;
  if (defaultPhase !== 'actual' && phase === 'actual' && !EXPLICIT_ACTUAL.test(label.replace(FUND_BUDGETS, ''))) return defaultPhase;
  return phase;
}

/** A table column header that states a phase ("2023年预算数", "全年执行数"), with its year when printed. */
export function readColumnHeader(text: string): { phase: Phase; year: number | null } | null {
  if (text.length > 16 || /分值|得分|执行率|比例|%|增减|差额/.test(text)) return null;
  if (!/(预算|决算|执行|实际|支出数)/.test(text)) return null;
  const phase = phaseOf(text);
  if (phase === null) return null;
  return { phase, year: yearOf(text, { bare: true }) };
}
