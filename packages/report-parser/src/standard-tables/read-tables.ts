import { displayName } from '../text.ts';
import type { Amount, AmountItem, Anchor, ExpenditureLine, Phase, ValueBox } from '../types.ts';
import type { ColumnRole } from './columns.ts';
import { toYuan, yuanString, type Printed } from '../figures/money.ts';
import type { RecognisedTable, TableRow } from './recognise.ts';
import { bareLabel, cleanName, codedRows, grandTotalRow, isEmptyRow, mainValue, valueOf } from './read-rows.ts';

/** Row labels of the summary tables → headline items, most specific first. */
const SUMMARY_LABELS: readonly (readonly [AmountItem, RegExp])[] = [
  ['total_income', /^(本年收入合计|当年收入小计|本年收入小计)$/],
  ['total_income', /^收入(合计|总计)$/],
  ['total_expenditure', /^(本年支出合计|当年支出小计|本年支出小计)$/],
  ['total_expenditure', /^支出(合计|总计)$/],
  ['fiscal_appropriation', /^财政拨款(收入)?$/],
  ['general_public_budget', /^一般公共预算(财政拨款)?(收入)?$/],
  ['government_fund_budget', /^政府性基金预算(财政拨款)?(收入)?$/],
  ['basic_expenditure', /^基本支出$/],
  ['project_expenditure', /^项目支出$/],
];

const FISCAL_SUMMARY_LABELS: readonly (readonly [AmountItem, RegExp])[] = [
  ['fiscal_appropriation', /^(本年收入合计|当年收入小计|本年收入小计)$/],
  ['fiscal_appropriation', /^收入(合计|总计)$/],
  ['general_public_budget', /^一般公共预算(财政拨款)?(收入)?$/],
  ['government_fund_budget', /^政府性基金预算(财政拨款)?(收入)?$/],
];

const THREE_PUBLIC_COLUMNS: readonly (readonly [ColumnRole, AmountItem])[] = [
  ['three_public_total', 'three_public_expenditure'],
  ['overseas_travel', 'overseas_travel'],
  ['vehicles', 'official_vehicles'],
  ['official_reception', 'official_reception'],
  ['agency_operating', 'agency_operating_expenditure'],
];

/** Headline amounts of the standard tables; the first statement of an (item, phase, year) wins, other values become `alternatives`. */
export function readAmounts(tables: readonly RecognisedTable[], fiscalYear: number | null): Amount[] {
  const found = new Map<string, { amount: Amount; alternatives: string[] }>();
  const add = (table: RecognisedTable, item: AmountItem, phase: Phase, row: TableRow, p: Printed | null, what: string): void => {
    const year = fiscalYear ?? table.year;
    if (!p || year === null) return;
    const yuan = yuanString(toYuan(p));
    const key = `${item}|${phase}|${year}`;
    const seen = found.get(key);
    if (seen) {
      if (seen.amount.yuan !== yuan && !seen.alternatives.includes(yuan)) seen.alternatives.push(yuan);
      return;
    }
    const source_text = `${table.title}：${what} ${p.text}`;
    found.set(key, { amount: { item, phase, fiscal_year: year, yuan, source_text, page: row.page ?? table.pages[0] ?? null, ...placeOf(p) }, alternatives: [] });
  };
  for (const table of tables) {
    switch (table.kind) {
      case 'summary':
      case 'fiscal_summary': {
        const labels = table.kind === 'summary' ? SUMMARY_LABELS : FISCAL_SUMMARY_LABELS;
        for (const [item, re] of labels) {
          const row = table.rows.find((r) => re.test(bareLabel(r.label)));
          if (row) add(table, item, table.phase, row, mainValue(table, row), bareLabel(row.label));
        }
        break;
      }
      case 'expenditure':
      case 'general_budget_functional': {
        const row = grandTotalRow(table);
        if (!row) break;
        if (table.kind === 'expenditure') add(table, 'total_expenditure', table.phase, row, mainValue(table, row), '合计');
        else add(table, 'general_public_budget', table.phase, row, mainValue(table, row), '合计');
        add(table, 'basic_expenditure', table.phase, row, valueOf(table, row, 'basic'), '基本支出');
        add(table, 'project_expenditure', table.phase, row, valueOf(table, row, 'project'), '项目支出');
        break;
      }
      case 'income': {
        const row = grandTotalRow(table);
        if (row) add(table, 'total_income', table.phase, row, mainValue(table, row), '合计');
        break;
      }
      case 'basic_economic': {
        const total = grandTotalRow(table);
        if (total) {
          add(table, 'personnel_expenditure', table.phase, total, valueOf(table, total, 'personnel'), '人员经费');
          add(table, 'public_expenditure', table.phase, total, valueOf(table, total, 'public'), '公用经费');
        }
        for (const row of table.rows) {
          const label = bareLabel(row.label);
          if (/^人员经费(合计)?$/.test(label)) add(table, 'personnel_expenditure', table.phase, row, mainValue(table, row), label);
          if (/^(日常)?公用经费(合计)?$/.test(label)) add(table, 'public_expenditure', table.phase, row, mainValue(table, row), label);
        }
        break;
      }
      case 'three_public': {
        const row = grandTotalRow(table) ?? table.rows.find((r) => r.values.size > 0);
        if (!row) break;
        for (const [role, item] of THREE_PUBLIC_COLUMNS) {
          for (const c of table.columns) {
            if (c.role !== role) continue;
            const head = c.levels[c.levels.length - 1] ?? role;
            add(table, item, c.phase ?? table.phase, row, row.values.get(c.index) ?? null, head);
          }
        }
        break;
      }
      case 'government_fund':
      case 'state_capital':
        break;
    }
  }
  return [...found.values()].map(({ amount, alternatives }) => (alternatives.length ? { ...amount, alternatives } : amount));
}

/** The table whose coded rows become the report's functional lines: 支出表 (all funds), else the 一般公共预算 table, else the 收入表. */
export function primaryFunctionalTable(tables: readonly RecognisedTable[]): RecognisedTable | null {
  for (const kind of ['expenditure', 'general_budget_functional', 'income'] as const) {
    const t = tables.find((x) => x.kind === kind && codedRows(x, '2').length > 0);
    if (t) return t;
  }
  return null;
}

/** Functional lines (类/款/项 of the primary table) and economic lines (基本支出 by 经济分类). */
export function readLines(tables: readonly RecognisedTable[], fiscalYear: number | null): ExpenditureLine[] {
  const lines: ExpenditureLine[] = [];
  const functional = primaryFunctionalTable(tables);
  if (functional) lines.push(...linesOf(functional, '2', 'functional', fiscalYear));
  const economic = tables.find((t) => t.kind === 'basic_economic' && codedRows(t).length > 0);
  if (economic) lines.push(...linesOf(economic, null, 'economic', fiscalYear));
  return lines;
}

function linesOf(table: RecognisedTable, first: '2' | null, classification: 'functional' | 'economic', fiscalYear: number | null): ExpenditureLine[] {
  const year = fiscalYear ?? table.year;
  if (year === null) return [];
  const names = new Map<string, string>();
  const rows = codedRows(table, first).filter((r) => classification === 'functional' || /^[35]/.test(r.code!));
  for (const r of rows) if (r.label && !names.has(r.code!)) names.set(r.code!, r.label);
  const seen = new Set<string>();
  const out: ExpenditureLine[] = [];
  for (const row of rows) {
    const code = row.code!;
    const p = mainValue(table, row);
    if (!p || isEmptyRow(row) || seen.has(code)) continue;
    seen.add(code);
    const prefixes = classification === 'functional' ? [3, 5, 7] : [3, 5];
    const path = prefixes
      .filter((n) => n <= code.length)
      .map((n) => names.get(code.slice(0, n)) ?? null)
      // The 类 name goes without its trailing 支出 in both classifications (工资福利支出 → 工资福利), as GOLD.md's paths do.
      .map((name, i) => (name === null ? null : displayName(cleanName(name, i === 0))));
    out.push({
      classification,
      path: path.filter((n): n is string => n !== null),
      code,
      phase: table.phase,
      fiscal_year: year,
      yuan: yuanString(toYuan(p)),
      budget_yuan: null,
      source_text: `${table.title}：${code} ${row.label} ${p.text}`,
      page: row.page,
      ...placeOf(p),
    });
  }
  return out;
}

/** The anchor and box of the cell a figure was read from. */
function placeOf(p: Printed): { anchor: Anchor | null; bbox: ValueBox | null } {
  return { anchor: p.at?.anchor ?? null, bbox: p.at?.bbox ?? null };
}
