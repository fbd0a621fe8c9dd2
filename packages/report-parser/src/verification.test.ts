import { describe, expect, it } from 'vitest';
import { cell, numberBlocks, paragraph, table, type Block, type DocumentModel } from '@budget-ingest/doc-model';
import { parseDocument } from './parse-document.ts';
import { EXPENDITURE_ROWS, expenditureTable, summaryTable, type CodedRow } from '../test/sample-tables.ts';
import type { Report } from './types.ts';

function parse(blocks: Block[], format: DocumentModel['format'] = 'pdf'): Report {
  const model: DocumentModel = { modelVersion: 1, format, pageCount: 20, pages: [], blocks: numberBlocks(blocks), metadata: {}, warnings: [] };
  const { reports } = parseDocument(model);
  expect(reports).toHaveLength(1);
  return reports[0]!;
}

const title = paragraph('某某局2024年度部门决算', { page: 1 });
const line = (r: Report, code: string): Report['expenditure_lines'][number] => r.expenditure_lines.find((l) => l.code === code)!;
const amount = (r: Report, item: string): Report['amounts'][number] => r.amounts.find((a) => a.item === item && a.phase === 'actual' && a.fiscal_year === 2024)!;

describe('verification of table values', () => {
  it('confirms the lines and totals of a table whose rows and codes add up', () => {
    const r = parse([title, ...expenditureTable()]);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(line(r, '2010601')).toMatchObject({ yuan: '15118900.00', verification: 'confirmed', anchor: { block: 2, row: 6, cell: 4 } });
    expect(line(r, '201')).toMatchObject({ verification: 'confirmed' });
    expect(amount(r, 'total_expenditure')).toMatchObject({ yuan: '24333800.00', verification: 'confirmed', anchor: { block: 2, row: 3, cell: 4 } });
  });

  it('marks the figures of a row that does not add up contradicted, and the finding names them', () => {
    const rows = EXPENDITURE_ROWS.map((row): CodedRow => (row[2] === '01' ? [row[0], row[1], row[2], row[3], '1,521.89', '1,503.52', '8.37'] : row));
    const r = parse([title, ...expenditureTable(rows)]);
    const bad = line(r, '2010601');
    expect(bad).toMatchObject({ yuan: '15218900.00', verification: 'contradicted' });
    const finding = r.findings.find((f) => f.rule === 'row-sum-total-basic-project')!;
    expect(finding.values).toContainEqual({ anchor: bad.anchor, yuan: '15218900.00' });
    // A 项 whose own row and parent sums hold is still confirmed.
    expect(line(r, '2080505')).toMatchObject({ verification: 'confirmed' });
  });
});

describe('verification of text values', () => {
  const report = (...paras: string[]): Block[] => [paragraph('2021年度某某县医疗保障局整体支出绩效自评报告', { page: 1 }), ...paras.map((p) => paragraph(p, { page: 2, bbox: [72, 100, 520, 140] }))];

  it('leaves a figure stated once in the text unconfirmed, with its paragraph as its place', () => {
    const r = parse(report('2021年度，县医保局年度部门决算共1949.98万元。'));
    expect(r.amounts).toHaveLength(1);
    expect(r.amounts[0]).toMatchObject({ item: 'total_expenditure', verification: 'unconfirmed', anchor: { block: 1 }, bbox: [72, 100, 520, 140], page: 2 });
  });

  it('confirms headline parts that add up to the total stated beside them', () => {
    const r = parse(report('2021年度，县医保局年度部门决算共1949.98万元，其中基本支出146.45万元，项目支出为1803.53万元。'));
    expect(r.amounts.map((a) => [a.item, a.verification])).toEqual([
      ['total_expenditure', 'confirmed'],
      ['basic_expenditure', 'confirmed'],
      ['project_expenditure', 'confirmed'],
    ]);
  });

  it('marks headline parts that do not add up contradicted', () => {
    const r = parse(report('2021年度，县医保局年度部门决算共1949.98万元，其中基本支出141.13万元，项目支出为1803.53万元。'));
    expect(r.amounts.every((a) => a.verification === 'contradicted')).toBe(true);
    expect(r.findings.find((f) => f.rule === 'parts-sum-basic-project')!.values).toHaveLength(3);
  });
});

describe('a value stated in the text and in a table', () => {
  it('is the table value, confirmed by the text', () => {
    const alone = parse([title, ...summaryTable()]);
    expect(amount(alone, 'total_expenditure')).toMatchObject({ verification: 'unconfirmed' });
    const r = parse([title, ...summaryTable(), paragraph('2024年本年支出合计2433.38万元。', { page: 3 })]);
    expect(amount(r, 'total_expenditure')).toMatchObject({ yuan: '24333800.00', verification: 'confirmed', anchor: { block: 2, row: 4, cell: 3 }, page: 5 });
  });

  it('is contradicted when the text states another value, and the finding names it', () => {
    const r = parse([title, ...summaryTable(), paragraph('2024年本年支出合计2533.38万元。', { page: 3 })]);
    const total = amount(r, 'total_expenditure');
    expect(total).toMatchObject({ yuan: '24333800.00', alternatives: ['25333800.00'], verification: 'contradicted' });
    expect(r.findings.find((f) => f.rule === 'same-figure-different-values')!.values).toEqual([{ anchor: total.anchor, yuan: '24333800.00' }]);
  });
});

describe('places of values', () => {
  it('gives a table value the box of its cell', () => {
    const box = (x: number, y: number): [number, number, number, number] => [x, y, x + 80, y + 20];
    const at = (text: string, x: number, y: number): ReturnType<typeof cell> => cell(text, { page: 4, bbox: box(x, y) });
    const r = parse([
      title,
      paragraph('收入支出决算总表', { page: 4 }),
      table(
        [
          [at('项目', 50, 100), at('决算数', 130, 100), at('项目', 210, 100), at('决算数', 290, 100)],
          [at('一、一般公共预算财政拨款收入', 50, 120), at('100.00', 130, 120), at('一、一般公共服务支出', 210, 120), at('100.00', 290, 120)],
          [at('本年收入合计', 50, 140), at('100.00', 130, 140), at('本年支出合计', 210, 140), at('100.00', 290, 140)],
        ],
        { caption: '单位：万元', page: 4, bbox: [50, 100, 370, 160] },
      ),
    ]);
    expect(amount(r, 'total_income')).toMatchObject({ anchor: { block: 2, row: 2, cell: 1 }, bbox: box(130, 140) });
    expect(amount(r, 'total_expenditure')).toMatchObject({ anchor: { block: 2, row: 2, cell: 3 }, bbox: box(290, 140) });
  });

  it('gives a format without pages an anchor and no box', () => {
    const r = parse([title, ...summaryTable()], 'docx');
    expect(amount(r, 'total_income')).toMatchObject({ anchor: { block: 2, row: 4, cell: 1 }, bbox: null });
  });
});

describe('verification of indicators', () => {
  const indicatorTable = (scores: readonly string[]): Block[] => [
    paragraph('2023年度某某项目支出绩效自评表', { page: 1 }),
    table(
      [
        [cell('一级指标'), cell('二级指标'), cell('三级指标'), cell('年度指标值'), cell('实际完成值'), cell('分值'), cell('得分')],
        [cell('产出指标'), cell('数量指标'), cell('培训人数'), cell('≥100人'), cell('120人'), cell('50'), cell(scores[0]!)],
        [cell('效益指标'), cell('社会效益指标'), cell('群众知晓率'), cell('≥90%'), cell('95%'), cell('40'), cell(scores[1]!)],
        [cell('满意度指标'), cell('服务对象满意度指标'), cell('满意度'), cell('≥90%'), cell('92%'), cell('10'), cell(scores[2]!)],
        [cell('总分'), cell(''), cell(''), cell(''), cell(''), cell('100'), cell('95')],
      ],
      { page: 1 },
    ),
  ];

  it('confirms indicators whose weights make 100 and whose scores make the total, row by row', () => {
    const r = parse(indicatorTable(['50', '35', '10']));
    expect(r.indicators.map((i) => [i.verification, i.anchor])).toEqual([
      ['confirmed', { block: 1, row: 1 }],
      ['confirmed', { block: 1, row: 2 }],
      ['confirmed', { block: 1, row: 3 }],
    ]);
  });

  it('marks indicators whose scores do not make the total contradicted', () => {
    const r = parse(indicatorTable(['50', '30', '10']));
    expect(r.findings.map((f) => f.rule)).toContain('scores-sum-total');
    expect(r.indicators.map((i) => i.verification)).toEqual(['contradicted', 'contradicted', 'contradicted']);
  });
});

describe('provenance set by the readers', () => {
  it('anchors every text value at the paragraph it was read from, a paragraph joined over a break at its first block', () => {
    const r = parse([
      paragraph('某某县医疗保障局2024年度部门决算', { page: 1 }),
      paragraph('2024年一般公共服务支出（类）财政事务（款）行政运行（项）支出100.00万元。', { page: 1 }),
      paragraph('基本支出中，人员经费80.00万元，主要包括：基本工资50.00万元、津贴补贴30.00万元。', { page: 2 }),
      paragraph('项目支出20.00万元，其中：医保信息化建设项目', { page: 2 }),
      paragraph('12.00万元；医保宣传项目8.00万元。本年收入合计为120.00万元。', { page: 3 }),
    ]);
    const where = (values: readonly { readonly anchor?: { readonly block: number } | null; readonly source_text: string }[]) => values.map((v) => [v.source_text, v.anchor?.block ?? null]);
    expect(where(r.expenditure_lines)).toEqual(expect.arrayContaining([[expect.stringContaining('行政运行'), 1], [expect.stringContaining('基本工资'), 2], [expect.stringContaining('医保信息化建设项目'), 3]]));
    expect(r.expenditure_lines.every((l) => l.anchor !== null)).toBe(true);
    expect(r.amounts.every((a) => a.anchor !== null)).toBe(true);
    expect(where(r.amounts)).toEqual(expect.arrayContaining([[expect.stringContaining('收入合计为120.00万元'), 3]]));
  });
});
