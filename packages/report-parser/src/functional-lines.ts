import { pushAll } from '@budget-ingest/doc-model';
/**
 * Functional (支出功能分类) lines from running text: "社会保障和就业（类）行政事业单位
 * 养老支出（款）机关事业单位基本养老保险缴费支出（项）：支出决算为 28.23 万元", and
 * 类-level totals in lists ("社会保障和就业支出 2406.82 万元，占 65%") whose name is
 * a 类 of the code table.
 */
import { functionalCode, leiCode, leiOfKuan } from './classification-codes.ts';
import { phaseOf } from './genre/phase-words.ts';
import { phaseInReport, readLabel } from './items.ts';
import { displayName } from './text.ts';
import { labelled, moneyIn, type MoneyFigure } from './figures/index.ts';
import { yearBefore, type TextUnit } from './text-units.ts';
import { passOver, type RejectSink } from './trace.ts';
import type { ExpenditureLine, Phase } from './types.ts';

export interface LineContext {
  readonly fiscalYear: number | null;
  readonly defaultPhase: Phase;
  /** Hears of every figure passed over and why (explain); absent, nothing is built. */
  readonly reject?: RejectSink;
}

const MARKED = /([^,;。:、()]*?)\((类|款|项)\)/g;

function stripLei(name: string): string {
  return name.replace(/支出$/, '');
}

export function readFunctionalLines(units: readonly TextUnit[], ctx: LineContext): ExpenditureLine[] {
  const out: ExpenditureLine[] = [];
  for (const unit of units) {
    if (unit.duplicate) continue;
    const text = unit.text;
    if (/\((类|款|项)\)/.test(text)) pushAll(out, markedLines(text, unit, ctx));
    else pushAll(out, leiTotals(text, unit, ctx));
  }
  return out;
}

function markedLines(text: string, unit: TextUnit, ctx: LineContext): ExpenditureLine[] {
  const out: ExpenditureLine[] = [];
  const markers = [...text.matchAll(MARKED)];
  let lei: string | null = null;
  let kuan: string | null = null;
  let path: { lei: string | null; kuan: string | null; xiang: string | null } = { lei: null, kuan: null, xiang: null };
  let pathStart = 0;
  markers.forEach((m, i) => {
    // A path the text puts in quotes ("“一般公共服务支出（类）…（项）”938.99万元"): 科目 names hold no quote marks.
    const name = m[1]!.replace(/["']/g, '').replace(/^\d{1,2}[.、]/, '').replace(/^(其中|包括)/, '');
    const level = m[2]!;
    if (level === '类') {
      lei = stripLei(name);
      kuan = null;
      path = { lei, kuan: null, xiang: null };
      pathStart = m.index;
    } else if (level === '款') {
      kuan = name;
      path = { lei, kuan, xiang: null };
      if (i === 0 || markers[i - 1]![2] !== '类') pathStart = m.index;
    } else {
      path = { lei, kuan, xiang: name };
      if (i === 0 || markers[i - 1]![2] === '项') pathStart = m.index;
    }
    const next = markers[i + 1];
    const nextIsDeeper = next !== undefined && next.index === m.index + m[0].length;
    if (nextIsDeeper) return;
    const end = next ? next.index : text.length;
    const tail = text.slice(m.index + m[0].length, end);
    // A 款 named without its 类 takes the 类 of the section it stands in ("（二）社会保障和就业支出（类）"
    // as a heading), else the 类 the code table files it under (a 款 of another year's codes is not in the table).
    const leiName = path.lei ?? (path.kuan ? (headingLei(unit) ?? leiOfKuan(path.kuan)) : null);
    const names = [leiName, path.kuan, path.xiang].filter((n): n is string => n !== null && n !== '');
    if (names.length === 0) return;
    const chosen = lineFigures(tail, ctx, unit);
    if (chosen === null) return;
    const { figure: first, phase, budget } = chosen;
    const year = yearBefore(text, m.index) ?? ctx.fiscalYear;
    if (year === null) return;
    const displayed = names.map(displayName);
    out.push({
      classification: 'functional',
      path: displayed,
      code: functionalCode(displayed),
      phase,
      fiscal_year: year,
      yuan: first.yuan,
      budget_yuan: budget,
      source_text: text.slice(pathStart, m.index + m[0].length + first.end),
      page: unit.page,
      anchor: { block: unit.position },
    });
  });
  return out;
}

/** The 类 a section heading names ("社会保障和就业支出（类）"), innermost first; null when none does. */
function headingLei(unit: TextUnit): string | null {
  for (const heading of [...unit.sections].reverse()) {
    const m = /^([^()]+)\(类\)$/.exec(heading.text.replace(/[。:]$/, ''));
    if (m) return stripLei(m[1]!);
  }
  return null;
}

/**
 * The figure of a 类/款/项 statement: "年初预算为1560.05万元，支出决算为1511.89万元"
 * is one line of the report's phase (a final accounts' actual, with the budget
 * beside it as budget_yuan; a budget's budget). Each figure's phase comes from
 * its own clause; changes (与上年相比增加…) are not the line's figure. When no
 * figure is of the report's phase, the first figure with the phase it states.
 */
function lineFigures(tail: string, ctx: LineContext, unit: TextUnit): { figure: MoneyFigure; phase: Phase; budget: string | null } | null {
  const defaultPhase = ctx.defaultPhase;
  const phased: { figure: MoneyFigure; phase: Phase }[] = [];
  for (const { figure, raw: whole, label: clause } of labelled(tail, moneyIn(tail), 'statement')) {
    if (readLabel(clause).change) {
      passOver(ctx.reject, 'functional-lines', 'change-word', figure, clause, [], unit.text, unit.page);
      continue;
    }
    const label = phaseOf(clause) !== null || phased.length > 0 ? clause : whole;
    phased.push({ figure, phase: phaseInReport(phaseOf(label), label, defaultPhase) });
  }
  const main = phased.find((f) => f.phase === defaultPhase) ?? phased[0];
  if (!main) return null;
  const budgetOf = (p: Phase): string | null => phased.find((f) => f !== main && f.phase === p)?.figure.yuan ?? null;
  const budget = main.phase === 'actual' ? (budgetOf('budget_initial') ?? budgetOf('budget_adjusted')) : null;
  return { figure: main.figure, phase: main.phase, budget };
}

function leiTotals(text: string, unit: TextUnit, ctx: LineContext): ExpenditureLine[] {
  const out: ExpenditureLine[] = [];
  for (const { figure: fig, label } of labelled(text, moneyIn(text), 'clauseOrColon')) {
    // A list marker before the name ((1), 1., ① which NFKC turns into a bare 1): the name must be a 类 of the code table, so digits are never part of it.
    const m = /^(.+?)支出(?:为|共|合计)?$/.exec(label.replace(/^(其中|主要用于|包括)/, '').replace(/^(?:\(\d{1,2}\)|\d{1,2}[.)]?)/, ''));
    if (!m) continue;
    const name = stripLei(m[1]!);
    const code = leiCode(name);
    if (code === null) continue;
    const year = yearBefore(text, fig.start) ?? ctx.fiscalYear;
    if (year === null) continue;
    out.push({ classification: 'functional', path: [displayName(name)], code, phase: ctx.defaultPhase, fiscal_year: year, yuan: fig.yuan, budget_yuan: null, source_text: text.slice(fig.start - label.length, fig.end), page: unit.page, anchor: { block: unit.position } });
  }
  return out;
}
