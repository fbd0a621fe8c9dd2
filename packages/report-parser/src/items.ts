/**
 * Reading a label with the genre's vocabulary (genre/item-labels.ts,
 * genre/phase-words.ts, genre/funds.ts): which headline item a label names,
 * which phase a label or column header states. Used by both the sentence and
 * the table readers. Labels are normalised text (half-width punctuation, no spaces).
 */
import { yearOf } from './figures/index.ts';
import { FUND_BUDGETS } from './genre/funds.ts';
import { groupOf, itemLabelIn, namesChange } from './genre/item-labels.ts';
import { isPhaseHeader, isPhaseOnly, phaseOf } from './genre/phase-words.ts';
import type { AmountItem, Phase } from './types.ts';

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

/** Reads a label (the words before a figure). */
export function readLabel(label: string): LabelReading {
  const change = namesChange(label);
  const hit = itemLabelIn(label);
  if (hit) {
    const { row, index, word } = hit;
    const after = label.slice(index + word.length);
    const rest = (label.slice(0, index) + '|' + after).replace(FUND_BUDGETS, '');
    const items = row.items.some((i) => groupOf(i) === 'fund') && paysFor(after) ? [] : row.items;
    // A bare 收入 / 支出 label is all phase words and flow (决算支出为, 支出决算为): its phase is the whole label's.
    return { items, phase: row.phase ?? phaseOf(row.bare ? label : rest), phaseOnly: false, change, grandTotal: /总计$/.test(word), ...(row.bare ? { bare: true } : {}) };
  }
  const phase = phaseOf(label);
  const stripped = label.replace(/^(其中|包括|含)[:]?/, '').replace(/(为|是|共|共计|合计|达|:)+$/, '');
  const phaseOnly = phase !== null && isPhaseOnly(stripped);
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
  if (text.length > 16 || !isPhaseHeader(text)) return null;
  const phase = phaseOf(text);
  if (phase === null) return null;
  return { phase, year: yearOf(text, { bare: true }) };
}
