/**
 * A money block that states no unit is read in the unit the running text
 * confirms by restating its figures; the choice and its evidence are a
 * `money-unit-chosen` parse warning; without a restatement nothing is guessed.
 */
import { describe, expect, it } from 'vitest';
import { cell, heading, numberBlocks, paragraph, table, type Block, type DocumentModel, type TableCell } from '@budget-ingest/doc-model';
import { parseDocument } from './parse-document.ts';

const row = (...texts: string[]): TableCell[] => texts.map((t) => cell(t));
function model(blocks: Block[]): DocumentModel {
  return { modelVersion: 1, format: 'docx', pageCount: null, pages: [], blocks: numberBlocks(blocks), metadata: {}, warnings: [] };
}
const block = (...values: string[]) => table([row('项目资金', '年初预算数', '全年预算数', '全年执行数'), row('年度资金总额', ...values)]);
const title = heading('宁乡市水利局2022年度小型水库维修养护项目绩效自评报告');

describe('a money block without a unit', () => {
  it.each([
    ['万元', ['43.2', '43.2', '40.5'], '项目年初预算43.2万元，实际支出40.5万元。', ['432000.00', '432000.00', '405000.00']],
    ['元', ['43200', '43200', '40500'], '项目年初预算43,200元，实际支出40,500元。', ['43200.00', '43200.00', '40500.00']],
  ])('is read in %s when the text restates its figures so', (unit, cells, text, yuan) => {
    const r = parseDocument(model([title, paragraph(text), block(...cells)]));
    const total = r.reports[0]!.amounts.filter((a) => a.item === 'total_expenditure').map((a) => `${a.phase}=${a.yuan}`).sort();
    expect(total).toEqual([`actual=${yuan[2]}`, `budget_adjusted=${yuan[1]}`, `budget_initial=${yuan[0]}`]);
    expect(r.warnings.find((w) => w.code === 'money-unit-chosen')?.message).toMatch(new RegExp(`read in ${unit}: \\d of its figures are restated`));
  });

  it('is not read when the text restates none of its figures', () => {
    const r = parseDocument(model([title, paragraph('项目按计划完成，群众满意度较高。'), block('43.2', '43.2', '40.5')]));
    expect(r.reports[0]!.amounts.filter((a) => a.item === 'total_expenditure')).toEqual([]);
    expect(r.warnings.map((w) => w.code)).not.toContain('money-unit-chosen');
  });
});
