/**
 * Classes of the genre the readers missed on documents nobody here tuned for
 * (issue 27, classes 1–8; class 0, recognising a report at all, is in
 * kind-recognition.test.ts). Each case is a small hand-built document in
 * several wordings and layouts, none of them a copy of one file.
 */
import { describe, expect, it } from 'vitest';
import { cell, heading, numberBlocks, paragraph, table, type Block, type DocumentModel, type TableCell } from '@budget-ingest/doc-model';
import { parseDocument } from './parse-document.ts';
import type { Report } from './types.ts';

const row = (...texts: string[]): TableCell[] => texts.map((t) => cell(t));
function model(blocks: Block[]): DocumentModel {
  return { modelVersion: 1, format: 'docx', pageCount: null, pages: [], blocks: numberBlocks(blocks), metadata: {}, warnings: [] };
}
/** The one report of a document. */
function only(blocks: Block[]): Report {
  const r = parseDocument(model(blocks));
  expect(r.reports.length, JSON.stringify(r.warnings)).toBe(1);
  return r.reports[0]!;
}
/** Amounts as item/phase/year = yuan, sorted. */
const amounts = (r: Report): string[] => r.amounts.map((a) => `${a.item}/${a.phase}/${a.fiscal_year}=${a.yuan}`).sort();
const lines = (r: Report): string[] => r.expenditure_lines.map((l) => `${l.classification}:${l.path.join('>')}/${l.phase}/${l.fiscal_year}=${l.yuan}`).sort();
const DEPT = '宁乡市水利局2022年度部门整体支出绩效自评报告';

describe('class 1: an indicator table whose 年度指标值 is split by a second header row', () => {
  // The national template: 年度指标值 over 指标性质 | 指标值 | 度量单位, 实际完成值 over its value and unit.
  const national = (second: string[], top: TableCell[]) =>
    table([
      row('项目名称', '农村饮水安全巩固提升', '', '', '', '', '', '', '', ''),
      top,
      row(...second),
      row('产出指标', '数量指标', '培训人数', '≥', '500', '人次', '520', '人次', '10', '10'),
      row('产出指标', '质量指标', '水质合格率', '═', '100', '%', '98', '%', '10', '9'),
      row('满意度指标', '服务对象满意度', '群众满意度', '≧', '90', '%', '95', '%', '10', '10'),
    ]);
  const merged = (cells: [string, number, number][]) => cells.map(([t, colspan, rowspan]) => cell(t, { colspan, rowspan }));

  it.each([
    ['年度指标值 over three columns, 实际完成值 over two', merged([['一级指标', 1, 2], ['二级指标', 1, 2], ['三级指标', 1, 2], ['年度指标值', 3, 1], ['实际完成值', 2, 1], ['分值', 1, 2], ['得分', 1, 2]]), ['指标性质', '指标值', '度量单位', '实际完成值', '度量单位']],
    ['目标值 over 指标方向 | 目标值 | 计量单位, 实际值 over 完成值 | 单位', merged([['一级指标', 1, 2], ['二级指标', 1, 2], ['指标名称', 1, 2], ['目标值', 3, 1], ['实际值', 2, 1], ['权重', 1, 2], ['评分', 1, 2]]), ['指标方向', '目标值', '计量单位', '完成值', '单位']],
  ])('reads every target and actual with its unit and comparison (%s)', (_, top, second) => {
    const r = only([heading('项目支出绩效自评表'), national(second, top)]);
    expect(r.indicators.map((i) => [i.level3, i.target?.op, i.target?.value, i.target?.unit, i.actual?.value, i.actual?.unit, i.weight, i.score])).toEqual([
      ['培训人数', '>=', '500', '人次', '520', '人次', '10', '10'],
      ['水质合格率', '=', '100', '%', '98', '%', '10', '9'],
      ['群众满意度', '>=', '90', '%', '95', '%', '10', '10'],
    ]);
  });

  it('keeps a unit column under the actual for the actual alone', () => {
    const r = only([
      heading('项目支出绩效自评表'),
      table([
        [cell('一级指标', { rowspan: 2 }), cell('二级指标', { rowspan: 2 }), cell('三级指标', { rowspan: 2 }), cell('年度指标值', { colspan: 2 }), cell('实际完成值', { colspan: 2 }), cell('分值', { rowspan: 2 }), cell('得分', { rowspan: 2 })],
        row('指标值', '度量单位', '实际完成值', '度量单位'),
        row('产出指标', '时效指标', '完成时间', '12', '月', '2023年11月', '', '10', '10'),
        row('产出指标', '数量指标', '维修里程', '30', '公里', '32.5', '公里', '10', '10'),
      ]),
    ]);
    expect(r.indicators.map((i) => [i.target?.value, i.target?.unit, i.actual?.raw, i.actual?.unit])).toEqual([
      ['12', '月', '2023年11月', null],
      ['30', '公里', '32.5', '公里'],
    ]);
  });
});

describe('class 2: an 实施单位 that is an internal section of the department', () => {
  it.each(['规划股', '财务室', '综合科', '项目组', '宁乡市水利局规划股'])('reports as the 主管部门, with its region, when the 实施单位 is %s', (section) => {
    const r = only([
      heading('2022年度项目支出绩效自评表'),
      table([row('项目名称', '小型水库维修养护', '', ''), row('主管部门', '宁乡市水利局', '实施单位', section), row('项目资金(万元)', '年初预算数', '全年预算数', '全年执行数'), row('年度资金总额', '100', '100', '95')]),
    ]);
    expect(r.organization).toBe('宁乡市水利局');
    expect(r.region?.county).toBe('宁乡市');
    expect(r.parent_organization ?? null).toBeNull();
  });

  it('still reports as the 实施单位 when it is a unit of its own', () => {
    const r = only([heading('2022年度项目支出绩效自评表'), table([row('主管部门', '宁乡市水利局', '实施单位', '宁乡市水利工程管理站'), row('项目资金(万元)', '年初预算数', '全年预算数', '全年执行数'), row('年度资金总额', '100', '100', '95')])]);
    expect(r.organization).toBe('宁乡市水利工程管理站');
  });
});

describe('class 3: scores and totals in prose, last year’s figure beside this year’s', () => {
  it.each([
    ['经自评，该项目得分为95分，等级为优。', '95'],
    ['部门整体支出绩效自评结果为93分。', '93'],
    ['经综合评定，该部门整体支出得分92.5分。', '92.5'],
    ['本项目绩效自评综合得分为96.5分。', '96.5'],
  ])('reads the score of %s', (text, score) => {
    expect(only([heading(DEPT), paragraph('2022年本单位收入合计100万元。'), paragraph(text)]).self_evaluation?.score).toBe(score);
  });

  it('does not take one indicator’s score for the report’s', () => {
    expect(only([heading(DEPT), paragraph('2022年本单位收入合计100万元。'), paragraph('经自评，该指标分值10分，得分8分。')]).self_evaluation?.score ?? null).toBeNull();
  });

  it.each([
    ['2022年“三公”经费支出12.3万元，上年为15.6万元。'],
    ['2022年“三公”经费支出12.3万元（2021年：15.6万元）。'],
    ['2022年“三公”经费支出12.3万元，较上年15.6万元减少3.3万元。'],
  ])('reads the year before’s 三公 figure beside this year’s: %s', (text) => {
    expect(amounts(only([heading(DEPT), paragraph(text)]))).toEqual(['three_public_expenditure/actual/2021=156000.00', 'three_public_expenditure/actual/2022=123000.00']);
  });

  it.each([
    ['2022年全年支出总额1,234.56万元，项目支出356.20万元。', ['project_expenditure/actual/2022=3562000.00', 'total_expenditure/actual/2022=12345600.00']],
    ['2022年收入预算总计1,234.56万元，支出决算总计1,200.00万元。', ['total_expenditure/actual/2022=12000000.00', 'total_income/budget_initial/2022=12345600.00']],
  ])('reads totals in the wording %s', (text, expected) => {
    expect(amounts(only([heading(DEPT), paragraph(text)]))).toEqual(expected);
  });
});

describe('class 3: a project report’s totals in prose', () => {
  const project = heading('宁乡市数据中心2024年度项目支出绩效单位自评报告');
  it.each([
    ['2024年，本中心实施项目共15个（含2023年转列项目5个），年初批复预算8个项目985万元，调整预算后项目预算861.46万元，实际到位资金334.67万元。', ['fiscal_appropriation/actual/2024=3346700.00', 'total_expenditure/budget_adjusted/2024=8614600.00', 'total_expenditure/budget_initial/2024=9850000.00']],
    ['宁乡市水务局2024年衔接资金共下达105万元，用于实施灌溉项目。', ['total_expenditure/budget_adjusted/2024=1050000.00']],
  ])('reads %s', (text, expected) => {
    expect(amounts(only([project, paragraph(text)]))).toEqual(expected);
  });
});

describe('class 4: the phase of an income figure follows its own words', () => {
  it.each([
    ['2022年年初预算收入1,000万元，全年收入1,200万元。', ['total_income/actual/2022=12000000.00', 'total_income/budget_initial/2022=10000000.00']],
    ['2022年年初预算收入1,000万元，全年实际收入1,150万元。', ['total_income/actual/2022=11500000.00', 'total_income/budget_initial/2022=10000000.00']],
    ['2022年全年收入1,200万元，年初预算收入1,000万元。', ['total_income/actual/2022=12000000.00', 'total_income/budget_initial/2022=10000000.00']],
  ])('%s', (text, expected) => {
    expect(amounts(only([heading(DEPT), paragraph(text)]))).toEqual(expected);
  });
});

describe('class 5: project lists in narrative reports; a fund’s collections are not project lines', () => {
  it.each([
    ['2022年上级补助资金500万元，主要用于：1.农村饮水安全工程项目200万元；2.河道清淤项目300万元。', ['project:农村饮水安全工程项目/actual/2022=2000000.00', 'project:河道清淤项目/actual/2022=3000000.00']],
    ['本年度专项资金主要用于：（1）乡村振兴项目120万元；（2）人居环境整治项目80万元。', ['project:乡村振兴项目/actual/2022=1200000.00', 'project:人居环境整治项目/actual/2022=800000.00']],
  ])('reads the list of %s', (text, expected) => {
    expect(lines(only([heading(DEPT), paragraph('2022年本单位收入合计100万元。'), paragraph(text)]))).toEqual(expected);
  });

  it.each(['2022年征收水利建设基金共1,200万元，支出800万元。', '水资源费征收1,200万元，实际支出800万元。', '2022年征缴城乡居民医疗保险费共5,650万元，支出4,765万元。'])('reads no project line from %s', (text) => {
    expect(lines(only([heading(DEPT), paragraph('2022年本单位收入合计100万元。'), paragraph(text)]))).toEqual([]);
  });

  it('reads a numbered project statement whose name ends in a colon', () => {
    const r = only([heading('宁乡市烈士陵园管理处2022年度项目支出绩效自评总报告'), paragraph('1、烈士纪念设施维修项目：预算35.3万元，2022年全年实际支付35.3万元，使用率100%。')]);
    expect(r.expenditure_lines.map((l) => [l.path.join('>'), l.phase, l.yuan, l.budget_yuan])).toEqual([['烈士纪念设施维修项目', 'actual', '353000.00', '353000.00']]);
  });

  it('does not read a list of things bought as projects', () => {
    expect(lines(only([heading(DEPT), paragraph('公用经费30万元，主要用于：1.办公费10万元；2.水电费20万元。')]))).toEqual([]);
  });
});

describe('class 6: identity on a cover or a closing line', () => {
  const body = Array.from({ length: 8 }, (_, i) => paragraph(`（${i + 1}）2019年本部门按照预算安排开展工作，收入预算合计${100 + i}.00万元。`));

  it.each([
    ['二〇一九年三月一日', '2019-03-01'],
    ['2019年3月1日', '2019-03-01'],
  ])('reads the organisation and the date %s under it on a budget’s cover', (date, iso) => {
    const r = only([paragraph('2019年部门预算'), paragraph('宁乡市司法局'), paragraph(date), paragraph('一、部门基本情况'), ...body]);
    expect([r.kind, r.organization, r.published_on, r.region?.county]).toEqual(['department_budget', '宁乡市司法局', iso, '宁乡市']);
  });

  it('reads the organisation and the date of a report’s closing lines with an annex after them', () => {
    const r = only([
      heading('2022年度部门整体支出绩效自评报告'),
      paragraph('2022年本单位收入合计100万元，支出合计98万元。'),
      paragraph('宁乡市水利局'),
      paragraph('二〇二三年三月十五日'),
      paragraph('附件：部门整体支出绩效自评表'),
      table([row('指标', '分值', '得分'), row('预算执行率', '10', '9'), row('满意度', '10', '10'), row('合计', '20', '19')]),
      paragraph('填表人：张三'),
      paragraph('联系电话：12345678'),
      paragraph('审核人：李四'),
    ]);
    expect([r.organization, r.published_on, r.region?.county]).toEqual(['宁乡市水利局', '2023-03-15', '宁乡市']);
  });
});

describe('class 7: figures a tables-only budget prints in its notes, a narrative budget’s 支出总计', () => {
  const summary = table([row('收入', '', '支出', ''), row('项目', '预算数', '项目', '预算数'), row('一般公共预算拨款', '100.00', '一般公共服务支出', '100.00'), row('收入总计', '100.00', '支出总计', '100.00')], { caption: '单位：万元' });
  const budget = '宁乡市司法局2024年部门预算';

  it.each([
    ['a note row of the 三公 table', [paragraph('“三公”经费支出预算表'), table([row('项目', '预算数'), row('合计', '3.00'), row('公务接待费', '3.00'), [cell('注：2024年机关运行经费预算12.34万元，政府采购预算总额56.78万元。', { colspan: 2 })]], { caption: '单位：万元' })]],
    ['notes under the tables', [paragraph('说明：机关运行经费：12.34万元。'), paragraph('政府采购预算：56.78万元。')]],
  ])('reads 机关运行经费 and 政府采购 from %s', (_, notes) => {
    const r = only([heading(budget), paragraph('收支预算总表'), summary, ...(notes as Block[])]);
    expect(amounts(r)).toEqual(expect.arrayContaining(['agency_operating_expenditure/budget_initial/2024=123400.00', 'government_procurement/budget_initial/2024=567800.00']));
  });

  it('reads a total whose item is named before a colon and whose label is only a phase word', () => {
    const r = only([heading(budget), paragraph('（一）收入预算：2024年年初预算数356.78万元，其中：一般公共预算拨款356.78万元。'), paragraph('（二）支出预算：2024年年初预算数为356.78万元。')]);
    expect(amounts(r)).toEqual(expect.arrayContaining(['total_expenditure/budget_initial/2024=3567800.00', 'total_income/budget_initial/2024=3567800.00']));
  });

  it.each(['2024年本部门收入预算总计356.78万元，支出预算总计356.78万元。', '2024年部门收支预算总计356.78万元。'])('reads a narrative budget’s totals: %s', (text) => {
    expect(amounts(only([heading(budget), paragraph('一、部门收支总体情况'), paragraph(text)]))).toEqual(['total_expenditure/budget_initial/2024=3567800.00', 'total_income/budget_initial/2024=3567800.00']);
  });
});

describe('class 8: units printed twice; identity from a portal page’s frame', () => {
  it.each([
    ['万元 in the header and in every cell', '项目资金（万元）', ['620.82万元', '620.82万元', '600.00万元'], ['6208200.00', '6208200.00', '6000000.00']],
    ['元 in the header and in the cells', '项目资金（元）', ['6,208,200.00元', '6,208,200.00元', '6,000,000.00元'], ['6208200.00', '6208200.00', '6000000.00']],
  ])('reads a money block with %s', (_, header, cells, yuan) => {
    const r = only([heading('2022年度项目支出绩效自评表'), table([row('项目名称', '农村公路养护', '', ''), row('主管部门', '宁乡市交通运输局', '实施单位', '宁乡市公路建设养护中心'), row(header, '年初预算数', '全年预算数', '全年执行数'), row('年度资金总额', ...cells)])]);
    expect(amounts(r)).toEqual([`total_expenditure/actual/2022=${yuan[2]}`, `total_expenditure/budget_adjusted/2022=${yuan[1]}`, `total_expenditure/budget_initial/2022=${yuan[0]}`]);
  });

  it('does not read an indicator row that prints 万元 in its cells as money', () => {
    const r = only([
      heading('2022年度项目支出绩效自评表'),
      table([
        row('项目资金(万元)', '年初预算数', '全年预算数', '全年执行数'),
        row('年度资金总额', '100.00', '100.00', '95.00'),
        row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值'),
        row('成本指标', '经济成本指标', '基本支出', '108.01万元', '126.15万元'),
      ]),
    ]);
    expect(amounts(r)).toEqual(['total_expenditure/actual/2022=950000.00', 'total_expenditure/budget_adjusted/2022=1000000.00', 'total_expenditure/budget_initial/2022=1000000.00']);
    expect(r.indicators.map((i) => i.target?.value)).toEqual(['1080100']);
  });

  it.each([
    ['in a table of the frame', [table([row('索引号', '11430124MB1234567X/2023-00012', '主题分类', '财政'), row('发布机构', '宁乡市水利局', '发文日期', '2023-04-12')])]],
    ['in lines of the frame', [paragraph('索引号：11430124MB1234567X/2023-00012'), paragraph('发布机构：宁乡市水利局'), paragraph('成文日期：2023年04月12日'), paragraph('主题分类：财政')]],
  ])('reads the unit and the date from a portal page’s frame %s', (_, frame) => {
    const r = only([...(frame as Block[]), heading('2022年度部门整体支出绩效自评报告'), paragraph('2022年本单位收入合计100万元。')]);
    expect([r.organization, r.published_on, r.region?.county]).toEqual(['宁乡市水利局', '2023-04-12', '宁乡市']);
  });
});
