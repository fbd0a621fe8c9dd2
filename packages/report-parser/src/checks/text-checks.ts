import Decimal from 'decimal.js';
import { toCompactText, type Block } from '@budget-ingest/doc-model';
import { bareLabel, cleanName, codedRows, grandTotalRow, mainValue, primaryFunctionalTable, roundingSlack, toYuan, valueOf, type ColumnRole, type Printed, type RecognisedTable, type TableRow } from '../standard-tables/index.ts';
import type { ReportKind, ValidationFinding } from '../types.ts';
import { phaseOf } from '../genre/phase-words.ts';
import { FUND_BUDGETS, isFundApart, lastFundNamed } from '../genre/funds.ts';
import { checkSame, show } from './compare.ts';
import { findingOf } from './rules.ts';
import { figuresOf, percentsOf, sentencesOf, type Sentence, type TextFigure } from './text-figures.ts';
import { defaultPhaseOf } from '../specs/report-kinds.ts';
import { yearsIn } from '../figures/index.ts';

export interface TextContext {
  readonly fiscalYear: number | null;
  readonly kind: ReportKind | null;
  readonly tables: readonly RecognisedTable[];
}

const UP = /(增加|增长|上升|提高|增幅)$/;
const DOWN = /(减少|下降|降低|降幅)$/;

/** A stated change ("比上年增加21.74%", "减少56.95万元，下降1.87%") against the figures it compares. */
export function checkStatedChanges(blocks: readonly Block[]): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  for (const s of sentencesOf(blocks)) {
    for (const pct of percentsOf(s.text)) {
      const before = s.text.slice(Math.max(0, pct.start - 4), pct.start).replace(/(了|为|幅度)$/, '');
      const up = UP.test(before);
      const down = DOWN.test(before);
      if (!up && !down) continue;
      const figs = figuresOf(s.text).filter((f) => f.end <= pct.start);
      const change = [...figs].reverse().find((f) => /(增加|减少|增长|下降|上升|降低)了?$/.test(s.text.slice(Math.max(0, f.start - 3), f.start)));
      let lo: Decimal;
      let hi: Decimal;
      let computed: Decimal;
      let compared: string;
      if (change) {
        const current = [...figs].reverse().find((f) => f !== change && f.end <= change.start) ?? lastFigure(s.previous);
        if (!current) continue;
        const d = toYuan(change.printed);
        const c = toYuan(current.printed);
        const prior = up ? c.minus(d) : c.plus(d);
        const slack = roundingSlack(change.printed).plus(roundingSlack(current.printed));
        if (prior.lte(slack)) continue;
        computed = d.div(prior).times(100);
        lo = d.minus(roundingSlack(change.printed)).div(prior.plus(slack)).times(100);
        hi = d.plus(roundingSlack(change.printed)).div(prior.minus(slack)).times(100);
        compared = `${show(current.printed)}（变动${show(change.printed)}）`;
      } else {
        if (!/比|较|相比|同比|上年/.test(s.text.slice(0, pct.start))) continue;
        const pair = comparedPair(s, figs);
        if (!pair) continue;
        const [prior, current] = pair;
        const a = toYuan(prior.printed);
        const b = toYuan(current.printed);
        const sa = roundingSlack(prior.printed);
        const sb = roundingSlack(current.printed);
        if (a.lte(sa)) continue;
        const signed = b.minus(a).div(a).times(100);
        // Magnitude of the change in the stated direction.
        computed = up ? signed : signed.neg();
        const bounds = [b.minus(sb).minus(a.plus(sa)).div(a.plus(sa)), b.plus(sb).minus(a.minus(sa)).div(a.minus(sa))].map((x) => x.times(100).times(up ? 1 : -1));
        // eslint-disable-next-line no-restricted-syntax -- two bounds, fixed by the code above
        lo = Decimal.min(...bounds);
        // eslint-disable-next-line no-restricted-syntax -- two bounds, fixed by the code above
        hi = Decimal.max(...bounds);
        compared = `${show(prior.printed)}→${show(current.printed)}`;
      }
      if (printedAs(pct.value, pct.decimals, lo, hi)) continue;
      // One unit of the last printed digit above: rounded twice, or a slip.
      const step = new Decimal(10).pow(-pct.decimals);
      const severity = pct.value.lte(hi.plus(step)) && pct.value.gte(lo) ? 'info' : 'error';
      const word = up ? '增加' : '减少';
      const expected = computed.isNeg() ? `${up ? '减少' : '增加'}${computed.neg().toFixed(Math.max(2, pct.decimals))}%` : `${word}${computed.toFixed(Math.max(2, pct.decimals))}%`;
      out.push(findingOf('stated-change-mismatch', `“${clip(s.text, pct.start)}”：按${compared}计算应为${expected}，文中为${word}${pct.text}`, { expected, actual: `${word}${pct.text}` }, [s.page], severity));
    }
  }
  return out;
}

/**
 * True when a percentage printed to `decimals` places can be a value between
 * `lo` and `hi`, rounded (12.345% → 12.35%) or truncated (12.345% → 12.34%):
 * both are how the genre prints a rate, neither is a mismatch.
 */
export function printedAs(printed: Decimal, decimals: number, lo: Decimal, hi: Decimal): boolean {
  const step = new Decimal(10).pow(-decimals);
  return printed.gte(lo.minus(step)) && printed.lte(hi.plus(step.div(2)));
}

function lastFigure(text: string): TextFigure | null {
  const f = figuresOf(text);
  return f[f.length - 1] ?? null;
}

/** The two figures a change compares: the one under the comparison year (or the first) is the earlier. */
function comparedPair(s: Sentence, figs: readonly TextFigure[]): [TextFigure, TextFigure] | null {
  const all = figs.length >= 2 ? figs : [...figuresOf(s.previous).map((f) => ({ ...f, start: f.start - 100000, end: f.end - 100000 })), ...figs];
  if (all.length < 2) return null;
  const candidates = all.slice(-2);
  const comparedYear = yearsIn(s.text).find((y) => y.compared)?.year;
  if (comparedYear !== undefined) {
    const yearOf = (f: TextFigure): number | undefined => {
      const text = f.start < 0 ? s.previous.slice(0, f.start + 100000) : s.text.slice(0, f.start);
      return yearsIn(text).at(-1)?.year;
    };
    const prior = candidates.find((f) => yearOf(f) === comparedYear);
    const current = candidates.find((f) => f !== prior);
    if (prior && current) return [prior, current];
  }
  return [candidates[0]!, candidates[1]!];
}

function clip(text: string, at: number): string {
  const start = Math.max(0, at - 40);
  return (start > 0 ? '…' : '') + text.slice(start, at + 8);
}

/** A comparison ("比2023年", "与2023年度相比") should name the year before the report's. */
export function checkComparisonYears(blocks: readonly Block[], fiscalYear: number | null): ValidationFinding[] {
  if (fiscalYear === null) return [];
  const out: ValidationFinding[] = [];
  for (const s of sentencesOf(blocks)) {
    for (const { year, start, compared } of yearsIn(s.text)) {
      if (!compared) continue;
      const at = start - 1;
      const rest = s.text.slice(at, at + 40);
      if (!/相比|增|减|持平|下降|上升|变化|降低|一致/.test(rest)) continue;
      if (year === fiscalYear - 1) continue;
      out.push(findingOf('comparison-year-mismatch', `“${clip(s.text, at + 10)}”：比较年份为${year}年，报告年度为${fiscalYear}年，应与${fiscalYear - 1}年比较`, { expected: String(fiscalYear - 1), actual: String(year) }, [s.page]));
    }
  }
  return out;
}

interface ChainLink {
  readonly name: string;
  readonly level: '类' | '款' | '项';
  readonly digits: string | null;
}

interface Chain {
  readonly links: readonly ChainLink[];
  readonly start: number;
  readonly end: number;
}

const LINK = /([^\d、，,。；;：:()“”\s]+?)\((\d{2,3})?(类|款|项)\)/g;

/** Chains of 类/款/项 names in a paragraph ("公共安全支出（204类）司法（06款）基层司法业务（04项）"). */
function chainsOf(text: string): Chain[] {
  const chains: Chain[] = [];
  let current: { links: ChainLink[]; start: number; end: number } | null = null;
  for (const m of text.matchAll(LINK)) {
    const link: ChainLink = { name: m[1]!, level: m[3] as ChainLink['level'], digits: m[2] ?? null };
    if (current && m.index === current.end && link.level !== '类') {
      current.links.push(link);
      current.end = m.index + m[0].length;
    } else {
      if (current) chains.push(current);
      current = { links: [link], start: m.index!, end: m.index! + m[0].length };
    }
  }
  if (current) chains.push(current);
  return chains;
}

/** Codes of a chain from the codes printed in it ("204类" "06款" "04项" → 2040604), else null. */
function chainCode(links: readonly ChainLink[]): string | null {
  let code = '';
  for (const l of links) {
    if (!l.digits) return null;
    if (l.level === '类' && l.digits.length === 3) code = l.digits;
    else if (l.level !== '类' && l.digits.length === 2 && code.length >= 3) code += l.digits;
    else return null;
  }
  return code || null;
}

/** The row a chain names: by its printed code, else by the names level by level. */
function chainRow(links: readonly ChainLink[], table: RecognisedTable): TableRow | null {
  const rows = codedRows(table, '2');
  const code = chainCode(links);
  if (code) return rows.find((r) => r.code === code) ?? null;
  let prefix = '';
  let found: TableRow | null = null;
  for (const l of links) {
    const len = l.level === '类' ? 3 : l.level === '款' ? 5 : 7;
    found = rows.find((r) => r.code!.length === len && r.code!.startsWith(prefix) && cleanName(r.label, len === 3) === cleanName(l.name, len === 3)) ?? null;
    if (!found) return null;
    prefix = found.code!;
  }
  return found;
}

/**
 * 类/款/项 named in the text: the name printed under a code agrees with the
 * table's name for it, the figure stated for it agrees with the table, and
 * the two figures a paragraph states for it (right after the name, and as
 * 支出决算 / 预算安排 of the year) agree with each other.
 */
export function checkFunctionalStatements(blocks: readonly Block[], ctx: TextContext): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const general = ctx.tables.find((t) => t.kind === 'general_budget_functional' && codedRows(t, '2').length > 0);
  const table = general ?? primaryFunctionalTable(ctx.tables);
  const names = new Map<string, string>();
  for (const t of ctx.tables) for (const r of codedRows(t, '2')) if (r.label && !names.has(r.code!)) names.set(r.code!, r.label);
  for (const b of blocks) {
    if (b.kind === 'table') continue;
    const text = toCompactText(b.text);
    const chains = chainsOf(text);
    chains.forEach((chain, i) => {
      // Names under codes.
      let code = '';
      for (const l of chain.links) {
        if (!l.digits) break;
        code = l.level === '类' ? l.digits : code + l.digits;
        const tableName = names.get(code);
        if (!tableName) continue;
        const lei = l.level === '类';
        if (cleanName(tableName, lei) !== cleanName(l.name, lei)) {
          out.push(findingOf('code-name-mismatch', `文中“${l.name}（${l.digits}${l.level}）”，表中科目${code}的名称为“${tableName}”`, { expected: tableName, actual: l.name }, [b.page]));
        }
      }
      const phase = table?.phase ?? defaultPhaseOf(ctx.kind);
      const row = table ? chainRow(chain.links, table) : null;
      const segment = text.slice(chain.end, chains[i + 1]?.start ?? text.length);
      const figs = figuresOf(segment, { anchor: { block: b.index }, bbox: b.bbox ?? null });
      const stated: { fig: TextFigure; how: string }[] = [];
      const first = figs[0];
      if (first && first.start <= 2) stated.push({ fig: first, how: '' });
      for (const f of figs) {
        const lead = segment.slice(Math.max(0, f.start - 10), f.start);
        // The year printed last before the figure, with no other number between them.
        const last = yearsIn(lead).at(-1);
        const yearBefore = last !== undefined && !/\d/.test(lead.slice(last.end)) ? last.year : undefined;
        const ofYear = yearBefore === undefined || ctx.fiscalYear === null || yearBefore === ctx.fiscalYear;
        if (phase === 'actual' && /(支出决算|决算数|决算)(为|是)?$/.test(lead)) stated.push({ fig: f, how: '支出决算' });
        if (phase !== 'actual' && ofYear && /(预算安排|安排预算|预算数)(为|是)?$/.test(lead) && !/执行数/.test(lead)) stated.push({ fig: f, how: '预算安排' });
      }
      const label = chain.links.map((l) => `${l.name}（${l.digits ?? ''}${l.level}）`).join('');
      const primary = primaryFunctionalTable(ctx.tables);
      const other = primary && primary !== table ? chainRow(chain.links, primary) : null;
      const otherValue = primary && other ? mainValue(primary, other) : null;
      if (table && row) {
        const p = valueOf(table, row, 'total') ?? mainValue(table, row);
        const seen = new Set<string>();
        for (const s of stated) {
          if (!p) break;
          // The text may state the figure of all funds (the 支出表) rather than of the 一般公共预算.
          if (otherValue && checkSame(s.fig.printed, otherValue) === null) continue;
          const d = checkSame(s.fig.printed, p);
          const key = s.fig.printed.value.toString();
          if (d && !seen.has(key)) {
            seen.add(key);
            out.push(findingOf('text-table-mismatch', `${label}${s.how}：文中为${show(s.fig.printed)}，${table.title}为${show(p)}`, d, [b.page, row.page], d.severity));
          }
        }
      }
      const [a, c] = stated;
      if (a && c && a.fig !== c.fig) {
        const d = checkSame(c.fig.printed, a.fig.printed);
        if (d) out.push(findingOf('figure-stated-twice', `${label}：同一数字先写作${show(a.fig.printed)}，又写作${show(c.fig.printed)}`, d, [b.page], d.severity));
      }
    });
  }
  return out;
}

interface Headline {
  readonly key: string;
  readonly label: RegExp;
  /** The table figure the text restates, or null when the tables do not give it. */
  readonly figure: (tables: readonly RecognisedTable[], fiscal: boolean) => { t: RecognisedTable; row: TableRow; p: Printed } | null;
}

const fromTotalRow = (kinds: readonly RecognisedTable['kind'][], role: ColumnRole | 'main') => (tables: readonly RecognisedTable[]) => {
  for (const kind of kinds) {
    const t = tables.find((x) => x.kind === kind);
    const row = t ? grandTotalRow(t) : null;
    const p = t && row ? (role === 'main' ? mainValue(t, row) : valueOf(t, row, role)) : null;
    if (t && row && p) return { t, row, p };
  }
  return null;
};

const fromLabelledRow = (kind: RecognisedTable['kind'], re: RegExp) => (tables: readonly RecognisedTable[]) => {
  const t = tables.find((x) => x.kind === kind);
  const row = t?.rows.find((r) => re.test(bareLabel(r.label)) && r.values.size > 0);
  const p = t && row ? mainValue(t, row) : null;
  return t && row && p ? { t, row, p } : null;
};

const HEADLINES: readonly Headline[] = [
  { key: '收入支出总计', label: /(?<!财政拨款)收入支出总计/, figure: fromLabelledRow('summary', /^总计$/) },
  { key: '财政拨款收入支出总计', label: /财政拨款收入支出总计/, figure: fromLabelledRow('fiscal_summary', /^总计$/) },
  { key: '本年收入合计', label: /本年收入合计/, figure: fromTotalRow(['income'], 'main') },
  { key: '本年支出合计', label: /本年支出合计/, figure: fromTotalRow(['expenditure'], 'main') },
  { key: '基本支出', label: /基本支出/, figure: (t, fiscal) => fromTotalRow(fiscal ? ['general_budget_functional'] : ['expenditure', 'general_budget_functional'], 'basic')(t) },
  { key: '项目支出', label: /项目支出/, figure: (t, fiscal) => fromTotalRow(fiscal ? ['general_budget_functional'] : ['expenditure', 'general_budget_functional'], 'project')(t) },
  { key: '人员经费', label: /人员经费/, figure: fromTotalRow(['basic_economic'], 'personnel') },
  { key: '公用经费', label: /(?<!日常)公用经费/, figure: fromTotalRow(['basic_economic'], 'public') },
];

const PHASE_WORDS = /调整后?预算|全年预算|变动后预算|决算|执行|实际|完成|预算/g;
/**
 * The phase a figure is stated in: the last phase word before it in its
 * sentence ("财政拨款预算金额共…，其中…项目支出为9667.27万元" is a budget;
 * "部门决算共…，其中…项目支出为1803.53万元" an actual), else the report's own.
 * 一般公共预算 and 政府性基金预算 name funds, not a phase.
 */
function statedPhase(lead: string, kind: ReportKind | null): 'budget_initial' | 'budget_adjusted' | 'actual' {
  const word = [...lead.replace(FUND_BUDGETS, '').matchAll(PHASE_WORDS)].pop()?.[0];
  if (word === undefined) return defaultPhaseOf(kind);
  // A bare 执行, 实际 or 完成 is too loose for phaseOf's vocabulary, but right before a figure it means actual.
  return phaseOf(word) ?? 'actual';
}

/**
 * The fund a figure is of: the last fund its sentence names before it
 * (一般公共预算, 政府性基金, 财政拨款 …); else a 政府性基金 / 国有资本经营 /
 * 社会保险基金 that the paragraph or its heading is about ("政府性基金预算财政拨款
 * 收入28.04万元；…；支出28.04万元，其中基本支出0.00万元"); else all funds. Only
 * those smaller funds carry over sentences: a paragraph's 财政拨款 opening
 * does not scope what follows it.
 */
function fundOf(s: Sentence, lead: string): string {
  const own = lastFundNamed(lead);
  if (own !== null) return own;
  const carried = lastFundNamed(s.context);
  return carried !== null && isFundApart(carried) ? carried : '全部';
}

/**
 * Headline figures of the text (本年收入合计, 本年支出合计, 基本支出, 项目支出,
 * 人员经费, 公用经费) against the tables (unit converted, at the text's
 * precision), and the same headline stated twice with different values —
 * the same figure: of one phase and one fund.
 */
export function checkHeadlineStatements(blocks: readonly Block[], ctx: TextContext): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const statements = new Map<string, { p: Printed; page: number | null }>();
  for (const s of sentencesOf(blocks)) {
    for (const h of HEADLINES) {
      const re = new RegExp(`${h.label.source}(?:支出)?(?:为|是|共|合计)?(\\d)`, 'g');
      for (const m of s.text.matchAll(re)) {
        const at = m.index! + m[0].length - 1;
        const fig = figuresOf(s.text, s.at).find((f) => f.start === at);
        if (!fig) continue;
        const lead = s.text.slice(0, m.index!);
        const otherYear = yearsIn(lead).some((y) => ctx.fiscalYear !== null && y.year !== ctx.fiscalYear);
        if (otherYear || /(增加|减少|增长|下降|上年|预算为|比)$/.test(lead)) continue;
        const fiscal = /(财政拨款|一般公共预算)[^，,]*$/.test(lead);
        const key = `${h.key}${fiscal ? '（财政拨款）' : ''}`;
        const table = h.figure(ctx.tables, fiscal);
        if (table) {
          const d = checkSame(fig.printed, table.p);
          if (d) out.push(findingOf('text-table-mismatch', `${key}：文中为${show(fig.printed)}，${table.t.title}为${show(table.p)}`, d, [s.page, table.row.page], d.severity));
        }
        // A budget and an actual figure, or the figures of different funds, under one label are two figures, not one stated twice.
        const figure = `${key}|${statedPhase(lead, ctx.kind)}|${fundOf(s, lead)}`;
        const seen = statements.get(figure);
        if (!seen) statements.set(figure, { p: fig.printed, page: s.page });
        else {
          const d = checkSame(fig.printed, seen.p);
          if (d) out.push(findingOf('figure-stated-twice', `${key}：文中先写作${show(seen.p)}，又写作${show(fig.printed)}`, d, [seen.page, s.page], d.severity));
        }
      }
    }
  }
  return out;
}
