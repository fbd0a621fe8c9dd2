import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AmountTrace, IndicatorTrace, LineTrace, RejectedTrace, TraceEntry } from '@budget-ingest/report-parser';
import { cli, type CliRun } from './support/cli.ts';

const docs = join(import.meta.dirname, 'fixtures/corpus/docs');
const real = join(import.meta.dirname, 'fixtures/corpus/real');
// 芦淞's self-evaluation (DOCX) and 普陀 财政局's 2024 final accounts (PDF: pages, standard tables and their explanation in text).
const lusong = join(docs, 'lusong-2023-perf.docx');
const caizhengju = join(real, 'shanghai-putuo-caizhengju-2024-final.pdf');

/** One run per file and form: the extraction is the slow part. */
const runs = new Map<string, Promise<CliRun>>();
function explain(file: string, json: boolean): Promise<CliRun> {
  const key = `${file}|${json}`;
  if (!runs.has(key)) runs.set(key, cli(['explain', file, ...(json ? ['--json'] : [])]));
  return runs.get(key)!;
}
async function entries(file: string): Promise<TraceEntry[]> {
  const run = await explain(file, true);
  expect(run.code).toBe(0);
  return run.stdout.split('\n').map((l) => JSON.parse(l) as TraceEntry);
}
const amountsOf = (all: TraceEntry[]): AmountTrace[] => all.filter((e): e is AmountTrace => e.entry === 'amount');
const rejectedOf = (all: TraceEntry[]): RejectedTrace[] => all.filter((e): e is RejectedTrace => e.entry === 'rejected');

describe('explain', () => {
  // 芦淞's self-evaluation states 项目支出 141.28万元 in its text and 187.18 in its 基础数据表 (gold: the table's).
  it('shows the rule that chose a value and the reason each other statement was dropped', async () => {
    const traces = amountsOf(await entries(lusong));
    const project = traces.find((t) => t.item === 'project_expenditure' && t.phase === 'actual' && t.fiscal_year === 2023)!;
    expect(project).toMatchObject({ yuan: '1871800.00', rule: 'table-over-text', read: { reader: 'amount-tables', spec: 'form_money', text: expect.stringContaining('187.18') } });
    expect(project.dropped).toContainEqual(expect.objectContaining({ yuan: '1412800.00', reader: 'amount-sentences', reason: 'lost-to-table-value', text: expect.stringContaining('141.28万元') }));
    const publicActual = traces.find((t) => t.item === 'public_expenditure' && t.phase === 'actual' && t.fiscal_year === 2023)!;
    expect(publicActual.dropped.map((d) => d.reason)).toEqual(['same-figure-restated']);
  }, 120_000);

  it('prints each amount with the text it read and the statements it dropped', async () => {
    const run = await explain(lusong, false);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/project_expenditure actual 2023 = 1871800\.00 {2}← amount-tables \[form_money\], table-over-text/);
    expect(run.stdout).toMatch(/dropped 1412800\.00 \(amount-sentences: 项目支出141\.28万元\) — lost-to-table-value/);
  }, 120_000);

  // Its 政府性基金 paragraph: "…政府性基金预算财政拨款收入28.04万元；…支出28.04万元，其中基本支出0.00万元，项目支出28.04万元" (the fund's, not the department's).
  it('records the figures of an out-of-scope fund the sentence reader passed over, under the item they name', async () => {
    const rejected = rejectedOf(await entries(lusong));
    expect(rejected).toContainEqual(expect.objectContaining({ reader: 'amount-sentences', reason: 'out-of-scope-fund', items: ['project_expenditure'], label: '项目支出', figure: '28.04万元', yuan: '280400.00', text: expect.stringContaining('政府性基金预算财政拨款收入28.04万元') }));
    const printed = (await explain(lusong, false)).stdout;
    expect(printed).toMatch(/project_expenditure budget_adjusted 2023 = 2201100\.00 .*\n.*\n {6}passed over 280400\.00 \(amount-sentences: 项目支出28\.04万元\) — out-of-scope-fund\n/);
  }, 120_000);

  it('records a change word the sentence reader passed over (a difference, not an amount), with its page', async () => {
    const rejected = rejectedOf(await entries(caizhengju));
    const change = rejected.find((r) => r.reason === 'change-word' && r.items.includes('general_public_budget'))!;
    expect(change).toMatchObject({ reader: 'amount-sentences', label: '一般公共预算财政拨款支出减少', figure: '63.14万元', yuan: '631400.00', page: expect.any(Number) });
    const printed = (await explain(caizhengju, false)).stdout;
    expect(printed).toMatch(/passed over 631400\.00 \(amount-sentences p\.\d+: 一般公共预算财政拨款支出减少63\.14万元\) — change-word/);
    expect(printed).toMatch(/ {4}change-word: a change \(增加/);
  }, 120_000);

  // The 支出决算表 prints 2010601 行政运行 1,511.89; the text explains the same 项 with its budget (年初预算为1560.05万元).
  it('shows an expenditure line with the table spec it was read by, and the text statement it folded in as a duplicate', async () => {
    const lines = (await entries(caizhengju)).filter((e): e is LineTrace => e.entry === 'line');
    const line = lines.find((l) => l.code === '2010601')!;
    expect(line).toMatchObject({ classification: 'functional', path: ['一般公共服务', '财政事务', '行政运行'], yuan: '15118900.00', budget_yuan: '15600500.00', read: { reader: 'standard-tables', spec: 'expenditure', text: expect.stringContaining('1,511.89'), page: expect.any(Number) } });
    expect(line.dropped).toEqual([expect.objectContaining({ reader: 'functional-lines', reason: 'duplicate-line', budget_yuan: '15600500.00', text: expect.stringContaining('年初预算为1560.05万元') })]);
    const printed = (await explain(caizhengju, false)).stdout;
    expect(printed).toMatch(/functional 一般公共服务 \/ 财政事务 \/ 行政运行 \[2010601\] actual 2024 = 15118900\.00 \(budget 15600500\.00\) {2}← standard-tables \[expenditure\]\n {6}read p\.\d+: .*\n {6}dropped .*\(functional-lines p\.\d+: .*年初预算为1560\.05万元.*\) — duplicate-line/);
  }, 120_000);

  it('shows each indicator with the row it was read from and what its cells gave, and the placeholder rows passed over', async () => {
    const indicators = (await entries(lusong)).filter((e): e is IndicatorTrace => e.entry === 'indicator');
    expect(indicators).toHaveLength(6);
    expect(indicators[0]).toMatchObject({ reader: 'indicator-table', spec: 'indicators', level1: '产出指标', level2: '数量指标', level3: '城乡居民基本医保参保人数', target: { raw: '16.58万', value: '165800' }, actual: { raw: '16.61万', value: '166100' }, text: expect.stringContaining('城乡居民基本医保参保人数 | 16.58万 | 16.61万') });
    expect((await explain(lusong, false)).stdout).toMatch(/ {4}产出指标 \/ 数量指标 \/ 城乡居民基本医保参保人数: target 16\.58万 → 165800, actual 16\.61万 → 166100 {2}← indicator-table \[indicators\]/);
    // Its table leaves the template's 无 in the rows of the kinds of indicator it has none of.
    expect(rejectedOf(await entries(lusong))).toContainEqual(expect.objectContaining({ reader: 'indicator-table', reason: 'placeholder-row', label: '无', figure: null, text: expect.stringContaining('质量指标 | 无') }));
    expect((await explain(lusong, false)).stdout).toMatch(/ {4}passed over row \(indicator-table: .*质量指标 \| 无.*\) — placeholder-row/);
  }, 120_000);
});
