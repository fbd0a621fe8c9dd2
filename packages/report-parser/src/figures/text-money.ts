/**
 * Money in running text, taken from the figure layer. Readers differ in which
 * money figures they take, and say so with `MoneyRules`, never with a regex of
 * their own:
 * - the readers that emit amounts and lines (`EMITTED`) drop approximations
 *   (约100万元, 3万余元) and bounds (超100万元): neither is the amount; they
 *   read a bare 万 or 亿 before punctuation ("资金100万。") as money;
 * - the checks (`COMPARED`) keep approximations and bounds (a sentence's 约 does
 *   not make its other figures disagree) but want 元 printed.
 */
import Decimal from 'decimal.js';
import { figuresIn, type Figure } from './figure.ts';
import type { MoneyUnit, Printed } from './money.ts';

export interface MoneyRules {
  /** 'drop': leave out 约/近/余/多/左右 figures; 'keep': take them. */
  readonly approximate: 'keep' | 'drop';
  /** 'drop': leave out bounds (超/逾/不超过 …); 'keep': take them. */
  readonly bounds: 'keep' | 'drop';
  /** True: "100万" with no 元, before punctuation or the end, is money. */
  readonly wanWithoutYuan: boolean;
}

/** The rules of the readers that emit amounts and lines. */
export const EMITTED: MoneyRules = { approximate: 'drop', bounds: 'drop', wanWithoutYuan: true };
/** The rules of the checks that compare figures of the text. */
export const COMPARED: MoneyRules = { approximate: 'keep', bounds: 'keep', wanWithoutYuan: false };

/**
 * A money figure: a figure of the layer with its yuan as the contract's string.
 * Its `start` is its first digit: a qualifier or change word before the digits
 * (达到, 增加) stays in the label, where the readers look for it; its `value` and
 * `yuan` are the printed amount (a change's sign is in its word).
 */
export interface MoneyFigure extends Figure {
  /** Yuan, two decimals ("36885900.00"). */
  readonly yuan: string;
}

const AFTER_BARE_WAN = new Set([',', '。', ';', ':', '、', ')', ']']);

/** The money figures of a text that a reader with `rules` takes, in order. */
export function moneyIn(text: string, rules: MoneyRules = EMITTED): MoneyFigure[] {
  const out: MoneyFigure[] = [];
  for (const f of figuresIn(text)) {
    if (f.value === null || !isArabic(f)) continue;
    if (rules.approximate === 'drop' && f.approx) continue;
    if (rules.bounds === 'drop' && f.op !== null) continue;
    const money = (f.kind === 'money' || (f.kind === 'change' && f.measure === 'money')) && f.unit === '元';
    const bareWan = rules.wanWithoutYuan && f.kind === 'number' && (f.printedUnit === '万' || f.printedUnit === '亿') && (f.end === text.length || AFTER_BARE_WAN.has(text[f.end]!));
    if (!money && !bareWan) continue;
    const value = f.value.abs();
    out.push({ ...f, start: f.digitsAt, value, yuan: value.toFixed(2, Decimal.ROUND_HALF_UP) });
  }
  return out;
}

/** Only figures printed in Arabic digits: the genre prints its amounts so; 一万元 in running text is a rate or a rule, not an amount. */
function isArabic(f: Figure): boolean {
  const c = f.number.charCodeAt(f.number.length - 1);
  return c >= 0x30 && c <= 0x39;
}

/** A money figure as the checks compare it: its printed value in 万元 or 元 and its printed decimals. */
export function printedOf(f: MoneyFigure): Printed {
  const unit: MoneyUnit = f.printedUnit?.startsWith('万') || f.printedUnit?.startsWith('亿') ? 'wan' : 'yuan';
  const value = unit === 'wan' ? f.value!.div(10000) : f.value!;
  // 亿元 figures are compared in 万元: four fewer decimals, printed as the 万元 value.
  const yi = f.printedUnit?.startsWith('亿') ?? false;
  return { text: yi ? value.toString() : f.number, value, decimals: yi ? f.decimals - 4 : f.decimals, unit };
}
