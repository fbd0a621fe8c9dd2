/**
 * The words that name a headline amount (AmountItem), as data. Where they
 * come from: the headings and rows of the standard 部门预算 / 部门决算 tables
 * (收入支出总表, 财政拨款收入支出总表, “三公”经费表 …) and the sentences of the
 * 部门预算 / 决算 说明 and self-evaluation reports that restate them, as
 * published across provinces (the corpus and the real documents). Why as data:
 * a label before a figure in a sentence, a list or a small table is read by
 * one reader (`readLabel` in items.ts), so a new spelling is a row or a word
 * here and a row in item-labels.test.ts, never a branch in a reader.
 */
import { AMOUNT_ITEMS, type AmountItem, type Phase } from '../types.ts';
import { APPROPRIATION, FUNDS } from './funds.ts';

export interface ItemLabel {
  /**
   * The items the label names. Empty: a label the genre prints that names no
   * headline item (an exclusion): a part of a headline (国内公务接待) or money
   * of another source or use (事业收入, 结转), which must not fall through to a
   * looser row below (收入 → total_income).
   */
  readonly items: readonly AmountItem[];
  /**
   * Words that name it. A string is matched as printed (normalised: half-width
   * brackets, no spaces); a RegExp where the genre varies the spelling inside
   * the name (optional quotes, 预算 at the end only, …).
   */
  readonly words: readonly (string | RegExp)[];
  /** The phase the label itself states (部门决算共 → actual). */
  readonly phase?: Phase;
  /** The label is only a phase word and 收入 / 支出: the total unless the sentence or section is about one fund or item. */
  readonly bare?: boolean;
}

/** A bare 收入 / 支出 label: an optional list marker, a year word, a phase word, the flow, a verb. */
const bareFlow = (flow: '收入' | '支出'): RegExp =>
  new RegExp(`^(?:\\(\\d{1,2}\\)|\\d{1,2}[.)])?(?:\\d{4}年度?)?(?:本年|全年|年度|当年)?(?:实际收到|实际)?(?:部门)?(?:决算|年初预算)?${flow}(?:决算|预算)?(?:数|总额)?(?:为|是|共|共计|合计|:)*$`);

/**
 * Ordered: the first row with a word in the label decides (一般公共预算人员经费
 * is 人员经费; 政府性基金预算基本支出 is the fund's, so the fund comes first).
 */
export const ITEM_LABELS: readonly ItemLabel[] = [
  { items: ['three_public_expenditure'], words: [/"?三公"?经费/] },
  { items: ['overseas_travel'], words: ['因公出国(境)费', '因公出国(境)经费'] },
  { items: ['official_vehicles'], words: ['公务用车购置及运行维护费', '公务用车购置及运行费'] },
  { items: [], words: ['国内公务接待', '外事公务接待', '公务用车购置', '公务用车运行'] },
  { items: ['official_reception'], words: ['公务接待费'] },
  { items: ['agency_operating_expenditure'], words: ['机关运行经费'] },
  // 政府采购金额 / 政府采购支出总额 / 政府采购预算总金额, or a bare 政府采购预算 (not 政府采购货物预算, 预留政府采购项目预算金额).
  { items: ['government_procurement'], words: [/(?<!预留)政府采购(?:支出)?(?:预算)?(?:总额|总?金额)/, /(?<!预留)政府采购(?:支出)?预算(?:总额|总?金额)?(?:为|共|是|:)?$/] },
  { items: ['government_fund_budget'], words: [`${FUNDS.government_fund.name}预算`, FUNDS.government_fund.name] },
  { items: [], words: [FUNDS.state_capital.name, FUNDS.social_insurance.name, '上级补助', '事业收入', '经营收入', '附属单位', '其他收入', '上缴上级', '经营支出', '结转', '结余', '非税', '专户', '其他资金'] },
  { items: ['basic_expenditure'], words: ['基本支出'] },
  { items: ['project_expenditure'], words: ['项目支出', '项目经费'] },
  { items: ['personnel_expenditure'], words: ['人员经费'] },
  { items: ['public_expenditure'], words: ['公用经费'] },
  { items: ['general_public_budget'], words: [FUNDS.general_public.name] },
  { items: ['fiscal_appropriation'], words: [new RegExp(`${APPROPRIATION}收、?入?支出?(?:预算|决算)?(?:总计|合计)`)] },
  { items: ['total_income', 'total_expenditure'], words: [/收、?入?支出?(?:预算|决算)?总计/, '收支合计'] },
  // A total that names its phase inside it (收入预算总计, 支出决算合计).
  { items: ['total_income'], words: [/收入预算(?:总计|合计|总额)/], phase: 'budget_initial' },
  { items: ['total_expenditure'], words: [/支出预算(?:总计|合计|总额)/], phase: 'budget_initial' },
  { items: ['total_income'], words: [/收入决算(?:总计|合计|总额)/], phase: 'actual' },
  { items: ['total_expenditure'], words: [/支出决算(?:总计|合计|总额)/], phase: 'actual' },
  { items: ['total_income'], words: ['部门预算收入', /预算收入总?(?:额|计)?$/], phase: 'budget_initial' },
  { items: ['total_income'], words: ['收入合计', '收入总计', '收入总额', '本年收入'] },
  { items: ['total_expenditure'], words: ['部门决算共', '部门决算总额共', '决算共', '决算总额共'], phase: 'actual' },
  { items: ['total_expenditure'], words: ['支出合计', '支出总计', '支出总额', '年度资金总额', '资金总额'] },
  { items: ['fiscal_appropriation'], words: [APPROPRIATION] },
  // A headline labelled only by a phase word and 收入 / 支出 ("收入:816.23万元", "决算支出为…", "本年收入");
  // 预算支出 / 实际支出 alone stay phase words: a project's statement uses them ("…专项,预算支出80万元").
  { items: ['total_income'], words: [bareFlow('收入')], bare: true },
  { items: ['total_expenditure'], words: [bareFlow('支出')], bare: true },
];

/**
 * Words that make a label a change between two figures (比上年增加, 调减,
 * 节约, 差额 …), never an amount of an item, whatever item it names.
 */
export const CHANGE_WORDS: readonly string[] = ['增加', '减少', '增长', '下降', '调增', '调减', '增减', '节约', '超支', '差额', '相比', '同比', '比上年', '较上年', '变动'];

/** True when a label states a change (CHANGE_WORDS), not an amount. */
export function namesChange(label: string): boolean {
  return CHANGE_WORDS.some((w) => label.includes(w));
}

/**
 * What the readers need to know of each item beyond its words: `total`, the
 * department's whole income or spending; `fund`, a fund's total (what the
 * fund pays for is not it); `spending`, a part of the spending by purpose or
 * kind (基本 / 项目 / 人员 / 公用: in a sentence about a fund apart, that
 * fund's part); `three_public_part`, a part of the “三公”经费, which a 公用经费
 * list also names as an economic line; `other`.
 */
export type ItemGroup = 'total' | 'fund' | 'spending' | 'three_public_part' | 'other';

/** Every item's group: the compiler lists an item added to AmountItem without one. */
export const ITEM_GROUPS = {
  total_income: 'total',
  total_expenditure: 'total',
  fiscal_appropriation: 'fund',
  general_public_budget: 'fund',
  government_fund_budget: 'fund',
  basic_expenditure: 'spending',
  project_expenditure: 'spending',
  personnel_expenditure: 'spending',
  public_expenditure: 'spending',
  three_public_expenditure: 'other',
  official_reception: 'three_public_part',
  official_vehicles: 'three_public_part',
  overseas_travel: 'three_public_part',
  agency_operating_expenditure: 'other',
  government_procurement: 'other',
} as const satisfies Record<AmountItem, ItemGroup>;

/** The group of an item. */
export function groupOf(item: AmountItem): ItemGroup {
  return ITEM_GROUPS[item];
}

/** The items of a group. */
export function itemsOf(group: ItemGroup): ReadonlySet<AmountItem> {
  return new Set(AMOUNT_ITEMS.filter((i) => ITEM_GROUPS[i] === group));
}

/**
 * Row labels of a self-evaluation form's money block (项目资金 / 资金情况 /
 * 预算执行情况) in the regional variants ITEM_LABELS leaves unnamed: a bare
 * 总额 is the project's total, 财政资金 its appropriation. Only a money block
 * gives a bare 总额 that meaning, so these are read there alone (amount-tables.ts).
 */
export const MONEY_BLOCK_LABELS: readonly ItemLabel[] = [
  { items: ['total_expenditure'], words: [/^(?:年度|全年|项目)?(?:资金)?总额[:]?$/] },
  { items: ['fiscal_appropriation'], words: [/^(?:其中[:]?)?(?:当年|本年)?财政(?:资金|性资金)[:]?$/] },
];

/**
 * Words of a money block's row label that say the row is the block's money as
 * a whole (资金情况, 预算执行情况 | 预算数 | 3688.59): its figures, each beside
 * its phase word, are the total spending.
 */
export const MONEY_BLOCK_ROW_WORDS: readonly string[] = ['资金', '预算执行', '执行情况'];

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** One pattern a row: its words as alternatives, in order (so the first word that matches at a place decides). */
const patternOf = (row: ItemLabel): RegExp => new RegExp(row.words.map((w) => (typeof w === 'string' ? escape(w) : `(?:${w.source})`)).join('|'));
const PATTERNS: readonly RegExp[] = ITEM_LABELS.map(patternOf);
const BLOCK_PATTERNS: readonly RegExp[] = MONEY_BLOCK_LABELS.map(patternOf);

/** The first row of ITEM_LABELS with a word in `label`, with where the word is, or null. */
export function itemLabelIn(label: string): { readonly row: ItemLabel; readonly index: number; readonly word: string } | null {
  for (let i = 0; i < ITEM_LABELS.length; i++) {
    const m = PATTERNS[i]!.exec(label);
    if (m) return { row: ITEM_LABELS[i]!, index: m.index, word: m[0] };
  }
  return null;
}

/** The items a money block's row label names by MONEY_BLOCK_LABELS (empty when none). */
export function moneyBlockItems(label: string): readonly AmountItem[] {
  const i = BLOCK_PATTERNS.findIndex((re) => re.test(label));
  return i < 0 ? [] : MONEY_BLOCK_LABELS[i]!.items;
}

/** True when a money block's row label names the block's money as a whole (MONEY_BLOCK_ROW_WORDS). */
export function isMoneyBlockRow(label: string): boolean {
  return MONEY_BLOCK_ROW_WORDS.some((w) => label.includes(w));
}
