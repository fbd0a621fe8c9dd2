import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cell, heading, numberBlocks, paragraph, table, DOC_MODEL_VERSION, type Block, type DocumentModel } from '@budget-ingest/doc-model';
import { extractDocument } from '@budget-ingest/extract';
import { parseDocument } from './parse-document.ts';

/**
 * A real final account's text, as if OCR had read it (every block `ocr`), with
 * one digit misread the way OCR misreads it: 项目支出 2946.68万元 printed as
 * 2946.88. 本年支出合计 3688.59 = 基本支出 741.91 + 项目支出 2946.68 is the sum
 * that catches it.
 */
describe('figures read by OCR, checked by the document’s sums', () => {
  let model: DocumentModel;
  beforeAll(async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../../test/fixtures/corpus/docs/wanyuan-2022-final-accounts.pdf', import.meta.url)));
    model = (await extractDocument(bytes, { fileName: 'wanyuan-2022-final-accounts.pdf' })).model;
  }, 120_000);

  const misread = (ocr: boolean): DocumentModel => {
    const at = model.blocks.findIndex((b) => b.kind === 'paragraph' && b.text.includes('项目支出2946.68万元'));
    const blocks = model.blocks.map((b, i): Block => {
      const read = ocr ? { ...b, ocr: true as const, confidence: 0.9 } : b;
      return i === at && read.kind === 'paragraph' ? { ...read, text: read.text.replace('2946.68', '2946.88') } : read;
    });
    return { ...model, blocks };
  };
  const project = (m: DocumentModel) => parseDocument(m).reports[0]!.amounts.find((a) => a.item === 'project_expenditure' && a.phase === 'actual');

  it('corrects the one misread digit the sum allows, keeps the printed reading, and says so in an info finding', () => {
    const report = parseDocument(misread(true)).reports[0]!;
    expect(report.amounts.find((a) => a.item === 'project_expenditure' && a.phase === 'actual')).toMatchObject({ yuan: '29466800.00', verification: 'corrected-by-sum', printed_reading: '2946.88' });
    expect(report.amounts.find((a) => a.item === 'total_expenditure' && a.phase === 'actual')).toMatchObject({ yuan: '36885900.00', verification: 'confirmed' });
    expect(report.findings.filter((f) => f.rule === 'parts-sum-basic-project')).toEqual([]);
    expect(report.findings.filter((f) => f.rule === 'ocr-corrected-by-sum')).toMatchObject([{ severity: 'info', expected: '2946.68', actual: '2946.88', pages: [6] }]);
  });

  it('leaves a figure read from the text layer as printed, contradicted by the sum', () => {
    expect(project(misread(false))).toMatchObject({ yuan: '29468800.00', verification: 'contradicted' });
    expect(project(misread(false))).not.toHaveProperty('printed_reading');
  });

  it('leaves values read by OCR that no check involves unconfirmed', () => {
    const report = parseDocument(misread(true)).reports[0]!;
    expect(report.amounts.find((a) => a.item === 'total_income' && a.phase === 'actual')?.verification).toBe('unconfirmed');
  });
});

describe('an indicator table read by OCR, checked by 总分 100', () => {
  // 分值 30 read as 80: 80 + 20 + 50 ≠ 100, and only 30 makes the weights add up.
  const rows = [
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
    ['产出指标', '数量指标', '救助人数', '≥100人', '120人', '80', '30'],
    ['产出指标', '质量指标', '发放准确率', '100%', '100%', '20', '20'],
    ['效益指标', '社会效益指标', '群众满意度', '≥90%', '95%', '50', '45'],
  ];
  const model = (ocr: boolean): DocumentModel => ({
    modelVersion: DOC_MODEL_VERSION,
    format: 'pdf',
    pageCount: 1,
    pages: [{ number: 1, width: 595, height: 842, rotation: 0 }],
    metadata: {},
    warnings: [],
    blocks: numberBlocks(
      [heading('某县民政局2023年度项目支出绩效自评表', { page: 1 }), table(rows.map((r) => r.map((t) => cell(t, { page: 1 }))), { page: 1 }), paragraph('自评总分95分。', { page: 1 })].map((b) =>
        ocr ? { ...b, ocr: true as const, confidence: 0.8 } : b,
      ),
    ),
  });

  it('corrects the one weight the sum allows and confirms the others by it', () => {
    const report = parseDocument(model(true)).reports[0]!;
    expect(report.indicators.map((i) => [i.level3, i.weight, i.verification, i.printed_reading ?? null])).toEqual([
      ['救助人数', '30', 'corrected-by-sum', '80'],
      ['发放准确率', '20', 'confirmed', null],
      ['群众满意度', '50', 'confirmed', null],
    ]);
    expect(report.findings.map((f) => f.rule)).toEqual(['ocr-corrected-by-sum']);
  });

  it('leaves a table read from a text layer as printed, its weights contradicted', () => {
    const report = parseDocument(model(false)).reports[0]!;
    expect(report.indicators[0]).toMatchObject({ weight: '80', verification: 'contradicted' });
    expect(report.findings.map((f) => f.rule)).toContain('weights-sum-total');
  });
});
