import { pushAll } from '@budget-ingest/doc-model';
/**
 * Project lines from running text:
 * - lists after a 项目支出 figure ("项目支出合计141.28万元，其中：城乡居民医保2.17万元；…");
 * - project statements: a project's name, then its budget and/or spending
 *   ("医疗救助专项基金（县级配套资金）共 5650000 元，支出 4765720.27 元";
 *   "…专项，预算支出80万元，…，实际支出0.00万元"; "…配套资金年初预算安排 1225 万元"),
 *   with a parenthesised breakdown of the budget as sub-lines;
 * - in a project self-evaluation report, funds due / received (应到位 / 实际到位)
 *   of the report's project (its 项目名称).
 */
import { listEntries, listOpensAt } from './list-items.ts';
import { projectTotalPhase } from './project-totals.ts';
import { phaseInReport, readLabel } from './items.ts';
import { displayName } from './text.ts';
import { labelled, labelOf, moneyIn } from './figures/index.ts';
import { yearBefore, type TextUnit } from './text-units.ts';
import { passOver, type RejectReason, type RejectSink } from './trace.ts';
import type { ExpenditureLine, Phase } from './types.ts';

export interface ProjectContext {
  readonly fiscalYear: number | null;
  readonly defaultPhase: Phase;
  /** The report's own project (project self-evaluation reports), if named. */
  readonly projectName: string | null;
  /** True in a project self-evaluation report. */
  readonly projectReport?: boolean;
  /** Hears of every figure passed over and why (explain); absent, nothing is built. */
  readonly reject?: RejectSink;
}


const PROJECT_NAME = /(经费|资金|专项|基金|补助|配套|项目|医药费|保险费)(\([^()]*\))?$/;
const ORDINAL = /^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[,、]?|\d{1,2}[、.](?!\d)|\d{4}年(?:度|底|初)?[,]?|申请|安排)+/;
const BUDGET_WORD = /(年初预算安排|年初预算|预算安排|预算支出|预算数|预算金额|预算|应到位资金|应到位|共$|总额$)/;
const ACTUAL_WORD = /(执行数|支出数|实际支出|实际资金到位|实际到位|实际拨付|实际支付|拨付|支出|决算)/;

/** A figure labelled as a total the unit needs or paid (共需配套 / 共计支出), if the sentence has one. */
function closingTotal(sentence: string): { yuan: string; source: string } | null {
  let found: { yuan: string; source: string } | null = null;
  for (const { figure: fig, label } of labelled(sentence, moneyIn(sentence))) {
    if (/(共需|共计|累计)(配套|支出|拨付|到位|安排)?$/.test(label) && readLabel(label).items.length === 0) found = { yuan: fig.yuan, source: label + sentence.slice(fig.start, fig.end) };
  }
  return found;
}

/** How many parentheses are open at `pos`. */
function depthAt(text: string, pos: number): number {
  let depth = 0;
  for (let k = 0; k < pos; k++) {
    if (text[k] === '(') depth++;
    else if (text[k] === ')') depth = Math.max(0, depth - 1);
  }
  return depth;
}

function cleanSubject(text: string): string {
  // A list entry's marker before the name and the colon after it (1、…维修项目:预算35.3万元) are not the name.
  const s = text.replace(ORDINAL, '').replace(/\([^()]*个专项\)$/, '').replace(/:$/, '');
  return /(经费|基金)资金$/.test(s) ? s.replace(/资金$/, '') : s;
}

function isProjectName(s: string): boolean {
  return !NOT_OWN_SPENDING.test(s) && PROJECT_NAME.test(s) && s.length >= 4 && s.length <= 40 && readLabel(s).items.length === 0 && !/^(年度|部门|单位|本|[我全][市县区省局]|涉及|所有|全部)/.test(s);
}

/** A project line read from a unit of text: its place (the unit's block) set as it is read. */
function line(path: string[], phase: Phase, year: number, yuan: string | null, budget: string | null, source: string, unit: TextUnit): ExpenditureLine {
  return { classification: 'project', path: path.map(displayName), code: null, phase, fiscal_year: year, yuan, budget_yuan: budget, source_text: source, page: unit.page, anchor: { block: unit.position } };
}

export function readProjectLines(units: readonly TextUnit[], ctx: ProjectContext): ExpenditureLine[] {
  const out: ExpenditureLine[] = [];
  for (const unit of units) {
    if (unit.duplicate || /\((类|款|项)\)/.test(unit.text)) continue;
    // A paragraph that opens with a project's budget is about that project: its later total (共需/共计 …) is the spending.
    let opened: ExpenditureLine | null = null;
    unit.text.split(/(?<=。)/).forEach((sentence, s) => {
      const year = yearBefore(sentence, sentence.length) ?? ctx.fiscalYear;
      if (year === null) return;
      pushAll(out, projectLists(sentence, unit, year, ctx));
      const statements = projectStatement(sentence, unit, year, ctx);
      pushAll(out, statements);
      if (s === 0 && statements[0]?.phase === 'budget_initial' && statements[0].path.length === 1) opened = statements[0];
      else if (s > 0 && opened !== null && statements.length === 0) {
        const total = closingTotal(sentence);
        const o = opened as ExpenditureLine;
        if (total) out.push(line([...o.path], 'actual', o.fiscal_year, total.yuan, null, total.source, unit));
      }
    });
  }
  return out;
}

/** Project spending named without a figure and followed by its list ("项目支出包括委员活动经费40万元,…等5个项目"). */
const PROJECT_LIST_OPENER = /(?:项目支出|项目经费|专项资金|专项经费)(?:主要)?(?:包括|包含|有|含|分别为|涉及|用于)[:]?(?=[^\d])/g;

/** A list of what money went to (主要用于：1.…项目…万元；2.…), whatever money the sentence named before it. */
const USE_LIST_OPENER = /(?:主要用于|具体用于|用于)[:]/g;

/**
 * Money the department holds or passes on for others (代收 / 代管 / 代发 funds), or collects
 * (征收 / 征缴 a fund or a fee: income, not spending), is not its project spending.
 */
export const NOT_OWN_SPENDING = /代收|代管|代发|代付|代为(收取|管理|发放|支付)|暂收|暂存|征收|征缴|收缴|代征/;

function entryLines(sentence: string, from: number, phase: Phase, year: number, unit: TextUnit, reject: RejectSink | undefined): ExpenditureLine[] {
  const out: ExpenditureLine[] = [];
  for (const entry of listEntries(sentence, from)) {
    if (entry.name.length < 2 || entry.name.length > 40 || readLabel(entry.name).items.length > 0 || /\d/.test(entry.name)) {
      passOver(reject, 'project-lines', 'list-ended', entry.figure, entry.name, [], sentence, unit.page);
      break;
    }
    if (NOT_OWN_SPENDING.test(entry.name)) {
      passOver(reject, 'project-lines', 'held-for-others', entry.figure, entry.name, [], sentence, unit.page);
      continue;
    }
    out.push(line([entry.name], phase, year, entry.figure.yuan, null, sentence.slice(entry.start, entry.figure.end), unit));
  }
  return out;
}

function projectLists(sentence: string, unit: TextUnit, year: number, ctx: ProjectContext): ExpenditureLine[] {
  const out: ExpenditureLine[] = [];
  for (const m of sentence.matchAll(PROJECT_LIST_OPENER)) {
    const opener = sentence.slice(0, m.index);
    const phase = phaseInReport(readLabel(opener).phase, opener, ctx.defaultPhase);
    pushAll(out, entryLines(sentence, m.index + m[0].length, phase, year, unit, ctx.reject));
  }
  // A numbered list of what the money went to, every entry a project's name: the projects' lines.
  const listed = new Set(out.map((l) => l.source_text));
  for (const m of sentence.matchAll(USE_LIST_OPENER)) {
    const entries = entryLines(sentence, m.index + m[0].length, phaseInReport(null, '', ctx.defaultPhase), year, unit, undefined);
    if (entries.length >= 2 && entries.every((e) => isProjectName(e.path[0]!))) pushAll(out, entries.filter((e) => !listed.has(e.source_text)));
  }
  for (const { figure: fig, label } of labelled(sentence, moneyIn(sentence))) {
    const reading = readLabel(label);
    if (!reading.items.includes('project_expenditure')) continue;
    if (reading.change) {
      passOver(ctx.reject, 'project-lines', 'change-word', fig, label, reading.items, sentence, unit.page);
      continue;
    }
    const open = listOpensAt(sentence, fig.end);
    if (open === null) continue;
    const phase = phaseInReport(reading.phase, label, ctx.defaultPhase);
    pushAll(out, entryLines(sentence, open, phase, year, unit, ctx.reject));
  }
  return out;
}

function projectStatement(sentence: string, unit: TextUnit, year: number, ctx: ProjectContext): ExpenditureLine[] {
  const figures = moneyIn(sentence);
  if (figures.length === 0) return [];
  // In a project's own report, its allocation and payment (指标金额 / 实际拨付金额) are the report's totals (project-totals.ts).
  if (ctx.projectReport && figures.some((f) => projectTotalPhase(labelOf(sentence.slice(0, f.start))) !== null)) return [];
  // The subject: words before the first figure's label, up to a budget/actual word.
  const head = sentence.slice(0, figures[0]!.start);
  const clauses = head.split(/[,;]/);
  const lastClause = clauses[clauses.length - 1] ?? '';
  if (readLabel(lastClause).items.length > 0) return [];
  const budgetAt = lastClause.search(BUDGET_WORD);
  const inClause = budgetAt >= 0 ? budgetAt : lastClause.search(ACTUAL_WORD);
  const previous = clauses.length > 1 ? clauses[clauses.length - 2]! : '';
  const options: [string, string][] = inClause > 0 ? [[lastClause.slice(0, inClause), lastClause.slice(inClause)], [previous, lastClause]] : inClause < 0 ? [[lastClause, ''], [previous, lastClause]] : [[previous, lastClause]];
  let name: string | null = null;
  let firstLabel = '';
  for (const [candidate, label] of options) {
    const cleaned = cleanSubject(candidate);
    if (isProjectName(cleaned)) {
      name = cleaned;
      firstLabel = label;
      break;
    }
  }
  if (name === null && ctx.projectName !== null && /应到位|实际资金到位|实际到位/.test(sentence)) {
    name = ctx.projectName;
    firstLabel = lastClause;
  }
  if (name === null) return [];

  let budget: { yuan: string; end: number; at: number } | null = null;
  let actual: { yuan: string; end: number } | null = null;
  const subs: ExpenditureLine[] = [];
  labelled(sentence, figures, 'listEntry').forEach(({ figure: fig, label: entryLabel }, i) => {
    const label = i === 0 ? firstLabel : entryLabel;
    const passed: RejectReason | null = readLabel(label).change ? 'change-word' : /结转|结余/.test(label) ? 'carried-over' : depthAt(sentence, fig.start) > 0 ? 'inside-parentheses' : null;
    if (passed !== null) {
      passOver(ctx.reject, 'project-lines', passed, fig, label, [], sentence, unit.page);
      return;
    }
    // In a budget a bare 支出 / 拨付 is what is budgeted (phaseInReport): only 决算 / 执行 / 实际 are actual.
    const spent = ACTUAL_WORD.test(label) && !/预算/.test(label);
    const actualHere = spent && phaseInReport('actual', label, ctx.defaultPhase) === 'actual';
    if (budget === null && actual === null && (BUDGET_WORD.test(label) || (spent && !actualHere))) {
      budget = { yuan: fig.yuan, end: fig.end, at: fig.start };
      return;
    }
    if (actual === null && actualHere) actual = { yuan: fig.yuan, end: fig.end };
  });
  const b = budget as { yuan: string; end: number; at: number } | null;
  const a = actual as { yuan: string; end: number } | null;
  // A parenthesised breakdown right after the budget figure: sub-lines.
  if (b !== null) {
    const open = /^\((?:包括|其中|含)[:]?/.exec(sentence.slice(b.end));
    if (open) {
      const close = sentence.indexOf(')', b.end + open[0].length);
      let depth = 0;
      let end = -1;
      for (let k = b.end; k < sentence.length; k++) {
        if (sentence[k] === '(') depth++;
        else if (sentence[k] === ')') {
          depth--;
          if (depth === 0) {
            end = k;
            break;
          }
        }
      }
      const stop = end >= 0 ? end : close;
      for (const entry of listEntries(sentence, b.end + open[0].length, stop)) {
        if (entry.name.length < 2) continue;
        subs.push(line([name, entry.name], 'budget_initial', year, entry.figure.yuan, null, sentence.slice(entry.start, entry.figure.end), unit));
      }
    }
  }
  if (a === null && b === null) return [];
  const source = sentence.slice(Math.max(0, sentence.indexOf(name)), (a ?? b)!.end);
  const main = a !== null ? line([name], 'actual', year, a.yuan, b?.yuan ?? null, source, unit) : line([name], 'budget_initial', year, b!.yuan, null, source, unit);
  return [main, ...subs];
}
