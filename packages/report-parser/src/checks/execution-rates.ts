/**
 * The execution rates a text states ("完成年初预算的98.20%", "预算执行率为96.5%"),
 * checked against actual ÷ budget printed before them in the same sentence.
 */
import type { Block } from '@budget-ingest/doc-model';
import Decimal from 'decimal.js';
import { roundingSlack, toYuan } from '../figures/index.ts';
import type { ValidationFinding } from '../types.ts';
import { show } from './compare.ts';
import { findingOf } from './rules.ts';
import { printedAs } from './text-checks.ts';
import { figuresOf, percentsOf, sentencesOf } from './text-figures.ts';

/** The words right before a percentage that make it an execution rate. */
const RATE_WORDS = /(?:完成(?:年初|调整)?预算(?:数)?的|预算执行率(?:为|是)?|执行率(?:为|是)?)$/;

/** An execution rate ("完成年初预算的98.20%") against actual ÷ budget printed beside it. */
export function checkExecutionRates(blocks: readonly Block[]): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  for (const s of sentencesOf(blocks)) {
    let from = 0;
    for (const pct of percentsOf(s.text)) {
      const words = RATE_WORDS.exec(s.text.slice(from, pct.start));
      if (!words) continue;
      const segment = s.text.slice(from, from + words.index);
      from = pct.start + pct.text.length;
      const figs = figuresOf(segment);
      const budget = figs.find((f) => /预算(数)?(为|是|数)?$/.test(segment.slice(Math.max(0, f.start - 6), f.start)));
      const actual = [...figs].reverse().find((f) => f !== budget && /(决算(数)?|执行(数)?|支出|实际)(为|是)?$/.test(segment.slice(Math.max(0, f.start - 6), f.start)));
      if (!budget || !actual) continue;
      const b = toYuan(budget.printed);
      if (b.lte(roundingSlack(budget.printed))) continue;
      const rate = toYuan(actual.printed).div(b).times(100);
      const stated = pct.value;
      const decimals = pct.decimals;
      const slack = roundingSlack(actual.printed).div(b).times(100).plus(rate.times(roundingSlack(budget.printed)).div(b));
      if (printedAs(stated, decimals, rate.minus(slack), rate.plus(slack))) continue;
      const oneStep = stated.minus(rate).abs().lte(slack.plus(new Decimal(10).pow(-decimals)));
      const expected = `${rate.toFixed(Math.max(2, decimals))}%`;
      out.push(findingOf('execution-rate-mismatch', `执行率：决算${show(actual.printed)}÷预算${show(budget.printed)}应为${expected}，文中为${pct.text}`, { expected, actual: pct.text }, [s.page], oneStep ? 'info' : 'error'));
    }
  }
  return out;
}
