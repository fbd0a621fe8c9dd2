/**
 * The quality report of each standard table: one `table-quality` parse
 * warning per table with its unit (stated or assumed), columns recognised,
 * rows and figures read, and the comparisons with its figures that agree and
 * disagree; a table that does not add up scores lower.
 */
import { describe, expect, it } from 'vitest';
import { heading, numberBlocks, table, cell, type Block, type DocumentModel } from '@budget-ingest/doc-model';
import { parseDocument } from '../parse-document.ts';
import { doc, EXPENDITURE_ROWS, expenditureTable, summaryTable } from '../../test/sample-tables.ts';

function model(blocks: Block[]): DocumentModel {
  return { modelVersion: 1, format: 'pdf', pageCount: 20, pages: [], blocks: numberBlocks(blocks), metadata: {}, warnings: [] };
}
const quality = (blocks: Block[]) => parseDocument(model(blocks)).warnings.filter((w) => w.code === 'table-quality').map((w) => w.message);

describe('table-quality', () => {
  it('reports every standard table, a consistent one at quality 1.00 with its comparisons agreeing', () => {
    const messages = quality(doc([heading('某某县医疗保障局2022年度部门决算')], summaryTable(), expenditureTable()));
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^收入支出决算总表 \(summary\): quality 1\.00; unit 万元 stated; columns 4\/4 recognised; \d+ rows, \d+ figures read; comparisons [1-9]\d* agree, 0 disagree$/);
    expect(messages[1]).toMatch(/^支出决算表 \(expenditure\): quality 1\.00; unit 万元 stated;.* 0 disagree$/);
  });

  it('scores a table whose rows do not add up lower and counts its disagreements', () => {
    const broken = EXPENDITURE_ROWS.map((r) => (r[0] === '201' && r[1] === '06' && r[2] === '01' ? ([...r.slice(0, 4), '1,611.89', '1,503.52', '8.37'] as unknown as typeof r) : r));
    const [message] = quality(doc([heading('某某县医疗保障局2022年度部门决算')], expenditureTable(broken)));
    expect(message).toMatch(/quality 0\.\d\d;.*comparisons \d+ agree, [1-9]\d* disagree$/);
  });

  it('says when the unit was assumed', () => {
    const [message] = quality([heading('某某县医疗保障局2022年度部门决算'), heading('收入支出决算总表'), table([[cell('收入', { colspan: 2 }), cell('支出', { colspan: 2 })], [cell('项目'), cell('决算数'), cell('项目'), cell('决算数')], [cell('本年收入合计'), cell('2,433.38'), cell('本年支出合计'), cell('2,433.38')]])]);
    expect(message).toMatch(/unit 元 assumed/);
  });
});
