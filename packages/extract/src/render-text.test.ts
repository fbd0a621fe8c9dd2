import { describe, expect, it } from 'vitest';
import { DOC_MODEL_VERSION, cell, heading, numberBlocks, paragraph, table, type DocumentModel } from '@budget-ingest/doc-model';
import { renderModelText, renderTable, wrap } from './render-text.ts';

describe('renderTable', () => {
  it('draws merged cells as one box and counts CJK characters as two columns', () => {
    const t = table([
      [cell('指标', { rowspan: 2 }), cell('数量', { colspan: 2 })],
      [cell('a'), cell('16.58万')],
    ]);
    expect(renderTable(t)).toBe(
      [
        '┌──────┬─────────────┐',
        '│ 指标 │ 数量        │',
        '│      ├───┬─────────┤',
        '│      │ a │ 16.58万 │',
        '└──────┴───┴─────────┘',
      ].join('\n'),
    );
  });

  it('pads rows shorter than the widest row with empty boxes', () => {
    const t = table([[cell('x'), cell('y')], [cell('z')]]);
    expect(renderTable(t).split('\n')).toEqual(['┌───┬───┐', '│ x │ y │', '├───┼───┤', '│ z │   │', '└───┴───┘']);
  });

  it('wraps long cell text at the column ceiling', () => {
    expect(wrap('一二三四五', 4)).toEqual(['一二', '三四', '五']);
    const lines = renderTable(table([[cell('很'.repeat(30))]])).split('\n');
    expect(lines).toHaveLength(5);
  });
});

describe('renderModelText', () => {
  it('prints page markers, numbered headings, paragraphs, captions and warnings', () => {
    const model: DocumentModel = {
      modelVersion: DOC_MODEL_VERSION,
      format: 'pdf',
      pageCount: 2,
      pages: [],
      blocks: numberBlocks([
        heading('部门职责', { numbering: '一、', level: 2, page: 1 }),
        paragraph('单位:万元', { page: 1 }),
        table([[cell('合计'), cell('1.00')]], { caption: '单位:万元', page: 2 }),
      ]),
      metadata: {},
      warnings: [{ code: 'empty-page', message: 'page 3 holds no text', page: 3 }],
    };
    expect(renderModelText(model)).toBe(
      [
        '──── page 1 / 2 ────',
        '## [一、] 部门职责',
        '单位:万元',
        '──── page 2 / 2 ────',
        '[table · caption: 单位:万元]\n┌──────┬──────┐\n│ 合计 │ 1.00 │\n└──────┴──────┘',
        '! empty-page (page 3): page 3 holds no text',
      ].join('\n\n') + '\n',
    );
  });
});
