/**
 * Small hand-made standard tables in the shape the extractors give
 * (merged header cells, 类/款/项 codes in three cells, units in the caption),
 * shared by the unit tests of the standard tables and of the checks.
 */
import { cell, heading, numberBlocks, paragraph, table, type Block, type TableCell } from '@budget-ingest/doc-model';

const row = (...texts: readonly string[]): TableCell[] => texts.map((t) => cell(t));

/** 收入支出决算总表 in 万元: two sides, 项目 | 决算数 each. */
export function summaryTable(o: { income?: string; expenditure?: string; general?: string; classes?: readonly (readonly [string, string])[] } = {}): Block[] {
  const classes = o.classes ?? [
    ['一、一般公共服务支出', '2,106.66'],
    ['二、社会保障和就业支出', '326.72'],
  ];
  return [
    heading('收入支出决算总表', { page: 5 }),
    table(
      [
        [cell('收入', { colspan: 2 }), cell('支出', { colspan: 2 })],
        row('项目', '决算数', '项目', '决算数'),
        row('一、一般公共预算财政拨款收入', o.general ?? '2,433.38', classes[0]?.[0] ?? '', classes[0]?.[1] ?? ''),
        row('二、政府性基金预算财政拨款收入', '', classes[1]?.[0] ?? '', classes[1]?.[1] ?? ''),
        row('本年收入合计', o.income ?? '2,433.38', '本年支出合计', o.expenditure ?? '2,433.38'),
      ],
      { caption: '单位：万元', page: 5 },
    ),
  ];
}

/** One coded row: 类/款/项 split, name, amounts. */
export type CodedRow = readonly [lei: string, kuan: string, xiang: string, name: string, ...amounts: string[]];

export const EXPENDITURE_ROWS: readonly CodedRow[] = [
  ['201', '', '', '一般公共服务支出', '2,106.66', '1,503.52', '603.14'],
  ['201', '06', '', '财政事务', '2,106.66', '1,503.52', '603.14'],
  ['201', '06', '01', '行政运行', '1,511.89', '1,503.52', '8.37'],
  ['201', '06', '07', '信息化建设', '594.77', '', '594.77'],
  ['208', '', '', '社会保障和就业支出', '326.72', '326.72', ''],
  ['208', '05', '', '行政事业单位养老支出', '326.72', '326.72', ''],
  ['208', '05', '05', '机关事业单位基本养老保险缴费支出', '326.72', '326.72', '0.00'],
  ['208', '05', '06', '机关事业单位职业年金缴费支出', '0.00', '0.00', ''],
];

/** 支出决算表 in 万元: 类/款/项 in three cells under a merged 科目编码 header; 合计 row on top. */
export function expenditureTable(rows: readonly CodedRow[] = EXPENDITURE_ROWS, total: readonly string[] = ['2,433.38', '1,830.24', '603.14'], title = '支出决算表'): Block[] {
  return [
    paragraph(title, { page: 6 }),
    table(
      [
        [cell('项目', { colspan: 4 }), cell('本年支出合计', { rowspan: 3 }), cell('基本支出', { rowspan: 3 }), cell('项目支出', { rowspan: 3 })],
        [cell('支出功能分类科目编码', { colspan: 3 }), cell('科目名称', { rowspan: 2 })],
        row('类', '款', '项'),
        [cell('合计', { colspan: 4 }), ...row(...total)],
        ...rows.map((r) => row(...r)),
      ],
      { caption: '单位：万元', page: 6 },
    ),
  ];
}

/** 一般公共预算基本支出经济分类预算表 in 元 with one 科目编码 column, 合计 | 人员经费 | 公用经费. */
export function basicEconomicTable(total: readonly string[] = ['25741666.44', '23563342.00', '2178324.44']): Block[] {
  return [
    paragraph('2026年部门一般公共预算基本支出部门预算经济分类预算表', { page: 12 }),
    paragraph('编制部门：某某局 单位：元', { page: 12 }),
    table(
      [
        [cell('项目', { colspan: 2 }), cell('一般公共预算基本支出', { colspan: 3 })],
        row('经济分类科目编码', '经济分类科目名称', '合计', '人员经费', '公用经费'),
        row('301', '工资福利支出', '23084662.00', '23084662.00', '0.00'),
        row('30101', '基本工资', '2892504.00', '2892504.00', '0.00'),
        row('30102', '津贴补贴', '20192158.00', '20192158.00', '0.00'),
        row('30103', '奖金', '0.00', '0.00', '0.00'),
        row('302', '商品和服务支出', '2178324.44', '0.00', '2178324.44'),
        row('30201', '办公费', '2178324.44', '0.00', '2178324.44'),
        row('303', '对个人和家庭的补助', '478680.00', '478680.00', '0.00'),
        row('30302', '退休费', '478680.00', '478680.00', '0.00'),
        [cell('合计', { colspan: 2 }), ...row(...total)],
      ],
      { page: 12 },
    ),
  ];
}

/** 财政拨款“三公”经费支出决算表 in 万元, 预算数 | 决算数 under each heading. */
export function threePublicTable(values: readonly string[] = ['0.95', '0.40', '', '', '0.00', '0.00', '', '', '', '', '0.95', '0.40']): Block[] {
  return [
    heading('财政拨款“三公”经费支出决算表', { page: 9 }),
    table(
      [
        [cell('财政拨款“三公”经费', { colspan: 12 })],
        [
          cell('合计', { colspan: 2 }),
          cell('因公出国（境）费', { colspan: 2 }),
          cell('公务用车购置及运行费', { colspan: 6 }),
          cell('公务接待费', { colspan: 2 }),
        ],
        [cell('', { colspan: 2 }), cell('', { colspan: 2 }), cell('小计', { colspan: 2 }), cell('公务用车购置费', { colspan: 2 }), cell('公务用车运行费', { colspan: 2 }), cell('', { colspan: 2 })],
        row('预算数', '决算数', '预算数', '决算数', '预算数', '决算数', '预算数', '决算数', '预算数', '决算数', '预算数', '决算数'),
        row(...values),
      ],
      { caption: '单位：万元', page: 9 },
    ),
  ];
}

/** 财政拨款支出预算表（功能科目） with one code column (Jiangsu style), 单位：万元 in a title row of the table. */
export function singleCodeColumnTable(): Block[] {
  return [
    paragraph('公开05表', { page: 7 }),
    table(
      [
        [cell('财政拨款支出预算表', { colspan: 3 })],
        [cell('部门：某某厅', { colspan: 2 }), cell('单位：万元')],
        row('功能科目代码', '功能科目名称', '金额'),
        row('', '合计', '10,070.48'),
        row('201', '一般公共服务支出', '7,747.46'),
        row('20102', '政协事务', '7,747.46'),
        row('2010201', '行政运行', '7,747.46'),
        row('221', '住房保障支出', '2,323.02'),
        row('22102', '住房改革支出', '2,323.02'),
        row('2210201', '住房公积金', '2,323.02'),
      ],
      { page: 7 },
    ),
  ];
}

/** Numbers the blocks in reading order. */
export function doc(...parts: readonly (readonly Block[])[]): Block[] {
  return numberBlocks(parts.flat());
}
