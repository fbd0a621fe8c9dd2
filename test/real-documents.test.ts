/**
 * The real published PDFs of test/fixtures/corpus/real (see SOURCES.md) end
 * to end: each ingests into a report; the standard tables are recognised; the
 * functional lines add up to the table's 合计; the headline amounts are the
 * summary table's; and the findings we confirmed by looking at the pages are
 * reported.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '@budget-ingest/extract';
import { FINDING_RULE_IDS, parseDocument, type FindingRule, type Report, type ReportKind, type ValidationFinding } from '@budget-ingest/report-parser';
import { readStandardTables, type StandardTables } from '@budget-ingest/report-parser/standard-tables';
import { bareLabel, grandTotalRow, mainValue, primaryFunctionalTable, printedStep, toYuan, type RecognisedTable, type StandardTableKind } from '@budget-ingest/report-parser/standard-tables';
import { runChecks } from '@budget-ingest/report-parser/checks';

const REAL = join(import.meta.dirname, 'fixtures/corpus/real');
const ALL_NINE: readonly StandardTableKind[] = ['summary', 'income', 'expenditure', 'fiscal_summary', 'general_budget_functional', 'basic_economic', 'three_public', 'government_fund', 'state_capital'];
/** The Jiangsu 公开表 set has no 国有资本经营 table. */
const JIANGSU: readonly StandardTableKind[] = ALL_NINE.filter((k) => k !== 'state_capital');

interface Case {
  readonly file: string;
  readonly kind: ReportKind;
  readonly year: number;
  readonly tables: readonly StandardTableKind[];
  /** Findings confirmed on the rendered pages (real errors of the published document). */
  readonly findings: readonly FindingRule[];
}

const CASES: readonly Case[] = [
  { file: 'shanghai-putuo-caizhengju-2024-final.pdf', kind: 'department_final_accounts', year: 2024, tables: ALL_NINE, findings: ['table-agreement-class-amounts'] },
  { file: 'shanghai-putuo-guihuaziyuanju-2024-final.pdf', kind: 'department_final_accounts', year: 2024, tables: ALL_NINE, findings: ['text-table-mismatch', 'table-agreement-class-amounts'] },
  { file: 'shanghai-putuo-shehuigongzuobu-2024-final.pdf', kind: 'department_final_accounts', year: 2024, tables: ALL_NINE, findings: [] },
  { file: 'shanghai-putuo-sifaju-2026-dept-budget.pdf', kind: 'department_budget', year: 2026, tables: ALL_NINE, findings: ['stated-change-mismatch', 'code-name-mismatch', 'figure-stated-twice', 'comparison-year-mismatch'] },
  { file: 'shanghai-putuo-sifaju-2026-unit-budget.pdf', kind: 'department_budget', year: 2026, tables: ALL_NINE, findings: ['row-sum-total-basic-project', 'parent-sum-children', 'stated-change-mismatch', 'figure-stated-twice'] },
  { file: 'shanghai-putuo-wanlijiedao-2024-dept-budget.pdf', kind: 'department_budget', year: 2024, tables: ALL_NINE, findings: ['figure-stated-twice', 'stated-change-mismatch'] },
  { file: 'shanghai-putuo-wanlijiedao-2025-dept-budget.pdf', kind: 'department_budget', year: 2025, tables: ALL_NINE, findings: [] },
  { file: 'shanghai-putuo-zhengfuban-2025-dept-budget.pdf', kind: 'department_budget', year: 2025, tables: ALL_NINE, findings: [] },
  { file: 'shanghai-putuo-shangwuwei-2025-unit-budget.pdf', kind: 'department_budget', year: 2025, tables: ALL_NINE, findings: [] },
  { file: 'shanghai-putuo-caizhengju-2025-dept-budget.pdf', kind: 'department_budget', year: 2025, tables: ALL_NINE, findings: ['text-table-mismatch'] },
  { file: 'shanghai-putuo-shehuifuliyuan-2024-unit-budget.pdf', kind: 'department_budget', year: 2024, tables: ALL_NINE, findings: ['text-table-mismatch'] },
  { file: 'shanghai-caizhengju-2025-unit-budget.pdf', kind: 'department_budget', year: 2025, tables: ALL_NINE, findings: [] },
  { file: 'jiangsu-rendabangongting-2019-budget-tables.pdf', kind: 'department_budget', year: 2019, tables: JIANGSU, findings: [] },
  { file: 'jiangsu-zhengxie-2018-budget-tables.pdf', kind: 'department_budget', year: 2018, tables: JIANGSU, findings: [] },
  { file: 'jiangsu-jianchayuan-2018-dept-budget.pdf', kind: 'department_budget', year: 2018, tables: JIANGSU, findings: ['stated-change-mismatch'] },
  { file: 'jiangsu-gaoyuan-2017-dept-budget.pdf', kind: 'department_budget', year: 2017, tables: JIANGSU, findings: ['stated-change-mismatch'] },
  { file: 'jiangsu-rendachangweihui-2019-dept-budget.pdf', kind: 'department_budget', year: 2019, tables: [], findings: [] },
];

interface Loaded {
  readonly reports: readonly Report[];
  readonly tables: RecognisedTable[];
  readonly standard: StandardTables;
  readonly findings: readonly ValidationFinding[];
}

const cache = new Map<string, Promise<Loaded>>();

/**
 * Extracts the file once, parses it with `parseDocument` (which must not
 * throw), and reads and checks its standard tables directly, so these
 * assertions hold whatever the report splitter makes of the document.
 */
function load(c: Case): Promise<Loaded> {
  if (!cache.has(c.file)) {
    cache.set(
      c.file,
      (async () => {
        const { model } = await extractDocument(new Uint8Array(readFileSync(join(REAL, c.file))), { fileName: c.file });
        const { reports } = parseDocument(model);
        const standard = readStandardTables(model.blocks, { fiscalYear: c.year, kind: c.kind });
        const report: Report = {
          kind: c.kind,
          title: null,
          organization: null,
          region: null,
          fiscal_year: c.year,
          published_on: null,
          document_number: null,
          self_evaluation: null,
          amounts: standard.amounts,
          expenditure_lines: standard.lines,
          indicators: [],
          findings: [],
          page_start: null,
          page_end: null,
        };
        const findings = [...runChecks(report, { tables: standard.tables, blocks: model.blocks })];
        return { reports, tables: standard.tables, standard, findings };
      })(),
    );
  }
  return cache.get(c.file)!;
}

const sumYuan = (values: readonly (string | null)[]): Decimal => values.reduce((s: Decimal, v) => s.plus(v ?? 0), new Decimal(0));

describe.each(CASES)('$file', (c) => {
  it('ingests into a report of its year with the standard tables recognised, lines that add up to the 合计 and the summary table’s headline amounts', async () => {
    const { reports, tables, standard, findings } = await load(c);
    const lines = standard.lines;
    // The report parser's own result (identity, splitting) is asserted elsewhere; here it must only not fail.
    expect(Array.isArray(reports)).toBe(true);
    expect([...new Set(tables.map((t) => t.kind))].sort()).toEqual([...c.tables].sort());
    if (c.tables.length === 0) return;

    // Functional lines: the 类 lines add up to the functional table's 合计 (unless the table itself does not: then that is a finding).
    const functional = primaryFunctionalTable(tables)!;
    const total = grandTotalRow(functional);
    const functionalLines = lines.filter((l) => l.classification === 'functional');
    expect(functionalLines.length).toBeGreaterThan(0);
    expect(functionalLines.every((l) => /^\d{3}(\d{2}){0,2}$/.test(l.code ?? '') && l.path.length === (l.code!.length - 1) / 2)).toBe(true);
    const classes = functionalLines.filter((l) => l.code!.length === 3);
    const classSum = sumYuan(classes.map((l) => l.yuan));
    const printed = mainValue(functional, total!)!;
    // Each printed figure may be half a step off: n classes and the total may differ by (n+1)/2 steps of the printed unit.
    const tolerance = printedStep(printed).times(Math.max(1, Math.floor((classes.length + 1) / 2)));
    if (classSum.minus(toYuan(printed)).abs().gt(tolerance)) expect(findings.map((f) => f.rule)).toContain('total-sum-classes');

    // Headline amounts: the report's 本年支出合计 / 本年收入合计 are the summary table's figures.
    const summary = tables.find((t) => t.kind === 'summary')!;
    const phase = c.kind === 'department_budget' ? 'budget_initial' : 'actual';
    for (const [item, re] of [
      ['total_expenditure', /^(本年支出合计|当年支出小计|支出总计)$/],
      ['total_income', /^(本年收入合计|当年收入小计|收入总计)$/],
    ] as const) {
      const row = summary.rows.find((r) => re.test(bareLabel(r.label)));
      const printed = row ? mainValue(summary, row) : null;
      expect(printed, `${item} in ${summary.title}`).not.toBeNull();
      const amount = standard.amounts.find((a) => a.item === item && a.phase === phase && a.fiscal_year === c.year);
      expect([amount?.yuan, ...(amount?.alternatives ?? [])]).toContain(toYuan(printed!).toFixed(2));
    }
  });

  it('reports the contradictions confirmed on its pages', async () => {
    const { findings } = await load(c);
    const rules = new Set(findings.map((f) => f.rule));
    for (const rule of c.findings) expect(rules, rule).toContain(rule);
    for (const f of findings) {
      expect(FINDING_RULE_IDS).toContain(f.rule);
      expect(f.message.length).toBeGreaterThan(0);
      expect(f.pages.every((p) => Number.isInteger(p) && p > 0)).toBe(true);
    }
  });
});
