import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTRACT_LIMITS, type TableBlock } from '@budget-ingest/doc-model';
import { extractDocx } from './index.ts';
import { buildDocx } from './testing.ts';

/**
 * The body is read through mammoth (mammoth-reader.ts). These tests pin what
 * our own code adds to mammoth's tree, and what mammoth's tree loses.
 */
const opts = { limits: DEFAULT_EXTRACT_LIMITS };
const p = (inner: string): string => `<w:p>${inner}</w:p>`;
const r = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const tc = (text: string, tcPr = ''): string => `<w:tc><w:tcPr>${tcPr}</w:tcPr>${p(r(text))}</w:tc>`;
const grid = (t: TableBlock) => t.rows.map((row) => row.map((c) => [c.text, c.rowspan, c.colspan]));
const firstTable = async (body: string): Promise<TableBlock> => (await extractDocx(buildDocx(body), opts)).blocks.find((b): b is TableBlock => b.kind === 'table')!;

describe('extractDocx adds to mammoth', () => {
  it('widens the cell to the left of a legacy w:hMerge continuation (mammoth keeps it as a cell of its own)', async () => {
    const t = await firstTable(`<w:tbl><w:tr>${tc('合计', '<w:hMerge w:val="restart"/>')}${tc('', '<w:hMerge/>')}${tc('100')}</w:tr><w:tr>${tc('a')}${tc('b')}${tc('c')}</w:tr></w:tbl>`);
    expect(grid(t)).toEqual([
      [['合计', 1, 2], ['100', 1, 1]],
      [['a', 1, 1], ['b', 1, 1], ['c', 1, 1]],
    ]);
  });

  it('keeps Word numbering in step with the paragraphs when vertically merged cells drop theirs', async () => {
    const numbering = `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;
    const item = (text: string) => p(`<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${r(text)}`);
    const tbl = `<w:tbl><w:tr>${tc('甲', '<w:vMerge w:val="restart"/>')}${tc('乙')}</w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>${p(r('被合并'))}</w:tc>${tc('丁')}</w:tr></w:tbl>`;
    const m = await extractDocx(buildDocx(`${item('基本情况')}${tbl}${item('绩效目标')}`, { numbering }), opts);
    expect(m.blocks.filter((b) => b.kind === 'heading').map((b) => b.kind === 'heading' && `${b.numbering}${b.text}`)).toEqual(['一、基本情况', '二、绩效目标']);
    expect(m.warnings).toEqual([]);
  });
});

describe('what mammoth loses (read with our own reader before; none of it occurs in the corpus)', () => {
  it('drops the text of a simple field (w:fldSimple), with an unknown-element warning', async () => {
    const m = await extractDocx(buildDocx(p(`${r('编制日期：')}<w:fldSimple w:instr=" DATE "><w:r><w:t>2023年3月</w:t></w:r></w:fldSimple>`)), opts);
    expect(m.blocks[0]).toMatchObject({ text: '编制日期:' });
    expect(m.warnings.map((w) => w.message)).toEqual(['the DOCX holds <w:fldSimple> elements, which are not read']);
  });

  it('drops a w:sym character from a font that is not a symbol font', async () => {
    const m = await extractDocx(buildDocx(p(`${r('序号')}<w:r><w:sym w:font="宋体" w:char="2460"/></w:r>`)), opts);
    expect(m.blocks[0]).toMatchObject({ text: '序号' });
  });

  it('counts merge columns without w:gridBefore, so a continuation under a skipped column merges into the wrong cell', async () => {
    // Word: "c" sits in column 2 and continues "乙" (column 2). mammoth counts "c" as column 1 and merges it into "甲".
    const t = await firstTable(`<w:tbl><w:tr>${tc('甲', '<w:vMerge w:val="restart"/>')}${tc('乙', '<w:vMerge w:val="restart"/>')}</w:tr><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('c', '<w:vMerge/>')}</w:tr></w:tbl>`);
    expect(grid(t)).toEqual([[['甲', 2, 1], ['乙', 1, 1]], [['', 1, 1]]]);
  });

  it('drops a DrawingML text box that has no VML fallback', async () => {
    const box = `<w:r><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>${p(r('文本框里的说明'))}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>`;
    const m = await extractDocx(buildDocx(p(r('正文')) + p(box)), opts);
    expect(m.blocks.map((b) => b.kind !== 'table' && b.text)).toEqual(['正文']);
  });
});
