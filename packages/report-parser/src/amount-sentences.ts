/**
 * Headline amounts from running text: "2021 年度，…财政拨款预算金额共 9786.81 万元，
 * 其中基本支出预算金额为 119.54 万元，项目支出为 9667.27 万元". The label before
 * a figure names the item (items.ts); the phase comes from the label, else from
 * the sentence's earlier figures, else from the report's kind; the year from
 * the last year the sentence names before the figure ("2020 年…" yields 2020).
 */
import type { AmountCandidate } from './candidates.ts';
import { phaseInReport, readLabel, type LabelReading } from './items.ts';
import { listOpensAt } from './list-items.ts';
import type { AmountItem, Phase, ReportKind } from './types.ts';
import { labelled, moneyIn, withoutYears, yearOf, yearsIn } from './figures/index.ts';
import { defaultPhaseOf } from './specs/report-kinds.ts';
import { namesEarmarkedMoney, namesFundApart } from './genre/funds.ts';
import { itemsOf, namesChange } from './genre/item-labels.ts';
import { isPhaseOnly, LABEL_VERB_TAIL } from './genre/phase-words.ts';
import { COMPARED_YEAR_LABEL, PRIOR_YEAR_LABEL, YEAR_ONLY_LABEL } from './genre/year-words.ts';
import { yearBefore, type TextUnit } from './text-units.ts';
import { passOver, type RejectReason, type RejectSink } from './trace.ts';

export interface SentenceContext {
  readonly fiscalYear: number | null;
  readonly kind: ReportKind;
  /** Hears of every figure passed over and why (explain); absent, nothing is built. */
  readonly reject?: RejectSink;
}

/**
 * A bare 收入 / 支出 in a sentence that has named a fund, a grant or a subsidy before it is that
 * money's (医疗救助专项基金共 5650000 元，支出 4765720.27 元), not the department's total.
 */
const aboutNamedMoney = (before: string, label: string) => namesEarmarkedMoney(before + label.replace(/(?:收入|支出)[^收支]*$/, ''));
/** The parts of the spending (基本 / 项目 / 人员 / 公用): in a sentence about a fund apart, that fund's parts. */
const SCOPED_ITEMS = itemsOf('spending');

/** Items that also appear as entries of a 公用经费 list (公务接待费1.4万元): there they are economic lines. */
const LIST_MEMBER_ITEMS = itemsOf('three_public_part');

/**
 * The year of a figure restating the item the sentence just named in another year: after a label
 * that is only a year (上年为 15.6万元), or after a comparison that prints the earlier year's
 * figure before the change (较上年15.6万元减少3.3万元). Null when the label is neither.
 */
function restatedYear(label: string, after: string, fiscalYear: number | null): number | null {
  const only = YEAR_ONLY_LABEL.exec(label);
  const compared = only ? null : COMPARED_YEAR_LABEL.exec(label);
  if (compared && !namesChange(after.slice(0, 6))) return null;
  const m = only ?? compared;
  if (!m) return null;
  if (m[2] !== undefined) return yearOf(m[0]);
  return fiscalYear === null ? null : fiscalYear - 1;
}

/** The item a section heading is about, when it names exactly one. */
function sectionItem(unit: TextUnit): AmountItem | null {
  const heading = unit.sections[unit.sections.length - 1];
  if (!heading) return null;
  const reading = readLabel(heading.text);
  return reading.items.length === 1 ? reading.items[0]! : null;
}

/**
 * The item a lead-in names before a colon when the rest of the label is only a phase word
 * ("收入预算:2024年年初预算数8904.98万元"): the lead-in is the item, the rest its phase.
 */
function leadItem(label: string): AmountItem | null {
  const colon = label.lastIndexOf(':');
  if (colon <= 0) return null;
  const rest = withoutYears(label.slice(colon + 1)).replace(LABEL_VERB_TAIL, '');
  if (!isPhaseOnly(rest)) return null;
  const lead = readLabel(label.slice(0, colon));
  return lead.items.length === 1 && !lead.change ? lead.items[0]! : null;
}

/** The items a sentence's last labelled figure named, with that figure's label. */
interface NamedItem {
  readonly items: readonly AmountItem[];
  readonly label: string;
}

/**
 * A further phase of the item the sentence just named ("“三公”经费财政拨款支出年初预算为0.95万元，
 * 支出决算为0.00万元"; "…年初预算为0万元，全年预算为321.02万元"): a label that is only a phase word
 * (全年预算为, 决算数为), or a phase word and the 收入 / 支出 the item's own label used (支出决算为
 * after "…支出年初预算为"; after "收入决算为" it is the total 支出). Null when the label is not one.
 */
function furtherPhase(reading: LabelReading, label: string, named: NamedItem, kind: ReportKind): { items: readonly AmountItem[]; phase: Phase } | null {
  if (named.items.length === 0) return null;
  const flow = reading.items.includes('total_income') ? '收入' : '支出';
  const ofNamedFlow = reading.bare === true && named.label.includes(flow);
  if (!reading.phaseOnly && !ofNamedFlow) return null;
  if (reading.phase === null) return null;
  return { items: named.items, phase: phaseInReport(reading.phase, label, defaultPhaseOf(kind)) };
}

/**
 * Why a bare 收入 / 支出 is not the department's total here, or null when it is:
 * the section or sentence is about a fund outside the department's budget, the
 * sentence named other money before it, or the section is about another item.
 */
function bareNotTotal(unit: TextUnit, sentence: string, at: number, label: string, reading: LabelReading, sentenceScoped: boolean): RejectReason | null {
  if (sentenceScoped) return 'out-of-scope-fund';
  if (aboutNamedMoney(sentence.slice(0, at - label.length), label)) return 'named-money';
  const ofSection = sectionItem(unit);
  return ofSection !== null && !reading.items.includes(ofSection) ? 'other-section-item' : null;
}

export function readAmountSentences(units: readonly TextUnit[], ctx: SentenceContext): AmountCandidate[] {
  const out: AmountCandidate[] = [];
  for (const unit of units) {
    if (unit.duplicate || /\((类|款|项)\)/.test(unit.text)) continue;
    const scoped = unit.sections.some((s) => namesFundApart(s.text));
    let paragraphYear: number | null = null;
    let offset = 0;
    for (const sentence of unit.text.split(/(?<=[。!?])/)) {
      let sentencePhase: Phase | null = null;
      let sentenceScoped = scoped;
      let first = true;
      let inEconomicList = false;
      /** The items the sentence's last labelled figure named, and the phases stated for each. */
      let named: NamedItem = { items: [], label: '' };
      /** The phase of the sentence's last figure taken, for a restatement of it in another year. */
      let namedPhase: Phase | null = null;
      const phasesGiven = new Map<AmountItem, Set<Phase>>();
      for (const { figure: fig, label: clause } of labelled(sentence, moneyIn(sentence))) {
        const label = clause.replace(/^(其中|包括|含|主要包括|主要用于)[:]?/, '');
        const reading = readLabel(label);
        const isFirst = first;
        first = false;
        const pass = (reason: RejectReason, items: readonly AmountItem[]): void => passOver(ctx.reject, 'amount-sentences', reason, fig, label, items, sentence, unit.page);
        const otherYear = named.items.length > 0 && namedPhase !== null ? restatedYear(label, sentence.slice(fig.end), ctx.fiscalYear) : null;
        if (otherYear !== null && reading.items.length === 0) {
          const sourceStart = Math.max(0, fig.start - label.length);
          for (const item of named.items) {
            out.push({ item, phase: namedPhase!, fiscal_year: otherYear, yuan: fig.yuan, scale: fig.scale, origin: 'text', source_text: sentence.slice(sourceStart, fig.end), page: unit.page, order: unit.position * 10000 + offset + fig.start, anchor: { block: unit.position } });
          }
          continue;
        }
        if (reading.change) {
          pass('change-word', reading.items);
          continue;
        }
        const opensSentence = isFirst && withoutYears(sentence.slice(0, fig.start - label.length)).replace(/(本年度?|[,:;])/g, '') === '';
        const listed = /^(其中|包括|含)/.test(clause);
        const further = opensSentence || listed ? null : furtherPhase(reading, label, named, ctx.kind);
        if (further !== null && !further.items.every((i) => !(phasesGiven.get(i)?.has(further.phase) ?? false))) {
          pass('phase-already-given', further.items);
          continue;
        }
        // 收入 / 支出 alone is the total only outside a section or sentence about one fund or item.
        const notTotal = further === null && reading.bare ? bareNotTotal(unit, sentence, fig.start, label, reading, sentenceScoped) : null;
        if (notTotal !== null) {
          pass(notTotal, reading.items);
          continue;
        }
        let items = further?.items ?? reading.items;
        if (items.length === 0 && reading.phaseOnly && opensSentence) {
          const fromSection = sectionItem(unit);
          if (fromSection) items = [fromSection];
        }
        if (items.length === 0 && isFirst) {
          const lead = leadItem(label);
          if (lead) items = [lead];
        }
        if (items.length === 0) {
          if (!reading.phaseOnly) named = { items: [], label: '' };
          pass('no-item', items);
          continue;
        }
        if (further === null) named = { items, label };
        if (inEconomicList && items.every((i) => LIST_MEMBER_ITEMS.has(i))) {
          pass('economic-list-entry', items);
          continue;
        }
        if (items.some((i) => i === 'personnel_expenditure' || i === 'public_expenditure') && listOpensAt(sentence, fig.end) !== null) inEconomicList = true;
        if (items.some((i) => i === 'government_fund_budget')) sentenceScoped = true;
        if (sentenceScoped && items.every((i) => SCOPED_ITEMS.has(i))) {
          pass('out-of-scope-fund', items);
          continue;
        }
        const own = further?.phase ?? (reading.phase === null ? null : phaseInReport(reading.phase, label, defaultPhaseOf(ctx.kind)));
        const phase = own ?? sentencePhase ?? defaultPhaseOf(ctx.kind);
        sentencePhase ??= own;
        const stated = yearBefore(sentence, fig.start);
        const thisYear = /本年|本年度|当年/.test(sentence.slice(0, fig.start)) && stated === null ? ctx.fiscalYear : stated;
        if (stated !== null) paragraphYear = stated;
        // A figure of the year before (上年决算支出…, 去年收入…): the report's year − 1, unless the label prints a year.
        const priorYear = PRIOR_YEAR_LABEL.test(label) && yearsIn(label).length === 0 && ctx.fiscalYear !== null ? ctx.fiscalYear - 1 : null;
        const year = priorYear ?? thisYear ?? paragraphYear ?? ctx.fiscalYear;
        if (year === null) {
          pass('no-year', items);
          continue;
        }
        const sourceStart = Math.max(0, fig.start - label.length);
        const grandTotal = reading.grandTotal ? { grandTotal: true } : {};
        for (const item of items) phasesGiven.set(item, new Set([...(phasesGiven.get(item) ?? []), phase]));
        namedPhase = phase;
        for (const item of items) {
          out.push({ item, phase, fiscal_year: year, yuan: fig.yuan, scale: fig.scale, origin: 'text', source_text: sentence.slice(sourceStart, fig.end), page: unit.page, order: unit.position * 10000 + offset + fig.start, anchor: { block: unit.position }, ...grandTotal });
        }
      }
      offset += sentence.length;
    }
  }
  return out;
}
