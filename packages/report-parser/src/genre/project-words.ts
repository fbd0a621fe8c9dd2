/**
 * The words of a project report's own totals, as data: the labels (the clause
 * before a figure) of the allocation a project was given (指标金额, 下达资金,
 * 年初批复预算, 调整预算后项目预算) and of what was paid out or arrived
 * (实际拨付金额, 实际到位资金), each with the phase it states and, when it is
 * not the project's total spending, the item (money that arrived is the
 * appropriation received). project-totals.ts reads with it.
 */
import type { AmountItem, Phase } from '../types.ts';

/** Labels (the clause before a figure) of a project's total, with the phase they state and the item (the total, or the appropriation that arrived). */
export const PROJECT_TOTAL_LABELS: readonly (readonly [RegExp, Phase, AmountItem?])[] = [
  [/^(?:预算)?指标(?:金额|数|资金)(?:是|为|:|共|共计)*$/, 'budget_adjusted'],
  [/^(?:下达|批复|安排)(?:的)?(?:预算)?(?:资金|指标)(?:金额|数)?(?:是|为|:|共|共计)*$/, 'budget_adjusted'],
  [/^实际(?:拨付|支付|使用)(?:金额|资金|数)?(?:是|为|:|共|共计)*$/, 'actual'],
  // A sentence that names the project's money before the verb (…衔接资金共下达105万元; 年初批复预算8个项目985万元; 调整预算后项目预算861.46万元).
  [/资金(?:共|共计)?(?:下达|批复)(?:资金|预算)?(?:是|为|:)*$/, 'budget_adjusted'],
  [/^年初(?:批复)?预算(?:\d+个项目)?(?:资金)?(?:是|为|:|共|共计)*$/, 'budget_initial'],
  [/^调整(?:后)?预算(?:后)?(?:项目)?(?:预算)?(?:是|为|:|共|共计)*$/, 'budget_adjusted'],
  // Money that arrived (实际到位资金334.67万元) is the appropriation received.
  [/^实际到位(?:资金)?(?:是|为|:|共|共计)*$/, 'actual', 'fiscal_appropriation'],
];
