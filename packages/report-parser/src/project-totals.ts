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
import { PROJECT_TOTAL_LABELS } from './genre/project-words.ts';

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
