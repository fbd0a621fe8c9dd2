/**
 * Economic (经济分类) lines from running text: the lists that follow 人员经费 /
 * 公用经费 figures ("人员经费712.88万元，主要包括：基本工资100.46万元、…"). Only
 * the 部门决算 / 部门预算 explain their 基本支出 this way; self-evaluation
 * reports restate the same lists, so they are read there only from tables.
 */
import { phaseInReport, readLabel } from './items.ts';
import { listEntries, listOpensAt } from './list-items.ts';
import { displayName } from './text.ts';
import { labelled, moneyIn } from './figures/index.ts';
import { yearBefore, type TextUnit } from './text-units.ts';
import { passOver, type RejectSink } from './trace.ts';
import type { AmountItem, ExpenditureLine, Phase } from './types.ts';

const STOP = new Set<AmountItem>(['personnel_expenditure', 'public_expenditure', 'basic_expenditure', 'project_expenditure', 'total_income', 'total_expenditure', 'fiscal_appropriation', 'general_public_budget']);

export interface EconomicContext {
  readonly fiscalYear: number | null;
  readonly defaultPhase: Phase;
  /** Hears of every figure passed over and why (explain); absent, nothing is built. */
  readonly reject?: RejectSink;
}

export function readEconomicLines(units: readonly TextUnit[], ctx: EconomicContext): ExpenditureLine[] {
  const out: ExpenditureLine[] = [];
  for (const unit of units) {
    if (unit.duplicate) continue;
    for (const sentence of unit.text.split(/(?<=。)/)) {
      for (const { figure: fig, label } of labelled(sentence, moneyIn(sentence))) {
        const reading = readLabel(label);
        if (!reading.items.some((i) => i === 'personnel_expenditure' || i === 'public_expenditure')) continue;
        const open = listOpensAt(sentence, fig.end);
        if (open === null) continue;
        const year = yearBefore(sentence, fig.start) ?? ctx.fiscalYear;
        if (year === null) continue;
        const phase = phaseInReport(reading.phase, label, ctx.defaultPhase);
        for (const entry of listEntries(sentence, open)) {
          if (entry.name.length < 2 || entry.name.length > 30 || readLabel(entry.name).items.some((i) => STOP.has(i))) {
            passOver(ctx.reject, 'economic-lines', 'list-ended', entry.figure, entry.name, [], sentence, unit.page);
            break;
          }
          out.push({ classification: 'economic', path: [displayName(entry.name)], code: null, phase, fiscal_year: year, yuan: entry.figure.yuan, budget_yuan: null, source_text: sentence.slice(entry.start, entry.figure.end), page: unit.page, anchor: { block: unit.position } });
        }
        break;
      }
    }
  }
  return out;
}
