import Decimal from 'decimal.js';
import {
  bareLabel,
  cleanName,
  codedRows,
  grandTotalRow,
  isGrandTotalRow,
  mainValue,
  primaryFunctionalTable,
  toYuan,
  valueOf,
  type ColumnRole,
  type Printed,
  type RecognisedTable,
  type TableRow,
} from '../standard-tables/index.ts';
import type { ValidationFinding } from '../types.ts';
import { checkSame, checkSum, show, type Disagreement } from './compare.ts';
import type { FindingRule } from '../finding-rules.ts';
import { TABLE_KIND_SPECS, type StandardTableSpecs, type TableSumRule } from '../specs/table-kinds.ts';
import { TABLE_AGREEMENTS, type TableAgreement, type TableFigureRef } from '../specs/table-agreements.ts';
import { findingOf } from './rules.ts';

/**
 * What a row's 合计 adds up from, per row-sum rule: the roles of the part columns
 * (those the table prints on the row's side) and how the message names their sum.
 */
const ROW_SUMS = {
  'row-sum-total-basic-project': { parts: ['basic', 'project', 'paid_to_superior', 'operating_expenditure', 'affiliated_subsidy', 'reserve'], what: '基本支出与项目支出等之和' },
  'row-sum-income-sources': { parts: ['fiscal_appropriation', 'superior_subsidy', 'business_income', 'operating_income', 'affiliated_income', 'other_income', 'general_public_budget', 'government_fund_budget', 'state_capital_budget'], what: '各项收入之和' },
  'row-sum-personnel-public': { parts: ['personnel', 'public'], what: '人员经费与公用经费之和' },
} as const satisfies Record<string, { parts: readonly ColumnRole[]; what: string }>;

/** The fund columns split 财政拨款 (in a 收入表 beside it, or making up a 财政拨款收支总表): added only where 财政拨款 itself is not printed. */
const FUND_PARTS: readonly ColumnRole[] = ['general_public_budget', 'government_fund_budget', 'state_capital_budget'];
const FUNDS_WHAT = '一般公共预算、政府性基金预算与国有资本经营预算之和';

/** A check of one sum rule on one table: its findings. */
export type TableCheck = (t: RecognisedTable) => ValidationFinding[];

/** Every sum rule a standard table's spec may list, with its check: a rule without one fails to compile. */
export const SUM_RULE_CHECKS = {
  'row-sum-total-basic-project': (t) => rowSums(t, 'row-sum-total-basic-project'),
  'row-sum-income-sources': (t) => rowSums(t, 'row-sum-income-sources'),
  'row-sum-personnel-public': (t) => rowSums(t, 'row-sum-personnel-public'),
  'row-sum-three-public': (t) => threePublicSums(t),
  'parent-sum-children': (t) => parentSums(t),
  'total-sum-classes': (t) => classTotals(t),
} as const satisfies Record<TableSumRule, TableCheck>;

const rowName = (row: TableRow): string => (row.code ? `${row.code} ${row.label}` : row.label || '数据');

/**
 * The sum rules inside each table: exactly those its spec lists (row sums,
 * parent = Σ children, 合计 = Σ 类). `specs` is the registry (a test passes a changed copy).
 */
export function checkTables(tables: readonly RecognisedTable[], specs: StandardTableSpecs = TABLE_KIND_SPECS): ValidationFinding[] {
  return tables.flatMap((t) => specs[t.kind].sumRules.flatMap((rule) => SUM_RULE_CHECKS[rule](t)));
}

function rowSums(t: RecognisedTable, rule: keyof typeof ROW_SUMS): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const partRoles: readonly ColumnRole[] = ROW_SUMS[rule].parts;
  const parts = t.columns.filter((c) => c.role !== null && partRoles.includes(c.role));
  const totals = t.columns.filter((c) => c.role === 'total');
  if (parts.length === 0 || totals.length === 0) return out;
  for (const row of t.rows) {
    const mine = (cols: typeof parts): typeof parts => cols.filter((c) => row.side === sideOf(t, c.index));
    const whole = mine(parts).some((c) => c.role === 'fiscal_appropriation');
    const used = mine(parts).filter((c) => !(whole && FUND_PARTS.includes(c.role!)));
    const total = mine(totals).map((c) => row.values.get(c.index)).find((v) => v !== undefined);
    const ps = used.map((c) => row.values.get(c.index)).filter((v): v is Printed => v !== undefined);
    if (!total || ps.length === 0) continue;
    const sum = ps.reduce((s, p) => s.plus(toYuan(p)), new Decimal(0));
    const d = checkSum(total, sum, ps.length, ps);
    const what = used.every((c) => FUND_PARTS.includes(c.role!)) ? FUNDS_WHAT : ROW_SUMS[rule].what;
    if (d) out.push(findingOf(rule, `${t.title}“${rowName(row)}”行：合计${show(total)}，${what}为${d.expected}`, d, [row.page]));
  }
  return out;
}

function sideOf(t: RecognisedTable, columnIndex: number): number {
  let side = 0;
  let seenAmount = false;
  for (const c of t.columns) {
    const isLabel = c.role === 'code_lei' || c.role === 'code' || c.role === 'name' || c.role === 'code_kuan' || c.role === 'code_xiang';
    if (isLabel && seenAmount) {
      side++;
      seenAmount = false;
    }
    if (!isLabel && c.role !== null) seenAmount = true;
    if (c.index === columnIndex) return side;
  }
  return side;
}

function threePublicSums(t: RecognisedTable): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  for (const row of t.rows) {
    for (const phase of [...new Set(t.columns.map((c) => c.phase))]) {
      const at = (role: ColumnRole): Printed | null => {
        const c = t.columns.find((x) => x.role === role && x.phase === phase);
        return c ? (row.values.get(c.index) ?? null) : null;
      };
      const check = (total: Printed | null, parts: readonly (Printed | null)[], what: string): void => {
        const ps = parts.filter((p): p is Printed => p !== null);
        if (!total || ps.length === 0) return;
        const d = checkSum(total, ps.reduce((s, p) => s.plus(toYuan(p)), new Decimal(0)), ps.length, ps);
        const label = phase === 'actual' ? '决算数' : phase === null ? '' : '预算数';
        if (d) out.push(findingOf('row-sum-three-public', `${t.title}${label}：${what}${show(total)}，各项之和为${d.expected}`, d, [row.page]));
      };
      check(at('three_public_total'), [at('overseas_travel'), at('vehicles') ?? sumOrNull(at('vehicle_purchase'), at('vehicle_operation')), at('official_reception')], '“三公”经费合计');
      check(at('vehicles'), [at('vehicle_purchase'), at('vehicle_operation')], '公务用车购置及运行费');
    }
  }
  return out;
}

function sumOrNull(a: Printed | null, b: Printed | null): Printed | null {
  if (!a && !b) return null;
  const base = (a ?? b)!;
  const value = (a?.value ?? new Decimal(0)).plus(b?.value ?? new Decimal(0));
  return { ...base, value, text: value.toFixed(Math.max(0, base.decimals)) };
}

/** The figure columns of a table (not its code and name columns): the columns a hierarchy sum runs over. */
function amountColumns(t: RecognisedTable): RecognisedTable['columns'] {
  return t.columns.filter((c) => c.role !== null && !['code_lei', 'code_kuan', 'code_xiang', 'code', 'name'].includes(c.role));
}

/** Each side of the table (two-sided tables print income and expenditure side by side) with its coded rows, first row per code. */
function codedSides(t: RecognisedTable): { side: number; rows: TableRow[]; byCode: Map<string, TableRow> }[] {
  return [...new Set(t.rows.map((r) => r.side))].map((side) => {
    const rows = t.rows.filter((r) => r.side === side);
    const byCode = new Map<string, TableRow>();
    for (const r of rows) if (r.code !== null && !byCode.has(r.code)) byCode.set(r.code, r);
    return { side, rows, byCode };
  });
}

/** 类 = Σ 款, 款 = Σ 项 (where the table prints the children), for every figure column. */
function parentSums(t: RecognisedTable): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const amountCols = amountColumns(t);
  for (const { byCode } of codedSides(t)) {
    for (const parent of byCode.values()) {
      const len = parent.code!.length;
      const children = [...byCode.values()].filter((r) => r.code!.length === len + 2 && r.code!.startsWith(parent.code!));
      if (children.length === 0) continue;
      for (const c of amountCols) {
        const total = parent.values.get(c.index);
        const parts = children.map((r) => r.values.get(c.index)).filter((v): v is Printed => v !== undefined);
        if (!total || (parts.length === 0 && total.value.isZero())) continue;
        const d = checkSum(total, parts.reduce((s, p) => s.plus(toYuan(p)), new Decimal(0)), Math.max(1, parts.length), parts);
        const level = len === 3 ? '类' : '款';
        if (d) out.push(findingOf('parent-sum-children', `${t.title}“${rowName(parent)}”（${level}）${columnName(c.levels)}${show(total)}，下级科目之和为${d.expected}`, d, [parent.page, ...children.map((r) => r.page)]));
      }
    }
  }
  return out;
}

/** 合计 = Σ 类, for every figure column. */
function classTotals(t: RecognisedTable): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const amountCols = amountColumns(t);
  for (const { side, rows, byCode } of codedSides(t)) {
    const totalRow = rows.find(isGrandTotalRow) ?? (side === 0 ? grandTotalRow(t) : null);
    const classes = [...byCode.values()].filter((r) => r.code!.length === 3);
    if (!totalRow || classes.length === 0) continue;
    for (const c of amountCols) {
      const total = totalRow.values.get(c.index);
      const parts = classes.map((r) => r.values.get(c.index)).filter((v): v is Printed => v !== undefined);
      if (!total || (parts.length === 0 && total.value.isZero())) continue;
      const d = checkSum(total, parts.reduce((s, p) => s.plus(toYuan(p)), new Decimal(0)), Math.max(1, parts.length), parts);
      if (d) out.push(findingOf('total-sum-classes', `${t.title}合计行${columnName(c.levels)}${show(total)}，各类之和为${d.expected}`, d, [totalRow.page, ...classes.map((r) => r.page)]));
    }
  }
  return out;
}

function columnName(levels: readonly string[]): string {
  const last = levels[levels.length - 1];
  return last ? `“${last}”列` : '';
}

/**
 * The standard tables agree with each other: exactly the entries of
 * specs/table-agreements.ts (收支总表 ↔ 收入表/支出表, 财政拨款收支总表 ↔
 * 一般公共预算支出表 ↔ 基本支出表), in their order; a rule whose tables or rows
 * the report lacks is passed over.
 */
export function checkAgreement(tables: readonly RecognisedTable[], agreements: readonly TableAgreement[] = TABLE_AGREEMENTS): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const first = (kind: RecognisedTable['kind']): RecognisedTable | undefined => tables.find((t) => t.kind === kind);
  const push = (rule: FindingRule, what: string, a: { t: RecognisedTable; row: TableRow; p: Printed | null }, b: { t: RecognisedTable; row: TableRow; p: Printed | null }): void => {
    if (!a.p || !b.p) return;
    const d: Disagreement | null = checkSame(a.p, b.p);
    if (d) out.push(findingOf(rule, `${what}：${a.t.title}为${show(a.p)}，${b.t.title}为${show(b.p)}`, d, [a.row.page, b.row.page], d.severity));
  };
  /** The figure a reference names in the report's tables: its table, row and printed value. */
  const figure = (ref: TableFigureRef): { t: RecognisedTable; row: TableRow; p: Printed | null } | null => {
    const t = first(ref.table);
    if (!t) return null;
    const row = ref.row === 'grand_total' ? grandTotalRow(t) : ref.row.label.reduce<TableRow | undefined>((found, re) => found ?? t.rows.find((r) => re.test(bareLabel(r.label))), undefined);
    if (!row) return null;
    return { t, row, p: ref.column === 'main' ? mainValue(t, row) : valueOf(t, row, ref.column.role) };
  };
  for (const rule of agreements) {
    if (rule.kind === 'classes') {
      const summary = first(rule.summary);
      const functional = rule.against === 'primary' ? primaryFunctionalTable(tables) : first(rule.against);
      if (summary && functional && !(rule.against === 'primary' && functional.kind === 'general_budget_functional')) classAgreement(summary, functional, rule.role, push);
      continue;
    }
    const a = figure(rule.a);
    const b = figure(rule.b);
    if (a && b) push(rule.rule, rule.what, a, b);
  }
  return out;
}

function classAgreement(
  summary: RecognisedTable,
  functional: RecognisedTable,
  role: ColumnRole,
  push: (rule: FindingRule, what: string, a: { t: RecognisedTable; row: TableRow; p: Printed | null }, b: { t: RecognisedTable; row: TableRow; p: Printed | null }) => void,
): void {
  const classes = codedRows(functional, '2').filter((r) => r.code!.length === 3);
  if (classes.length === 0) return;
  for (const row of summary.rows) {
    const name = bareLabel(row.label);
    if (!/支出$/.test(name) || /合计|总计|小计|基本支出|项目支出|^支出$/.test(name)) continue;
    const p = valueOf(summary, row, role) ?? (role === 'total' ? mainValue(summary, row) : null);
    const match = classes.find((c) => cleanName(c.label, true) === cleanName(name, true));
    if (!p) continue;
    if (match) {
      push('table-agreement-class-amounts', `${name}（类）`, { t: summary, row, p }, { t: functional, row: match, p: mainValue(functional, match) });
    } else if (!p.value.isZero()) {
      const zero: Printed = { ...p, text: '0.00', value: new Decimal(0) };
      push('table-agreement-class-amounts', `${name}（类）（${functional.title}无此类）`, { t: summary, row, p }, { t: functional, row, p: zero });
    }
  }
}
