/**
 * Issue 27, class 0: recognising a report from the document as a whole. Real
 * titles vary (…绩效自评情况说明, …绩效评价自查报告, …支出绩效自评结果, a
 * report on the department and its projects, no title line at all); a document
 * full of budget or performance figures yields a report of its most likely
 * kind, with a `kind-inferred` warning when no title named it; documents that
 * are not a department's report stay out.
 */
import { describe, expect, it } from 'vitest';
import { cell, heading, numberBlocks, paragraph, table, type Block, type DocumentModel, type TableCell } from '@budget-ingest/doc-model';
import { inferKind } from './kind-recognition.ts';
import { parseDocument } from './parse-document.ts';
import { titleKind } from './report-splitter.ts';

const row = (...texts: string[]): TableCell[] => texts.map((t) => cell(t));
function model(blocks: Block[]): DocumentModel {
  return { modelVersion: 1, format: 'docx', pageCount: null, pages: [], blocks: numberBlocks(blocks), metadata: {}, warnings: [] };
}
const FIGURES = [paragraph('2022年度部门收入合计1,234.56万元，支出合计1,200.00万元，其中基本支出800.00万元，项目支出400.00万元。'), paragraph('经自评，自评得分为92分，评价等级为优。')];

describe('report titles in the wordings of other provinces', () => {
  it.each([
    ['宁乡市农业农村局2022年度部门整体支出绩效自评情况说明', 'department_performance_self_evaluation', '宁乡市农业农村局'],
    ['关于2021年度宁乡市人民政府办公室项目支出绩效评价自查报告', 'project_performance_self_evaluation', '宁乡市人民政府办公室'],
    ['宁乡市档案馆2023年度预算支出绩效自评结果', 'department_performance_self_evaluation', '宁乡市档案馆'],
    ['宁乡市水利局2022年度部门整体及项目支出绩效自评报告', 'department_performance_self_evaluation', '宁乡市水利局'],
    ['宁乡市林业局2022年度专项资金绩效自评情况报告', 'project_performance_self_evaluation', '宁乡市林业局'],
    ['宁乡市民政局关于2022年度部门整体支出绩效自评工作情况的报告', 'department_performance_self_evaluation', '宁乡市民政局'],
    ['宁乡市民政局2022年度部门整体支出绩效自评报告（公开版）', 'department_performance_self_evaluation', '宁乡市民政局'],
    ['宁乡市民政局2023年部门预算公开说明', 'department_budget', '宁乡市民政局'],
    ['宁乡市民政局2022年度部门决算情况说明', 'department_final_accounts', '宁乡市民政局'],
    ['宁乡市公路事务中心决算公开说明', 'department_final_accounts', '宁乡市公路事务中心'],
    ['2023年湖南省财政厅一般公共预算财政拨款“三公”经费支出决算情况说明', 'department_final_accounts', '湖南省财政厅'],
    ['宁乡市数据发展中心2024年度项目支出绩效单位自评报告', 'project_performance_self_evaluation', '宁乡市数据发展中心'],
    ['宁乡市烈士陵园管理处2022年度项目支出绩效自评总报告', 'project_performance_self_evaluation', '宁乡市烈士陵园管理处'],
  ])('reads %s as a report of its kind and its unit', (title, kind, organization) => {
    const r = parseDocument(model([heading(title), ...FIGURES]));
    expect(r.reports.map((x) => [x.kind, x.organization])).toEqual([[kind, organization]]);
    expect(r.warnings.map((w) => w.code)).not.toContain('kind-inferred');
  });

  it('joins a title broken over two lines inside its kind words', () => {
    const r = parseDocument(model([heading('宁乡市数据发展中心2024年度项目支出绩效'), heading('单位自评报告'), ...FIGURES]));
    expect(r.reports.map((x) => [x.kind, x.title, x.organization])).toEqual([['project_performance_self_evaluation', '宁乡市数据发展中心2024年度项目支出绩效单位自评报告', '宁乡市数据发展中心']]);
  });

  it('reads a department-wide scoring form (分值 and 得分, no targets) under a 绩效评价自评表 title', () => {
    const r = parseDocument(
      model([
        heading('2023年度部门整体支出绩效评价自评表'),
        table([row('一级指标', '二级指标', '三级指标', '分值', '得分'), row('规划', '基础信息', '基础信息完整性', '3', '3'), row('规划', '工作计划', '年度工作计划完整性', '3', '2'), row('总分', '', '', '6', '5')]),
      ]),
    );
    expect(r.reports.map((x) => [x.kind, x.self_evaluation?.score])).toEqual([['department_performance_self_evaluation', '5']]);
    expect(r.reports[0]!.indicators.map((i) => [i.level1, i.level3, i.target, i.weight, i.score])).toEqual([
      ['规划', '基础信息完整性', null, '3', '3'],
      ['规划', '年度工作计划完整性', null, '3', '2'],
    ]);
  });

  it.each(['三、绩效自评结果', '第二部分2022年度单位决算情况说明', '(二)项目支出绩效自评报告', '绩效自评结果', '四、部门整体支出绩效自评情况说明'])('takes the section heading %s for no title', (text) => {
    expect(titleKind(text)).toBeNull();
  });
});

describe('a document whose title names no kind', () => {
  it('reads a department self-evaluation from its headings, vocabulary and figures, with kind-inferred and a confidence', () => {
    const r = parseDocument(
      model([
        paragraph('一、部门基本情况'),
        paragraph('本单位内设机构5个，人员编制30人，部门职责为水资源管理。'),
        paragraph('2022年度本单位收入合计1,234.56万元，支出合计1,200.00万元，其中基本支出800.00万元，项目支出400.00万元。'),
        paragraph('二、绩效目标完成情况'),
        paragraph('产出指标、效益指标和满意度指标均完成年度绩效目标，预算执行率97.2%。'),
        paragraph('三、自评结论'),
        paragraph('自评得分为95分。'),
      ]),
    );
    expect(r.reports.map((x) => x.kind)).toEqual(['department_performance_self_evaluation']);
    const warning = r.warnings.find((w) => w.code === 'kind-inferred');
    expect(warning?.message).toMatch(/department_performance_self_evaluation.*confidence 0\.\d\d/);
    expect(r.reports[0]!.self_evaluation?.score).toBe('95');
  });

  it('reads a project self-evaluation under an unknown title from its project words', () => {
    const r = parseDocument(
      model([
        heading('宁乡市水利局2022年小型水库维修养护工作总结'),
        paragraph('一、项目基本情况'),
        paragraph('项目名称：小型水库维修养护。项目资金年初预算安排200万元，资金到位200万元，实际支出190.5万元。'),
        paragraph('二、项目绩效目标完成情况'),
        paragraph('产出指标：完成维修水库12座；效益指标：保障灌溉面积3万亩。'),
        paragraph('三、自评结论：经自评，该项目得分为93分。'),
      ]),
    );
    expect(r.reports.map((x) => x.kind)).toEqual(['project_performance_self_evaluation']);
    expect(r.warnings.map((w) => w.code)).toContain('kind-inferred');
  });

  it('reads a form whose title line is missing from its header cells and indicator table', () => {
    const r = parseDocument(
      model([
        table([
          row('项目名称', '农村公路养护', '', '', '', ''),
          row('主管部门', '宁乡市交通运输局', '', '实施单位', '宁乡市公路建设养护中心', ''),
          row('项目资金(万元)', '年初预算数', '全年预算数', '全年执行数', '分值', '得分'),
          row('年度资金总额', '100.00', '100.00', '95.00', '10', '9.5'),
          row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '得分'),
          row('产出指标', '数量指标', '养护里程', '≥120公里', '125公里', '20'),
        ]),
      ]),
    );
    expect(r.reports.map((x) => [x.kind, x.organization])).toEqual([['project_performance_self_evaluation', '宁乡市公路建设养护中心']]);
    expect(r.reports[0]!.indicators).toHaveLength(1);
  });

  it('reads a budget from its budget words when no title or cover names it', () => {
    const r = parseDocument(model([paragraph('一、收支预算总体情况'), paragraph('2024年收入预算合计356.78万元，支出预算合计356.78万元。'), paragraph('二、支出预算情况'), paragraph('2024年基本支出预算300.00万元，项目支出预算56.78万元。')]));
    expect(r.reports.map((x) => x.kind)).toEqual(['department_budget']);
    expect(inferKind(model([paragraph('一、收支预算总体情况'), paragraph('2024年收入预算合计356.78万元，支出预算合计356.78万元，基本支出预算300.00万元。')]).blocks)?.kind).toBe('department_budget');
  });
});

describe('documents that are not a department’s report stay out', () => {
  it.each([
    ['a government work report', [heading('2023年政府工作报告'), paragraph('各位代表：现在，我代表市人民政府，向大会报告政府工作。'), paragraph('全市一般公共预算收入12.5亿元，支出35.6亿元，部门预算管理进一步规范。'), paragraph('全面实施预算绩效管理，开展绩效自评，完成重点项目投资56.7亿元。')], 'government-work-report'],
    ['a disclosure annual report', [heading('宁乡市财政局2022年政府信息公开工作年度报告'), paragraph('本年度主动公开部门预算、部门决算、绩效自评报告等信息56条。'), paragraph('政府信息公开工作经费12.3万元，支出合计10.2万元，预算执行率82.9%。'), paragraph('绩效目标均已完成。')], 'disclosure-annual-report'],
    ['a government level’s 三公 summary', [heading('宁乡市市级2024年“三公”经费预算汇总情况'), paragraph('经汇总，2024年市级部门（单位）“三公”经费预算6,080.00万元，其中：'), paragraph('1、因公出国（境）费660.00万元；2、公务接待费700.00万元；3、公务用车购置及运行费4,720.00万元。')], 'government-three-public-summary'],
    ['a county’s 三公 final accounts for all its departments', [heading('某县2023年“三公”经费决算情况说明'), paragraph('经县财政局汇总，现将县各部门、各乡镇2023年“三公”经费决算情况公开如下：'), paragraph('“三公”经费预算数为832.05万元，决算支出数为820.33万元。')], 'government-three-public-summary'],
  ])('%s is out of scope with its reason', (_, blocks, code) => {
    const r = parseDocument(model(blocks as Block[]));
    expect(r.reports).toEqual([]);
    expect(r.outOfScope?.code).toBe(code);
  });

  it('one department’s 三公 budget stays in, read as a budget', () => {
    const r = parseDocument(model([paragraph('宁乡市公路养护中心财政拨款“三公”经费预算2014年情况如下：'), heading('公务用车购置及运行维护费'), paragraph('2014年安排公车购置及运行维护费38万。'), heading('公务接待费'), paragraph('2014年安排公务接待费预算8万元。'), paragraph('2014年“三公”经费预算财政拨款情况统计表')]));
    expect(r.outOfScope).toBeUndefined();
    expect(r.reports.map((x) => [x.kind, x.organization])).toEqual([['department_budget', '宁乡市公路养护中心']]);
  });

  it('a notice about self-evaluations with too few figures yields no report', () => {
    const r = parseDocument(model([heading('关于开展2023年度预算绩效自评工作的通知'), paragraph('各预算单位：请于3月底前完成绩效自评，自评得分低于60分的项目应说明原因。'), paragraph('自评结果将作为预算安排的重要依据。')]));
    expect(r.reports).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['no-report-found']);
  });
});
