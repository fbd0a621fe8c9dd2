/**
 * A project report's own totals stated in prose: the allocation the project
 * was given (指标金额是110万元, 下达资金…) and what was paid out (实际拨付金额是
 * 108万元). They are the report's total_expenditure of that phase, not a line
 * of the project (the report is about that one project).
 */
import type { AmountCandidate } from './candidates.ts';
import { labelled, moneyIn } from './figures/index.ts';
import { yearBefore, type TextUnit } from './text-units.ts';
import type { AmountItem, Phase } from './types.ts';

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

/** The phase a label states when it names a project's total, else null. */
export function projectTotalPhase(label: string): Phase | null {
  return PROJECT_TOTAL_LABELS.find(([re]) => re.test(label))?.[1] ?? null;
}

/** The item a project's total label names (the total unless it says the money arrived). */
function projectTotalItem(label: string): AmountItem {
  return PROJECT_TOTAL_LABELS.find(([re]) => re.test(label))?.[2] ?? 'total_expenditure';
}

export function readProjectTotals(units: readonly TextUnit[], fiscalYear: number | null): AmountCandidate[] {
  const out: AmountCandidate[] = [];
  for (const unit of units) {
    if (unit.duplicate) continue;
    let offset = 0;
    for (const sentence of unit.text.split(/(?<=[。!?])/)) {
      for (const { figure: fig, label } of labelled(sentence, moneyIn(sentence))) {
        const phase = projectTotalPhase(label);
        const year = yearBefore(sentence, fig.start) ?? fiscalYear;
        if (phase === null || year === null) continue;
        out.push({ item: projectTotalItem(label), phase, fiscal_year: year, yuan: fig.yuan, scale: fig.scale, origin: 'text', source_text: label + sentence.slice(fig.start, fig.end), page: unit.page, order: unit.position * 10000 + offset + fig.start, anchor: { block: unit.position } });
      }
      offset += sentence.length;
    }
  }
  return out;
}
