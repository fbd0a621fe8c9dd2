import { APPROPRIATION, FUNDS } from '../genre/funds.ts';
import { phaseOf } from '../genre/phase-words.ts';
import type { Phase } from '../types.ts';
import { maxOf, toCompactText } from '@budget-ingest/doc-model';
import { isNumberCell } from '../figures/money.ts';

/**
 * What a column holds, from its header words. Code columns are 类/款/项 parts
 * or one 科目编码 column; amount columns are named by what they add up to.
 */
export const COLUMN_ROLES = [
  'code_lei',
  'code_kuan',
  'code_xiang',
  'code',
  'name',
  'total',
  'basic',
  'project',
  'personnel',
  'public',
  'fiscal_appropriation',
  'general_public_budget',
  'government_fund_budget',
  'state_capital_budget',
  'superior_subsidy',
  'business_income',
  'operating_income',
  'affiliated_income',
  'other_income',
  'paid_to_superior',
  'operating_expenditure',
  'affiliated_subsidy',
  'reserve',
  'carried_in',
  'carried_out',
  'year_income',
  'three_public_total',
  'overseas_travel',
  'vehicles',
  'vehicle_purchase',
  'vehicle_operation',
  'official_reception',
  'agency_operating',
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export interface Column {
  /** 0-based grid column. */
  readonly index: number;
  /** Header texts from top to bottom (merged header cells repeated), white space removed. */
  readonly levels: readonly string[];
  readonly role: ColumnRole | null;
  /** 预算数 / 决算数 under the column, when the header states it. */
  readonly phase: Phase | null;
}

/** Header words → amount role. Checked against the most specific (lowest) header level first, then upwards. */
const AMOUNT_WORDS: readonly (readonly [RegExp, ColumnRole])[] = [
  [/^(因公出国\(境\)费?(用)?)$|因公出国/, 'overseas_travel'],
  [/公务用车购置及运行(维护)?费/, 'vehicles'],
  [/^(公务用车)?购置费$/, 'vehicle_purchase'],
  [/^(公务用车)?运行(维护)?费$/, 'vehicle_operation'],
  [/公务接待费/, 'official_reception'],
  [/机关运行经费/, 'agency_operating'],
  [/基本支出/, 'basic'],
  [/项目支出/, 'project'],
  [/人员经费/, 'personnel'],
  [/公用经费/, 'public'],
  [/上缴上级支出/, 'paid_to_superior'],
  [/经营支出/, 'operating_expenditure'],
  [/对附属单位补助支出/, 'affiliated_subsidy'],
  [/预留机动经费/, 'reserve'],
  [/年初结转和?结余|上年结转/, 'carried_in'],
  [/年末结转和?结余|结转下年/, 'carried_out'],
  [/上级补助收入/, 'superior_subsidy'],
  [/附属单位上缴收入/, 'affiliated_income'],
  [/经营收入/, 'operating_income'],
  [/事业收入/, 'business_income'],
  [/其他收入/, 'other_income'],
  // The funds' columns, by the funds' names (genre/funds.ts).
  [new RegExp(`${FUNDS.general_public.stem}预算`), 'general_public_budget'],
  [new RegExp(`${FUNDS.government_fund.stem}预算`), 'government_fund_budget'],
  [new RegExp(`${FUNDS.state_capital.stem}预算`), 'state_capital_budget'],
  [new RegExp(`${APPROPRIATION}(收入)?$`), 'fiscal_appropriation'],
  [/^本年收入$/, 'year_income'],
  [/^(合计|小计|总计|本年支出合计|本年收入合计|金额|决算数|预算数|收入预算|支出预算|预算金额|本年支出|数额)$/, 'total'],
];

/**
 * Roles of the columns of a table, from its header rows. `grid` is the
 * dense text grid, `headerRows` how many rows on top are header.
 */
export function readColumns(grid: readonly (readonly string[])[], headerRows: number): Column[] {
  const width = Math.max(0, maxOf(grid.map((r) => r.length)));
  const columns: Column[] = [];
  for (let c = 0; c < width; c++) {
    const levels: string[] = [];
    for (let r = 0; r < headerRows; r++) {
      const t = toCompactText(grid[r]?.[c] ?? '');
      if (t && levels[levels.length - 1] !== t) levels.push(t);
    }
    columns.push({ index: c, levels, role: roleOf(levels), phase: columnPhase(levels) });
  }
  return refineRoles(columns);
}

/** The phase the lowest header level that states one states. */
function columnPhase(levels: readonly string[]): Phase | null {
  for (const l of [...levels].reverse()) {
    const phase = phaseOf(l, 'column');
    if (phase !== null) return phase;
  }
  return null;
}

function roleOf(levels: readonly string[]): ColumnRole | null {
  if (levels.length === 0) return null;
  const last = levels[levels.length - 1]!;
  const all = levels.join('|');
  if (last === '类') return 'code_lei';
  if (last === '款') return 'code_kuan';
  if (last === '项' && /编码|代码|科目|类/.test(all)) return 'code_xiang';
  if (/编码|代码/.test(last)) return 'code';
  if (/名称$|^项目$|^科目$/.test(last)) return 'name';
  const phaseWord = /^(预算数|决算数|执行数)$/;
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i]!;
    if (phaseWord.test(level) || (/^(收入|支出|本年收入|本年支出)$/.test(level) && level !== last)) continue;
    for (const [re, role] of AMOUNT_WORDS) if (re.test(level)) return threePublic(role, levels.slice(0, i), level);
  }
  // "收入|决算数", "本年收入|预算数": the amount column of a two-sided summary.
  if (levels.some((l) => phaseWord.test(l))) return 'total';
  return null;
}

/** "合计"/"小计" under a “三公”经费 or 公务用车 group is that group's total. */
function threePublic(role: ColumnRole, above: readonly string[], level: string): ColumnRole {
  if (role !== 'total') return role;
  const upper = above.join('|');
  if (/公务用车/.test(upper) && /小计/.test(level)) return 'vehicles';
  if (/三公/.test(upper) && /合计|小计/.test(level)) return 'three_public_total';
  return role;
}

/**
 * A 科目编码 header merged over two or three columns is 类 款 (项), in that
 * order, when the header row naming them was not read as its own row.
 */
function refineRoles(columns: Column[]): Column[] {
  const out = columns.map((c) => (c.role === null && c.levels.some((l) => /三公/.test(l)) && c.levels.length === 1 ? { ...c, role: 'three_public_total' as const } : c));
  for (let i = 0; i < out.length; i++) {
    if (out[i]!.role !== 'code') continue;
    let j = i;
    while (j + 1 < out.length && out[j + 1]!.role === 'code' && out[j + 1]!.levels.join('|') === out[i]!.levels.join('|')) j++;
    if (j > i && j - i <= 2) {
      const parts: ColumnRole[] = ['code_lei', 'code_kuan', 'code_xiang'];
      for (let k = i; k <= j; k++) out[k] = { ...out[k]!, role: parts[k - i]! };
    }
    i = j;
  }
  return out;
}

const CODE_PART = /^\d{2,3}$/;

/**
 * How many rows on top are header: rows before the first that carries a
 * figure or a 类/款/项 code. Header rows hold words only.
 */
export function countHeaderRows(grid: readonly (readonly string[])[]): number {
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r]!.map(toCompactText);
    if (row.some((t) => isNumberCell(t) && !/^\d{1,2}$/.test(t))) return r;
    if (row.some((t) => /^\d{3}(\d{2}){0,2}$/.test(t)) || (row.filter((t) => CODE_PART.test(t)).length >= 2)) return r;
  }
  return grid.length;
}
