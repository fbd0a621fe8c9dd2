import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '@budget-ingest/extract';
import { heading, numberBlocks, paragraph, type Block, type DocumentModel } from '@budget-ingest/doc-model';
import { compareWithGold, FIELD_GROUPS } from './eval/index.ts';
import { parseDocument } from './parse-document.ts';
import { createTrace } from './trace.ts';

const corpus = resolve(import.meta.dirname, '../../../test/fixtures/corpus');

function model(blocks: Block[]): DocumentModel {
  return { modelVersion: 1, format: 'docx', pageCount: null, pages: [], blocks: numberBlocks(blocks), metadata: {}, warnings: [] };
}

describe('parseDocument', () => {
  it('reads identity, amounts and findings of a small self-evaluation report', () => {
    const { reports } = parseDocument(
      model([
        paragraph('部门整体支出绩效自评报告'),
        paragraph('部门名称：仁化县医疗保障局'),
        paragraph('填报日期：2022.4.15'),
        heading('部门整体支出情况', { numbering: '（四）' }),
        paragraph('2021 年度，县医保局年度部门决算共 1949.98 万元，其中基本支出 141.13 万元，项目支出为 1803.53 万元。'),
        paragraph('自评“2021 年部门整体支出”的绩效得分为 100 分。'),
      ]),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      kind: 'department_performance_self_evaluation',
      organization: '仁化县医疗保障局',
      region: { code: '440224', province: '广东省', city: '韶关市', county: '仁化县' },
      fiscal_year: 2021,
      published_on: '2022-04-15',
      self_evaluation: { score: '100', rating: null },
    });
    expect(reports[0]!.amounts.map((a) => a.item)).toEqual(['total_expenditure', 'basic_expenditure', 'project_expenditure']);
    expect(reports[0]!.findings.map((f) => f.rule)).toContain('parts-sum-basic-project');
  });

  it('traces what it emits and what it passed over when asked, and emits the same as without a trace', () => {
    const m = model([paragraph('仁化县医疗保障局2021年度部门整体支出绩效自评报告'), paragraph('2021 年度，县医保局年度部门决算共 1949.98 万元，其中基本支出 141.13 万元，比上年增加 10 万元。')]);
    const trace = createTrace();
    expect(parseDocument(m, { trace })).toEqual(parseDocument(m));
    expect(trace.amounts.map((a) => [a.report, a.item, a.yuan, a.read.text])).toEqual([
      [0, 'total_expenditure', '19499800.00', '县医保局年度部门决算共1949.98万元'],
      [0, 'basic_expenditure', '1411300.00', '基本支出141.13万元'],
    ]);
    expect(trace.rejected.map((r) => [r.reason, `${r.label}${r.figure}`])).toEqual([['change-word', '比上年增加10万元']]);
  });

  it('reads an untitled set of budget tables as one budget and says no title was found', () => {
    const result = parseDocument(model([paragraph('部门预算收支总表'), paragraph('部门预算收入总表'), paragraph('部门预算支出总表'), paragraph('2023年部门预算收入 3688.59 万元。')]));
    expect(result.reports.map((r) => r.kind)).toEqual(['department_budget']);
    expect(result.warnings.map((w) => w.code)).toEqual(['no-report-title']);
  });

  it('leaves out an untitled part from which nothing could be read', () => {
    const result = parseDocument(model([paragraph('部门预算收支总表'), paragraph('部门预算收入总表'), paragraph('部门预算支出总表'), paragraph('单位：万元')]));
    expect(result.reports).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['empty-untitled-report']);
  });

  it('reads nothing from a text that is no report', () => {
    expect(parseDocument(model([paragraph('关于2021年全市预算执行情况的报告')])).warnings.map((w) => w.code)).toEqual(['no-report-found']);
  });

  it('leaves an ambiguous region null with a finding', () => {
    const { reports } = parseDocument(model([paragraph('2023年度鼓楼区教育局整体支出绩效自评报告'), paragraph('正文。')]));
    expect(reports[0]!.region).toBeNull();
    expect(reports[0]!.findings.map((f) => f.rule)).toContain('region-ambiguous');
  });

  it('returns no report and a warning for an empty document', () => {
    expect(parseDocument(model([]))).toEqual({ reports: [], warnings: [{ code: 'no-text', message: 'the document has no text blocks' }] });
  });
});

describe('the corpus against its gold files', () => {
  const files = ['renhua-2021-perf.pdf', 'renhua-2021-perf.docx', 'lusong-2023-perf.pdf', 'lusong-2023-perf.docx', 'wanyuan-2022-final-accounts.pdf', 'wanyuan-2022-final-accounts.docx'];
  it.each(files)('%s reaches F1 ≥ 0.95 in every field group', async (file) => {
    const gold = JSON.parse(readFileSync(resolve(corpus, 'gold', file.replace(/\.[a-z]+$/, '.json')), 'utf8')) as { reports: unknown[] };
    const { model: extracted } = await extractDocument(readFileSync(resolve(corpus, 'docs', file)), { fileName: file });
    const result = compareWithGold(JSON.parse(JSON.stringify(parseDocument(extracted))) as { reports: unknown[] }, gold);
    for (const group of FIELD_GROUPS) expect(result.groups[group].f1, group).toBeGreaterThanOrEqual(0.95);
  }, 60_000);
});
