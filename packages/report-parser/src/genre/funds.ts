/**
 * The funds of the genre, as data. Where the words come from: the budget law
 * (预算法, art. 5) divides public money into four budgets — 一般公共预算,
 * 政府性基金预算, 国有资本经营预算, 社会保险基金预算 — and a department's
 * 财政拨款 is what it is granted out of the first three; the standard tables
 * and their text name each fund by these words. Why as data: a fund's name
 * decides three things the readers must agree on — that 预算 in it is not a
 * phase, that a paragraph about a smaller fund speaks of that fund's money and
 * not the department's totals, and which fund a stated figure is of; and the
 * words of money named for a purpose (专项资金, 补助) scope a sentence the same
 * way. A new
 * fund or spelling is a row here (and a row in funds.test.ts).
 */

export type Fund = 'general_public' | 'government_fund' | 'state_capital' | 'social_insurance';

export interface FundWords {
  /** The fund's name as printed before 预算 (一般公共 + 预算, 政府性基金 + 预算). */
  readonly stem: string;
  /** The fund's name as the text prints it when it means the fund (一般公共预算, but 政府性基金 alone). */
  readonly name: string;
  /**
   * A fund apart from the department's ordinary spending: a section or sentence
   * about it states that fund's 收入 / 支出 (not the department's totals), and
   * it scopes the sentences after it.
   */
  readonly apart: boolean;
}

export const FUNDS = {
  general_public: { stem: '一般公共', name: '一般公共预算', apart: false },
  government_fund: { stem: '政府性基金', name: '政府性基金', apart: true },
  state_capital: { stem: '国有资本经营', name: '国有资本经营', apart: true },
  social_insurance: { stem: '社会保险基金', name: '社会保险基金', apart: true },
} as const satisfies Record<Fund, FundWords>;

/** The money a department is granted out of the funds (the sum of the first three). */
export const APPROPRIATION = '财政拨款';

const ALL: readonly FundWords[] = Object.values(FUNDS);
const alternation = (words: readonly string[]): string => words.join('|');

/** A fund's budget (一般公共预算, 政府性基金预算 …): 预算 in it names the fund, not a phase. Global: for `replace`. */
export const FUND_BUDGETS = new RegExp(`(${alternation(ALL.map((f) => f.stem))})预算`, 'g');

const APART = new RegExp(alternation(ALL.filter((f) => f.apart).map((f) => f.name)));

/** True when a text names a fund apart from the department's ordinary spending (政府性基金, 国有资本经营, 社会保险基金). */
export function namesFundApart(text: string): boolean {
  return APART.test(text);
}

/** A fund as a stated figure's label names it: the fund, then 预算 and 财政拨款 when printed; or 财政拨款 alone. */
const FUND_NAMED = new RegExp(`(${alternation(ALL.map((f) => f.name))})(?:预算)?(?:${APPROPRIATION})?|${APPROPRIATION}`, 'g');

/** The last fund a text names (its name: 一般公共预算, 政府性基金 …, or 财政拨款), or null. */
export function lastFundNamed(text: string): string | null {
  const m = [...text.matchAll(FUND_NAMED)].pop();
  return m ? (m[1] ?? APPROPRIATION) : null;
}

/** True when `name` (as `lastFundNamed` gives it) is a fund apart from the department's ordinary spending. */
export function isFundApart(name: string): boolean {
  return ALL.some((f) => f.apart && f.name === name);
}

/**
 * Words of money named for a purpose (a 基金, 专项资金, 经费, a 补助 / 救助 /
 * 补贴): a bare 收入 / 支出 after them in a sentence is that money's
 * (医疗救助专项基金共 5650000 元，支出 4765720.27 元), not the department's total.
 */
export const EARMARKED_MONEY_WORDS: readonly string[] = ['基金', '资金', '专项', '经费', '补助', '救助', '补贴'];

/** True when a text names money for a purpose (EARMARKED_MONEY_WORDS). */
export function namesEarmarkedMoney(text: string): boolean {
  return EARMARKED_MONEY_WORDS.some((w) => text.includes(w));
}
