/**
 * Narrative reports as a genre: score and rating in prose, the organisation
 * from a masthead or from a title that names only 县/市/区 + the unit, headline
 * figures labelled only by a phase word and 收入/支出, figures of the year
 * before, lists with list markers, and money held for others. Each case uses
 * wording the corpus does not.
 */
import { describe, expect, it } from 'vitest';
import { heading, numberBlocks, paragraph, type Block, type DocumentModel } from '@budget-ingest/doc-model';
import { readAmountSentences } from './amount-sentences.ts';
import { organisationFromMasthead, organisationFromTitle, rating, scoreStatements } from './identity.ts';
import { readFunctionalLines } from './functional-lines.ts';
import { completeOrganisation } from './organisation-place.ts';
import { parseDocument } from './parse-document.ts';
import { readProjectLines } from './project-lines.ts';
import { resolveRegion } from './region.ts';
import { normaliseText } from './text.ts';
import { toTextUnits } from './text-units.ts';

function model(blocks: Block[]): DocumentModel {
  return { modelVersion: 1, format: 'docx', pageCount: null, pages: [], blocks: numberBlocks(blocks), metadata: {}, warnings: [] };
}

function units(...texts: string[]) {
  const blocks = numberBlocks(texts.map((t) => paragraph(t)));
  return toTextUnits(
    blocks,
    blocks.map((_, i) => i),
  );
}

describe('score and rating in prose', () => {
  it.each([
    ['项目自评分:100分', '100'],
    ['经综合评价，该项目综合评分为92.5分，评价等级为良。', '92.5'],
    ['本次评价考核得分87分。', '87'],
    ['部门整体支出绩效自评得分为95分。', '95'],
  ])('reads the score of %s', (line, score) => {
    expect(scoreStatements([line])[0]?.score).toBe(score);
  });

  it.each([
    ['评价等级为“优”。', '优'],
    ['经评审，评定为良好等次。', '良好'],
    ['自评结果为优秀。', '优秀'],
    ['绩效评级：中', '中'],
  ])('reads the rating of %s', (line, grade) => {
    expect(rating([normaliseText(line)])).toBe(grade);
  });

  it('finds no rating in words that only contain a grade (优化, 良好的)', () => {
    expect(rating(['进一步优化营商环境，形成良好的工作氛围。'])).toBeNull();
  });
});

describe('organisation of a narrative report', () => {
  it('reads the unit named before the year when the title goes on with a project', () => {
    expect(organisationFromTitle('区教育局2021年度学生资助经费绩效自评报告')).toBe('区教育局');
    expect(organisationFromTitle('南县政协2024年部门整体支出绩效评价报告')).toBe('南县政协');
  });

  it('completes a name without its place from the text, when the text names one place', () => {
    expect(completeOrganisation('区教育局', '为做好资助工作，雨花区教育局会同区财政局……')).toBe('雨花区教育局');
    expect(completeOrganisation('市财政局', '本单位按要求完成自评。')).toBe('市财政局');
  });

  it('reads a red masthead', () => {
    expect(organisationFromMasthead(['宁乡市农业农村局文件', '宁农发〔2023〕12号', '关于2022年度部门整体支出绩效自评情况的报告'])).toBe('宁乡市农业农村局');
  });

  it('reads a title split over two lines after a 目录, and an organisation from the masthead when the title names none', () => {
    const toc = [paragraph('目录'), paragraph('一、部门基本情况……………1'), paragraph('二、绩效自评结论……………3')];
    const split = parseDocument(model([...toc, paragraph('宁乡市农业农村局'), paragraph('2022年度部门整体支出绩效自评报告'), paragraph('一、部门基本情况。本局全年完成各项工作任务。')]));
    expect(split.reports.map((r) => [r.title, r.organization])).toEqual([['宁乡市农业农村局2022年度部门整体支出绩效自评报告', '宁乡市农业农村局']]);
    const masthead = parseDocument(model([paragraph('宁乡市农业农村局文件'), paragraph('宁农发〔2023〕12号'), paragraph('2022年度部门整体支出绩效自评报告'), paragraph('一、部门基本情况。本局全年完成各项工作任务。')]));
    expect(masthead.reports.map((r) => [r.title, r.organization, r.document_number])).toEqual([['2022年度部门整体支出绩效自评报告', '宁乡市农业农村局', '宁农发〔2023〕12号']]);
  });

  it('resolves a two-character county name only where a name opens with it', () => {
    expect(resolveRegion(['赵县政协'], '').region).toMatchObject({ county: '赵县', province: '河北省' });
    expect(resolveRegion(['长沙县财政局'], '').region).toMatchObject({ county: '长沙县' });
    expect(resolveRegion(['城区管理服务中心'], '').region).toBeNull();
  });

  it('gives a project report titled by its unit and fund its organisation, kind and figures', () => {
    const { reports } = parseDocument(
      model([
        heading('区教育局2021年度学生资助经费绩效自评报告'),
        paragraph('2021年度雨花区财政下达雨花区教育局学生资助经费，下达资金为250万元，实际支付金额是236.5万元。'),
        paragraph('综合评分为96分，评定为优秀等次。'),
      ]),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ kind: 'project_performance_self_evaluation', organization: '雨花区教育局', self_evaluation: { score: '96', rating: '优秀' } });
    expect(reports[0]!.amounts.map((a) => [a.item, a.phase, a.yuan])).toEqual([
      ['total_expenditure', 'budget_adjusted', '2500000.00'],
      ['total_expenditure', 'actual', '2365000.00'],
    ]);
    expect(reports[0]!.expenditure_lines).toEqual([]);
  });
});

describe('headline figures and lists', () => {
  const read = (text: string | string[], year = 2023) => readAmountSentences(units(...[text].flat()), { fiscalYear: year, kind: 'department_performance_self_evaluation' }).map((a) => [a.item, a.phase, a.fiscal_year, a.yuan]);

  it('reads figures labelled only by a phase word and 收入 / 支出', () => {
    expect(read(['（1）决算收入：420.5万元。', '（2）本年支出为418.2万元。'])).toEqual([
      ['total_income', 'actual', 2023, '4205000.00'],
      ['total_expenditure', 'actual', 2023, '4182000.00'],
    ]);
  });

  it('leaves a bare 支出 / 收入 in a sentence about a fund or grant to that money, not the total', () => {
    expect(read('资金支出情况：2021年医疗救助专项基金（县级配套资金）支出4765720.27元。', 2021)).toEqual([]);
    expect(read('本年度乡村振兴补助资金（区级配套）支出96万元。')).toEqual([]);
    expect(read('医疗救助专项基金（县级配套资金）共5650000元，支出4765720.27元。', 2021)).toEqual([]);
    expect(read('本年部门支出为418.2万元。')).toEqual([['total_expenditure', 'actual', 2023, '4182000.00']]);
  });

  it('gives figures of the year before the report’s year − 1', () => {
    expect(read('上年度支出合计380万元，本年支出合计418.2万元。')).toEqual([
      ['total_expenditure', 'actual', 2022, '3800000.00'],
      ['total_expenditure', 'actual', 2023, '4182000.00'],
    ]);
  });

  const ctx = { fiscalYear: 2023, defaultPhase: 'actual' as const, projectName: null };

  it('reads a project list opened by 包括 without a figure, with list markers NFKC glued to the names', () => {
    const lines = readProjectLines(units('项目经费主要包括：①课题调研经费12万元，②信息化建设经费8.5万元，③档案整理经费3万元等3个项目。'), ctx);
    expect(lines.map((l) => [l.path[0], l.yuan])).toEqual([
      ['课题调研经费', '120000.00'],
      ['信息化建设经费', '85000.00'],
      ['档案整理经费', '30000.00'],
    ]);
  });

  it('keeps money held or paid out for others out of the project lines', () => {
    const lines = readProjectLines(units('项目支出包括：1、代发农民工工资专户资金120万元，2、乡村道路维护经费30万元。'), ctx);
    expect(lines.map((l) => l.path[0])).toEqual(['乡村道路维护经费']);
  });

  it('reads a list of 类 totals with list markers', () => {
    const lines = readFunctionalLines(units('支出主要包括：(1)社会保障和就业支出200万元；(2)卫生健康支出80万元。'), { fiscalYear: 2023, defaultPhase: 'actual' });
    expect(lines.map((l) => [l.path, l.code, l.yuan])).toEqual([
      [['社会保障和就业'], '208', '2000000.00'],
      [['卫生健康'], '210', '800000.00'],
    ]);
  });
});
