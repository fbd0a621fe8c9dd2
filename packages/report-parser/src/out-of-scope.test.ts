import { describe, expect, it } from 'vitest';
import { cell, heading, numberBlocks, paragraph, table, type Block, type DocumentModel } from '@budget-ingest/doc-model';
import { outOfScope } from './out-of-scope.ts';
import { parseDocument } from './parse-document.ts';

const model = (blocks: Block[]): DocumentModel => ({ modelVersion: 1, format: 'docx', pageCount: null, pages: [], blocks, metadata: {}, warnings: [] });
const row = (...texts: string[]) => texts.map((t) => cell(t));

describe('outOfScope', () => {
  it.each([
    [['关于2020年某市预算执行情况', '和2021年预算草案的报告', '——2021年1月5日在某市第七届', '人民代表大会第一次会议上', '各位代表：', '2020年，全市一般公共预算收入实现9,789亿元。']],
    [['关于2023年度全县决算（草案）的报告', '——在县人大常委会第十次会议上', '主任、各位副主任：', '2023年全县一般公共预算收入12.3亿元。']],
    [['关于某区2024年预算调整方案的报告', '各位代表：', '现将预算调整方案报告如下。']],
  ])('recognises a government’s budget report to the People’s Congress: %j', (texts) => {
    const blocks = numberBlocks(texts.map((t, i) => (i < 2 ? heading(t) : paragraph(t))));
    expect(outOfScope(blocks)?.code).toBe('government-budget-report');
    const parsed = parseDocument(model(blocks));
    expect(parsed.reports).toEqual([]);
    expect(parsed.outOfScope?.reason).toMatch(/人民代表大会/);
  });

  it('keeps a department’s own budget and final accounts in scope, even when they mention the People’s Congress', () => {
    const budget = numberBlocks([heading('某某局2024年部门预算'), paragraph('根据区人民代表大会批准的预算，2024年收入预算1,234.56万元。')]);
    expect(outOfScope(budget)).toBeNull();
    const final = numberBlocks([heading('某某局关于2023年度部门决算的报告'), paragraph('各位代表：2023年支出决算123.45万元。')]);
    expect(outOfScope(final)).toBeNull();
  });

  it('recognises a blank template: standard tables and placeholders, no amount filled in', () => {
    const blocks = numberBlocks([
      table([row('XX(单位)主要职能'), row('XX是...。')]),
      paragraph('2026年预算单位财务收支预算总表'),
      table([row('项目', '预算数'), row('一、财政拨款收入', '')]),
      paragraph('2026年预算单位支出预算总表'),
      table([row('205', '教育支出', ''), row('20502', '普通教育', '0.00')]),
    ]);
    expect(outOfScope(blocks)?.code).toBe('blank-template');
    expect(parseDocument(model(blocks))).toMatchObject({ reports: [], outOfScope: { code: 'blank-template' } });
    // The same tables with one figure filled in are a report.
    const filled = numberBlocks([...blocks.slice(0, 4), table([row('205', '教育支出', '1,234.00')])]);
    expect(outOfScope(filled)).toBeNull();
  });
});
