import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '@budget-ingest/db';
import { cli } from './support/cli.ts';

/*
 * Runs the ten analyst questions of docs/queries.sql against a fresh embedded database holding
 * three hand-checked county documents (gold answers in test/fixtures/corpus/gold/*.json) and two
 * real Shanghai Putuo disclosures (expected values read from `budget-ingest export --format json`
 * of these files and checked against the PDFs' own tables and text; page numbers given below).
 */

const corpus = join(import.meta.dirname, 'fixtures/corpus');
const FILES = [
  join(corpus, 'docs/renhua-2021-perf.pdf'),
  join(corpus, 'docs/lusong-2023-perf.pdf'),
  join(corpus, 'docs/wanyuan-2022-final-accounts.pdf'),
  join(corpus, 'real/shanghai-putuo-sifaju-2026-dept-budget.pdf'),
  join(corpus, 'real/shanghai-putuo-caizhengju-2024-final.pdf'),
];

interface Query {
  readonly n: number;
  readonly question: string;
  readonly text: string;
}

/** Splits docs/queries.sql into its `-- Qn: question` blocks, each running to its closing `;`. */
function readQueries(): Query[] {
  const file = readFileSync(join(import.meta.dirname, '../docs/queries.sql'), 'utf8');
  return file
    .split(/^(?=-- Q\d+: )/m)
    .slice(1)
    .map((block) => {
      const head = /^-- Q(\d+): (.+)$/m.exec(block);
      if (!head) throw new Error(`not a query block: ${block.slice(0, 40)}`);
      return { n: Number(head[1]), question: head[2]!, text: block.trim() };
    });
}

const queries = readQueries();
let dataDir: string;
let handle: DbHandle | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bi-queries-'));
  const run = await cli(['ingest', ...FILES], { BUDGET_INGEST_DATA_DIR: dataDir });
  expect(run.code, run.stderr).toBe(0);
  // Only one handle may open a PGlite directory: the CLI has closed its own by now.
  handle = await createDb({ databaseUrl: null, dataDir });
}, 600_000);

afterAll(async () => {
  await handle?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs question n and returns its rows, keeping only the named columns when given. */
async function answer(n: number, columns?: readonly string[]): Promise<Record<string, unknown>[]> {
  const query = queries.find((q) => q.n === n);
  if (!query || !handle) throw new Error(`no query Q${n} or no database`);
  // Both drivers (PGlite, node-postgres) return their rows in `.rows`; numeric stays a string.
  const result = (await handle.db.execute(sql.raw(query.text))) as { rows: Record<string, unknown>[] };
  const rows = result.rows;
  if (!columns) return rows;
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])));
}

describe('docs/queries.sql', () => {
  it('holds eleven numbered questions, each one statement with a deterministic ORDER BY', () => {
    expect(queries.map((q) => q.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (const q of queries) {
      expect(q.question.length, `Q${q.n}`).toBeGreaterThan(10);
      expect(q.text.endsWith(';'), `Q${q.n}`).toBe(true);
      const code = q.text.replace(/--.*$/gm, '').trim();
      expect(code.indexOf(';'), `Q${q.n} has one statement`).toBe(code.length - 1);
      expect(code, `Q${q.n}`).toMatch(/\bORDER BY\b/);
    }
  });

  it('Q1 ranks reports by execution rate, lowest first, unknown rates last', async () => {
    // lusong gold: total_expenditure budget_adjusted 3462600.00, actual 3133300.00 → 90.49 %.
    // wanyuan gold (self-evaluation part): budget_initial 36885900.00 = actual → 100.00 %.
    // renhua gold and the wanyuan 部门决算 state no total-expenditure budget; the Putuo 财政局 2024
    // 决算 has 本年支出合计 2,940.05 万元 (export: total_expenditure actual 29400500.00, p. 6) and
    // only a 一般公共预算 年初预算, which report_overview does not use: the parser's
    // general_public_budget item holds 财政拨款 income as well as spending, so no rate of it is sound.
    expect(await answer(1, ['county', 'kind', 'fiscal_year', 'budget_yuan', 'actual_yuan', 'execution_rate_pct'])).toEqual([
      { county: '芦淞区', kind: 'department_performance_self_evaluation', fiscal_year: 2023, budget_yuan: '3462600.00', actual_yuan: '3133300.00', execution_rate_pct: '90.49' },
      { county: '万源市', kind: 'department_performance_self_evaluation', fiscal_year: 2022, budget_yuan: '36885900.00', actual_yuan: '36885900.00', execution_rate_pct: '100.00' },
      { county: '普陀区', kind: 'department_final_accounts', fiscal_year: 2024, budget_yuan: null, actual_yuan: '29400500.00', execution_rate_pct: null },
      { county: '仁化县', kind: 'department_performance_self_evaluation', fiscal_year: 2021, budget_yuan: null, actual_yuan: '19499800.00', execution_rate_pct: null },
      { county: '万源市', kind: 'department_final_accounts', fiscal_year: 2022, budget_yuan: null, actual_yuan: '36885900.00', execution_rate_pct: null },
    ]);
  });

  it('Q2 sums 类 totals by class, region, year and phase', async () => {
    // 万源市 2022 actual: the four functional 类 lines of the wanyuan gold (208, 210, 213, 221).
    // 普陀区 2024 actual: 财政局 决算 table 一般公共预算财政拨款支出决算表 (export, p. 21): 201 2106.66 万,
    // 208 326.72 万, 210 60.99 万, 221 445.69 万. 普陀区 2026 budget_initial: 司法局 支出功能分类预算表
    // (export, pp. 12–13): 204 87267272.44, 208 3343704.00, 210 1149678.00, 221 4521559.00.
    expect(await answer(2, ['class_code', 'county', 'fiscal_year', 'phase', 'yuan'])).toEqual([
      { class_code: '201', county: '普陀区', fiscal_year: 2024, phase: 'actual', yuan: '21066600.00' },
      { class_code: '204', county: '普陀区', fiscal_year: 2026, phase: 'budget_initial', yuan: '87267272.44' },
      { class_code: '208', county: '普陀区', fiscal_year: 2024, phase: 'actual', yuan: '3267200.00' },
      { class_code: '208', county: '普陀区', fiscal_year: 2026, phase: 'budget_initial', yuan: '3343704.00' },
      { class_code: '208', county: '万源市', fiscal_year: 2022, phase: 'actual', yuan: '24068200.00' },
      { class_code: '210', county: '普陀区', fiscal_year: 2024, phase: 'actual', yuan: '609900.00' },
      { class_code: '210', county: '普陀区', fiscal_year: 2026, phase: 'budget_initial', yuan: '1149678.00' },
      { class_code: '210', county: '万源市', fiscal_year: 2022, phase: 'actual', yuan: '7607700.00' },
      { class_code: '213', county: '万源市', fiscal_year: 2022, phase: 'actual', yuan: '5007900.00' },
      { class_code: '221', county: '普陀区', fiscal_year: 2024, phase: 'actual', yuan: '4456900.00' },
      { class_code: '221', county: '普陀区', fiscal_year: 2026, phase: 'budget_initial', yuan: '4521559.00' },
      { class_code: '221', county: '万源市', fiscal_year: 2022, phase: 'actual', yuan: '202200.00' },
    ]);
  });

  it('Q3 lists the indicators that missed their target, with the gap', async () => {
    // lusong gold: 群众满意度 target 90% actual 85% (weight 10, score 8, note 提高服务质量), and under
    // 成本指标 基本支出 target 108.01 万 actual 126.15 万: a cost target is a ceiling, and the report
    // itself takes a point off for it (score 9 of 10, note 合理编制预算). Every other numeric
    // indicator in the lusong and wanyuan gold meets its target; renhua has none.
    expect(await answer(3, ['county', 'level3', 'indicator_key', 'target_raw', 'actual_raw', 'gap', 'weight', 'score', 'note'])).toEqual([
      { county: '芦淞区', level3: '群众满意度', indicator_key: 'satisfaction_rate', target_raw: '90%', actual_raw: '85%', gap: '-5', weight: '10', score: '8', note: '提高服务质量' },
      { county: '芦淞区', level3: '基本支出', indicator_key: 'basic_expenditure', target_raw: '108.01万元', actual_raw: '126.15万元', gap: '181400', weight: '10', score: '9', note: '合理编制预算' },
    ]);
  });

  it('Q4 compares 参保率 targets and results across counties', async () => {
    // lusong gold: 城乡居民基本医保参保率 95% → 96.74%. wanyuan's 参保人数 is a count (insured_persons).
    expect(await answer(4, ['region_code', 'county', 'level3', 'target_value', 'actual_value', 'gap', 'met'])).toEqual([
      { region_code: '430203', county: '芦淞区', level3: '城乡居民基本医保参保率', target_value: '95', actual_value: '96.74', gap: '1.74', met: true },
    ]);
  });

  it('Q5 counts reports and findings per validation rule', async () => {
    // renhua gold: 2020 actual 9422.85 万 = 124.07 + 9294.05 + 4.73 万 (“三公”), 2021 1949.98 万 =
    // 141.13 + 1803.53 + 5.32 万: the document lists 三公 as a third part → no parts-sum-basic-project;
    // its 项目支出 9667.27 万 (预算) and 1803.53 万 (决算) are two figures, not one stated twice. lusong
    // gold: indicator weights 25+15+20+10+10+10 = 90 → weights-sum-total; its 基本支出/项目支出 of the
    // 一般公共预算 and of the 政府性基金 are different figures. lusong and wanyuan gold list alternatives
    // (1871800.00; 36885900.00) → one same-figure-different-values each; the Putuo rules match
    // test/real-documents.test.ts and the exported findings (财政局 2024: its text's 收入支出总计 are
    // 总计, other figures than the tables' 本年收入合计/本年支出合计, so no second value; 0.3 万 in the
    // text vs 2,961.68 万 in the table, 326.71/326.72 万 between tables; 司法局 2026: five "比2026年预算"
    // comparisons, three wrong percentages, 201.50 万 vs 2087959 元 for 住房公积金, 医疗卫生与计划生育支出
    // vs 卫生健康支出).
    expect(await answer(5, ['rule', 'severity', 'reports', 'findings', 'counties'])).toEqual([
      { rule: 'same-figure-different-values', severity: 'warning', reports: 2, findings: 2, counties: '万源市, 芦淞区' },
      { rule: 'text-table-mismatch', severity: 'error', reports: 2, findings: 2, counties: '普陀区' },
      { rule: 'comparison-year-mismatch', severity: 'warning', reports: 1, findings: 5, counties: '普陀区' },
      { rule: 'stated-change-mismatch', severity: 'error', reports: 1, findings: 3, counties: '普陀区' },
      { rule: 'table-agreement-class-amounts', severity: 'info', reports: 1, findings: 2, counties: '普陀区' },
      { rule: 'code-name-mismatch', severity: 'warning', reports: 1, findings: 1, counties: '普陀区' },
      { rule: 'figure-stated-twice', severity: 'error', reports: 1, findings: 1, counties: '普陀区' },
      { rule: 'weights-sum-total', severity: 'warning', reports: 1, findings: 1, counties: '芦淞区' },
    ]);
  });

  it('Q6 shows 三公 spending and its parts by county, year and phase', async () => {
    // 司法局 2026 (export, p. 21 “三公”经费和机关运行经费预算表): 合计 10.81 万, 公务接待费 0.83 万,
    // 公务用车 小计 9.98 万, 因公出国(境)费 0. 财政局 2024 (p. 18 决算表): 预算数 0.95 万 (合计 and 公务接待费),
    // 决算数 blank; p. 23 text: “三公”经费 支出决算为0.00万元 and each part 0.00 万元. renhua gold: “三公”经费 4.73 万 (2020) and 5.32 万
    // (2021). wanyuan gold: 1.4 万, all of it 公务接待费, 车辆 and 出国 0.
    expect(await answer(6, ['organization', 'fiscal_year', 'phase', 'three_public_yuan', 'reception_yuan', 'vehicles_yuan', 'overseas_yuan'])).toEqual([
      { organization: '上海市普陀区司法局', fiscal_year: 2026, phase: 'budget_initial', three_public_yuan: '108100.00', reception_yuan: '8300.00', vehicles_yuan: '99800.00', overseas_yuan: '0.00' },
      { organization: '上海市普陀区财政局', fiscal_year: 2024, phase: 'budget_initial', three_public_yuan: '9500.00', reception_yuan: '9500.00', vehicles_yuan: null, overseas_yuan: null },
      { organization: '上海市普陀区财政局', fiscal_year: 2024, phase: 'actual', three_public_yuan: '0.00', reception_yuan: '0.00', vehicles_yuan: '0.00', overseas_yuan: '0.00' },
      { organization: '仁化县医疗保障局', fiscal_year: 2020, phase: 'actual', three_public_yuan: '47300.00', reception_yuan: null, vehicles_yuan: null, overseas_yuan: null },
      { organization: '仁化县医疗保障局', fiscal_year: 2021, phase: 'actual', three_public_yuan: '53200.00', reception_yuan: null, vehicles_yuan: null, overseas_yuan: null },
      { organization: '万源市医疗保障局', fiscal_year: 2022, phase: 'actual', three_public_yuan: '14000.00', reception_yuan: '14000.00', vehicles_yuan: '0.00', overseas_yuan: '0.00' },
    ]);
  });

  it('Q7 splits spending into basic and project shares per report and phase', async () => {
    // 司法局 2026 (export, p. 13 部门支出预算总表): 基本支出 25741666.44, 项目支出 70540547.00, total
    // 96282213.44. 财政局 2024 (p. 10 支出决算表): 2,336.91 + 603.14 = 2,940.05 万 (text: 基本支出占79.49%).
    // lusong gold: basic actual 1261500.00, project actual 1412800.00 with alternative 1871800.00 (the
    // pipeline keeps the alternative, which makes basic + project = total 3133300.00); adjusted budget
    // 1261500.00 + 2201100.00 = 3462600.00. renhua gold: 2021 actual 141.13 + 1803.53 万, 5.32 万 short
    // of the total 1949.98 万 (the 三公 the document lists beside them); budget 119.54 + 9667.27 万.
    // wanyuan gold (部门决算): 741.91 + 2946.68 万 = 3688.59 万.
    expect(await answer(7, ['organization', 'kind', 'phase', 'basic_yuan', 'project_yuan', 'basic_share_pct', 'unexplained_yuan'])).toEqual([
      { organization: '上海市普陀区司法局', kind: 'department_budget', phase: 'budget_initial', basic_yuan: '25741666.44', project_yuan: '70540547.00', basic_share_pct: '26.74', unexplained_yuan: '0.00' },
      { organization: '上海市普陀区财政局', kind: 'department_final_accounts', phase: 'actual', basic_yuan: '23369100.00', project_yuan: '6031400.00', basic_share_pct: '79.49', unexplained_yuan: '0.00' },
      { organization: '株洲市芦淞区医疗保障局', kind: 'department_performance_self_evaluation', phase: 'actual', basic_yuan: '1261500.00', project_yuan: '1871800.00', basic_share_pct: '40.26', unexplained_yuan: '0.00' },
      { organization: '株洲市芦淞区医疗保障局', kind: 'department_performance_self_evaluation', phase: 'budget_adjusted', basic_yuan: '1261500.00', project_yuan: '2201100.00', basic_share_pct: '36.43', unexplained_yuan: '0.00' },
      { organization: '仁化县医疗保障局', kind: 'department_performance_self_evaluation', phase: 'actual', basic_yuan: '1411300.00', project_yuan: '18035300.00', basic_share_pct: '7.26', unexplained_yuan: '53200.00' },
      { organization: '仁化县医疗保障局', kind: 'department_performance_self_evaluation', phase: 'budget_initial', basic_yuan: '1195400.00', project_yuan: '96672700.00', basic_share_pct: '1.22', unexplained_yuan: null },
      { organization: '万源市医疗保障局', kind: 'department_final_accounts', phase: 'actual', basic_yuan: '7419100.00', project_yuan: '29466800.00', basic_share_pct: '20.11', unexplained_yuan: '0.00' },
    ]);
  });

  it('Q8 lists every document with its status and report count, problems first', async () => {
    // All five files parse; the wanyuan 部门决算 carries two self-evaluation reports in its 附件 (gold: 3 reports).
    expect(await answer(8, ['file_name', 'status', 'error_code', 'reports'])).toEqual([
      { file_name: 'lusong-2023-perf.pdf', status: 'parsed', error_code: null, reports: 1 },
      { file_name: 'renhua-2021-perf.pdf', status: 'parsed', error_code: null, reports: 1 },
      { file_name: 'shanghai-putuo-caizhengju-2024-final.pdf', status: 'parsed', error_code: null, reports: 1 },
      { file_name: 'shanghai-putuo-sifaju-2026-dept-budget.pdf', status: 'parsed', error_code: null, reports: 1 },
      { file_name: 'wanyuan-2022-final-accounts.pdf', status: 'parsed', error_code: null, reports: 3 },
    ]);
  });

  it('Q9 counts reports per region and kind', async () => {
    // Regions from the gold files (430203, 440224, 511781) and, for both Putuo files, the export's
    // region { code 310107, province 上海市, city null, county 普陀区 }.
    expect(await answer(9, ['region_code', 'city', 'county', 'kind', 'reports', 'first_year', 'last_year'])).toEqual([
      { region_code: '310107', city: null, county: '普陀区', kind: 'department_final_accounts', reports: 1, first_year: 2024, last_year: 2024 },
      { region_code: '310107', city: null, county: '普陀区', kind: 'department_budget', reports: 1, first_year: 2026, last_year: 2026 },
      { region_code: '430203', city: '株洲市', county: '芦淞区', kind: 'department_performance_self_evaluation', reports: 1, first_year: 2023, last_year: 2023 },
      { region_code: '440224', city: '韶关市', county: '仁化县', kind: 'department_performance_self_evaluation', reports: 1, first_year: 2021, last_year: 2021 },
      { region_code: '511781', city: '达州市', county: '万源市', kind: 'department_performance_self_evaluation', reports: 1, first_year: 2022, last_year: 2022 },
      { region_code: '511781', city: '达州市', county: '万源市', kind: 'project_performance_self_evaluation', reports: 1, first_year: 2022, last_year: 2022 },
      { region_code: '511781', city: '达州市', county: '万源市', kind: 'department_final_accounts', reports: 1, first_year: 2022, last_year: 2022 },
    ]);
  });

  it('Q10 lists the ten largest 项-level lines', async () => {
    // 司法局 2026 项 lines: export, p. 12 (2040699 其他司法支出 3845.49 万 also in the p. 9 text).
    // 财政局 2024 (its gold): p. 10-11 table for the actuals; the p. 22 text's 年初预算 of each 项 is the
    // line's budget_yuan, not a line of its own: 2010601 行政运行 1511.89 万, 2010608 财政委托业务支出
    // 449.52 万, 2210203 购房补贴 258.50 万. wanyuan gold: 其他社会保障和就业支出 23755900.00 (no code
    // printed), 2101501 6818600.00, 2130506 5007900.00.
    expect(await answer(10, ['organization', 'fiscal_year', 'phase', 'item_code', 'item_name', 'yuan'])).toEqual([
      { organization: '上海市普陀区司法局', fiscal_year: 2026, phase: 'budget_initial', item_code: '2040699', item_name: '其他司法支出', yuan: '38454900.00' },
      { organization: '万源市医疗保障局', fiscal_year: 2022, phase: 'actual', item_code: null, item_name: '其他社会保障和就业支出', yuan: '23755900.00' },
      { organization: '上海市普陀区司法局', fiscal_year: 2026, phase: 'budget_initial', item_code: '2040604', item_name: '基层司法业务', yuan: '21703947.00' },
      { organization: '上海市普陀区司法局', fiscal_year: 2026, phase: 'budget_initial', item_code: '2040601', item_name: '行政运行', yuan: '16726725.44' },
      { organization: '上海市普陀区财政局', fiscal_year: 2024, phase: 'actual', item_code: '2010601', item_name: '行政运行', yuan: '15118900.00' },
      { organization: '上海市普陀区司法局', fiscal_year: 2026, phase: 'budget_initial', item_code: '2040607', item_name: '公共法律服务', yuan: '6860000.00' },
      { organization: '万源市医疗保障局', fiscal_year: 2022, phase: 'actual', item_code: '2101501', item_name: '行政运行', yuan: '6818600.00' },
      { organization: '万源市医疗保障局', fiscal_year: 2022, phase: 'actual', item_code: '2130506', item_name: '社会发展', yuan: '5007900.00' },
      { organization: '上海市普陀区财政局', fiscal_year: 2024, phase: 'actual', item_code: '2010608', item_name: '财政委托业务支出', yuan: '4495200.00' },
      { organization: '上海市普陀区财政局', fiscal_year: 2024, phase: 'actual', item_code: '2210203', item_name: '购房补贴', yuan: '2585000.00' },
    ]);
  });
});

describe('the analyst views', () => {
  const rows = async (query: string): Promise<Record<string, unknown>[]> => ((await handle!.db.execute(sql.raw(query))) as { rows: Record<string, unknown>[] }).rows;

  it('gives a line printed without a code the 类 code of its 类 line in the same report', async () => {
    // wanyuan gold: 其他社会保障和就业支出 23755900.00 is printed without a code under 社会保障和就业,
    // whose 类 line carries 208. No line prints the code of its 款, so section_code stays unknown.
    expect(await rows(`SELECT class_code, class_name, section_code, item_code, yuan FROM expenditure_by_function WHERE county = '万源市' AND code IS NULL AND item_name = '其他社会保障和就业支出'`)).toEqual([
      { class_code: '208', class_name: '社会保障和就业', section_code: null, item_code: null, yuan: '23755900.00' },
    ]);
  });

  it('keys an indicator by the alias its name ends with: a 覆盖率 is a rate, not the count it contains', async () => {
    // wanyuan gold: 定点医院、定点诊所及药店监管 237所 → 240所 (数量指标) and …监管覆盖率 100% (质量指标).
    expect(await rows(`SELECT level3, indicator_key FROM indicator_results WHERE county = '万源市' AND level3 LIKE '定点医院%' ORDER BY level3`)).toEqual([
      { level3: '定点医院、定点诊所及药店监管', indicator_key: 'designated_institutions_supervised' },
      { level3: '定点医院、定点诊所及药店监管覆盖率', indicator_key: 'supervision_coverage_rate' },
    ]);
  });
});
