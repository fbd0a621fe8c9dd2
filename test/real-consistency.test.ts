/**
 * Every real document of test/fixtures/corpus/real through `parseDocument`,
 * as a data team would load it: each in-scope document's reports pass the
 * consistency checks of the genre, and out-of-scope documents give no report.
 * - functional 类 lines add up to a total of the same phase (本年支出合计, or the
 *   一般公共预算 / 财政拨款 total when the lines come from that table);
 * - 项 lines add up to their 款, 款 lines to their 类;
 * - no report holds the same code twice, or a name with a stray quote mark;
 * - a 部门预算 holds no `actual` figure except an earlier year's;
 * - the findings confirmed false on the rendered pages do not come back.
 * Figures printed in 万元 may each be half a step off: sums compare within
 * (n + 1) / 2 steps of the coarsest printed unit (100 元 for 万元 with two decimals).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '@budget-ingest/extract';
import { parseDocument, type ExpenditureLine, type ParseResult, type Report } from '@budget-ingest/report-parser';

const REAL = join(import.meta.dirname, 'fixtures/corpus/real');
const FILES = readdirSync(REAL).filter((f) => /\.(pdf|docx?|xlsx?)$/.test(f));
/** Documents that are not a department's report (SOURCES.md, section D). */
const OUT_OF_SCOPE = new Set(['outofscope-shenzhen-2021-city-budget-report.doc', 'outofscope-shenzhen-2022-city-budget-report.docx', 'template-shanghai-putuo-2026-unit-budget.xls']);

/**
 * Findings (and parse warnings) the parser once reported that the pages show to be false: the
 * document states other parts of its 支出 (单位预留机动经费), a fund's figure
 * was what the fund pays for (会议费), a rate was printed truncated.
 */
const FALSE_FINDINGS: Readonly<Record<string, readonly string[]>> = {
  'jiangsu-gaoyuan-2017-dept-budget.pdf': ['parts-sum-basic-project', 'same-figure-different-values'],
  'jiangsu-jianchayuan-2018-dept-budget.pdf': ['parts-sum-basic-project', 'parts-sum-personnel-public'],
  'jiangsu-rendabangongting-2019-budget-tables.pdf': ['parts-sum-basic-project'],
  'jiangsu-rendachangweihui-2019-dept-budget.pdf': ['same-figure-different-values'],
  // Its tables' caption (部门：… 单位：万元) repeats on every page: it is the tables' unit, not page furniture.
  'jiangsu-zhengxie-2018-budget-tables.pdf': ['parts-sum-basic-project', 'table-unit-missing'],
  'shanghai-putuo-guihuaziyuanju-2024-final.pdf': ['parts-sum-personnel-public', 'execution-rate-mismatch'],
};
/** Stated changes that are wrong on the page (computed from the figures printed beside them); truncated rates are not among them. */
const STATED_CHANGE_MISMATCHES: Readonly<Record<string, number>> = {
  'jiangsu-gaoyuan-2017-dept-budget.pdf': 1,
  'jiangsu-jianchayuan-2018-dept-budget.pdf': 3,
};

const cache = new Map<string, Promise<ParseResult>>();
function parsed(file: string): Promise<ParseResult> {
  if (!cache.has(file)) {
    cache.set(
      file,
      (async () => {
        const { model } = await extractDocument(new Uint8Array(readFileSync(join(REAL, file))), { fileName: file, pathEnv: process.env.PATH ?? '' });
        return parseDocument(model);
      })(),
    );
  }
  return cache.get(file)!;
}

/** One step of the printed unit of a yuan string: 万元 figures with two decimals end in 00. */
const stepOf = (yuan: string): Decimal => (/00\.00$/.test(yuan) ? new Decimal(100) : new Decimal('0.01'));
const sum = (lines: readonly ExpenditureLine[]): Decimal => lines.reduce((s, l) => s.plus(l.yuan ?? 0), new Decimal(0));
const within = (a: Decimal, b: Decimal, figures: number, step: Decimal): boolean => a.minus(b).abs().lte(step.times(Math.max(1, Math.ceil((figures + 1) / 2))));

/** 类 totals that do not add up to any total of their phase and year. */
function classSumProblems(r: Report): string[] {
  const out: string[] = [];
  const functional = r.expenditure_lines.filter((l) => l.classification === 'functional' && l.code !== null && l.yuan !== null);
  const groups = new Map<string, ExpenditureLine[]>();
  for (const l of functional) groups.set(`${l.phase}|${l.fiscal_year}`, [...(groups.get(`${l.phase}|${l.fiscal_year}`) ?? []), l]);
  for (const [key, lines] of groups) {
    const classes = lines.filter((l) => l.code!.length === 3);
    if (classes.length === 0) continue;
    const totals = r.amounts.filter((a) => `${a.phase}|${a.fiscal_year}` === key && ['total_expenditure', 'general_public_budget', 'fiscal_appropriation'].includes(a.item));
    const s = sum(classes);
    const step = classes.some((l) => stepOf(l.yuan!).gt(1)) ? new Decimal(100) : new Decimal('0.01');
    if (totals.length > 0 && !totals.some((t) => within(s, new Decimal(t.yuan), classes.length, step))) out.push(`${key}: 类 sum ${s.toFixed(2)} vs ${totals.map((t) => `${t.item} ${t.yuan}`).join(', ')}`);
    for (const parent of lines.filter((l) => l.code!.length < 7)) {
      const children = lines.filter((l) => l.code!.length === parent.code!.length + 2 && l.code!.startsWith(parent.code!));
      if (children.length === 0) continue;
      const cs = sum(children);
      if (!within(cs, new Decimal(parent.yuan!), children.length, step)) out.push(`${key}: ${parent.code} ${parent.yuan} vs children ${cs.toFixed(2)}`);
    }
  }
  return out;
}

describe.each(FILES)('%s', (file) => {
  if (OUT_OF_SCOPE.has(file)) {
    it('is out of scope: no report, a reason, no error', async () => {
      const result = await parsed(file);
      expect(result.reports).toEqual([]);
      expect(result.outOfScope?.reason.length).toBeGreaterThan(0);
    });
    return;
  }

  it('passes the genre’s consistency checks', async () => {
    const result = await parsed(file);
    expect(result.outOfScope).toBeUndefined();
    expect(result.reports.length).toBeGreaterThan(0);
    for (const r of result.reports) {
      expect(classSumProblems(r)).toEqual([]);
      const codes = r.expenditure_lines.filter((l) => l.code !== null).map((l) => `${l.classification}:${l.code}`);
      expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
      expect(r.expenditure_lines.filter((l) => l.path.some((p) => /^[“”"‘’]|[“”"‘’]$/.test(p) && (p.match(/[“”"‘’]/g) ?? []).length % 2 === 1)).map((l) => l.path.join('/'))).toEqual([]);
      if (r.kind === 'department_budget' && r.fiscal_year !== null) {
        const laterActuals = [...r.amounts, ...r.expenditure_lines].filter((v) => v.phase === 'actual' && v.fiscal_year >= r.fiscal_year!);
        expect(laterActuals.map((v) => v.source_text)).toEqual([]);
      }
    }
  });

  it('does not report the findings (or reading problems) the pages show to be false', async () => {
    const result = await parsed(file);
    const rules: string[] = [...result.reports.flatMap((r) => r.findings.map((f) => f.rule)), ...result.warnings.map((w) => w.code)];
    for (const rule of FALSE_FINDINGS[file] ?? []) expect(rules, rule).not.toContain(rule);
    if (file in STATED_CHANGE_MISMATCHES) expect(rules.filter((r) => r === 'stated-change-mismatch')).toHaveLength(STATED_CHANGE_MISMATCHES[file]!);
  });
});
