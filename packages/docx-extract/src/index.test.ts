import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { extractErrorOf } from '@budget-ingest/doc-model/testing';
import { DEFAULT_EXTRACT_LIMITS, toTextGrid, type Block, type DocumentModel, type HeadingBlock, type TableBlock } from '@budget-ingest/doc-model';
import { extractDocx } from './index.ts';
import { buildDocx, writeZip } from './testing.ts';

const corpus = (name: string) => new URL(`../../../test/fixtures/corpus/docs/${name}`, import.meta.url);
const opts = { limits: DEFAULT_EXTRACT_LIMITS };
const load = async (name: string): Promise<DocumentModel> => extractDocx(new Uint8Array(await readFile(corpus(name))), opts);
const tables = (m: DocumentModel): TableBlock[] => m.blocks.filter((b): b is TableBlock => b.kind === 'table');
const headings = (m: DocumentModel): HeadingBlock[] => m.blocks.filter((b): b is HeadingBlock => b.kind === 'heading');
const byText = (m: DocumentModel, text: string): Block | undefined => m.blocks.find((b) => b.kind !== 'table' && b.text === text);

const p = (text: string, pPr = ''): string => `<w:p><w:pPr>${pPr}</w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const numbered = (text: string, numId: number, ilvl: number, style = ''): string =>
  p(text, `${style ? `<w:pStyle w:val="${style}"/>` : ''}<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);

const NUMBERING = `
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/></w:lvlOverride></w:num>`;

const STYLES = `
<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="a1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Custom2"><w:name w:val="My Heading"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListHead"><w:name w:val="List Head"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>`;

describe('extractDocx on the corpus', () => {
  it('keeps heading numbering split from the heading text, with levels from the Word heading styles', async () => {
    const m = await load('lusong-2023-perf.docx');
    const hs = headings(m);
    expect(hs[0]).toMatchObject({ numbering: null, text: '2023年度株洲市芦淞区医疗保障局整体支出绩效自评报告', level: 1, page: null });
    expect(hs[1]).toMatchObject({ numbering: '一、', text: '单位基本情况', level: 2 });
    expect(hs[2]).toMatchObject({ numbering: '(一)', text: '主要职能', level: 3 });
    expect(hs.find((h) => h.text === '加强党建引领,队伍建设扎实推进')).toMatchObject({ numbering: '1.', level: 4 });
  });

  it('keeps numbered sentences as whole paragraphs, not headings', async () => {
    const m = await load('lusong-2023-perf.docx');
    expect(byText(m, '1.2023年预算一般公共预算拨款资金648.01万元。')?.kind).toBe('paragraph');
    expect(byText(m, '(二)预算编制工作有待细化。预算编制不够明确和细化,预算编制的合理性需要提高。预算执行力度还要进一步加强。')?.kind).toBe('paragraph');
  });

  it('reads the wide indicator table of lusong with its vertical merged labels', async () => {
    const m = await load('lusong-2023-perf.docx');
    const t = tables(m)[1]!;
    expect(t.caption).toBe('2023年度部门(单位)整体支出绩效自评表');
    const grid = toTextGrid(t);
    expect(grid).toHaveLength(23);
    expect(grid.every((r) => r.length === 9)).toBe(true);
    const header = grid.findIndex((r) => r[1] === '一级指标');
    expect(grid[header]).toEqual(['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
    // 绩效指标 spans the header and the 11 indicator rows; 产出指标 spans three rows.
    const label = t.rows[header]![0]!;
    expect(label).toMatchObject({ text: '绩效指标', rowspan: 12, colspan: 1 });
    expect(t.rows[header + 1]![0]).toMatchObject({ text: '产出指标(40分)', rowspan: 3 });
    expect(grid[header + 1]).toEqual(['绩效指标', '产出指标(40分)', '数量指标', '城乡居民基本医保参保人数', '16.58万', '16.61万', '25', '25', '']);
    expect(grid[header + 2]!.slice(1, 3)).toEqual(['产出指标(40分)', '质量指标']);
    expect(grid[header + 5]!.slice(1, 6)).toEqual(['效益指标(20分)', '社会效益指标', '城乡居民基本医保参保率', '95%', '96.74%']);
    expect(grid[header + 9]!.slice(1, 9)).toEqual(['成本指标(20分)', '经济成本指标', '基本支出', '108.01万元', '126.15万元', '10', '9', '合理编制预算']);
    expect(t.rows.at(-1)).toMatchObject([{ text: '总分', colspan: 6 }, { text: '100' }, { text: '96', colspan: 2 }]);
  });

  it('reads the budget figures of the lusong base-data table with horizontal merges', async () => {
    const t = tables(await load('lusong-2023-perf.docx'))[0]!;
    expect(t.caption).toBe('2023年度部门(单位)整体支出绩效评价基础数据表');
    const grid = toTextGrid(t);
    expect(grid[0]!.length).toBe(7);
    expect(t.rows[0]![0]).toMatchObject({ text: '财政供养人员情况(人)', rowspan: 2 });
    const row = grid.find((r) => r[0] === '项目支出:');
    expect(row).toEqual(['项目支出:', '366.69', '366.69', '540', '540', '187.18', '187.18']);
    expect(grid.find((r) => r[0] === '政府采购金额')).toEqual(['政府采购金额', '——', '——', '20.5', '20.5', '18.41', '18.41']);
  });

  it('reads the budget and indicator table of wanyuan with merged labels filled down', async () => {
    const m = await load('wanyuan-2022-final-accounts.docx');
    const [t] = tables(m);
    expect(t!.caption).toBe('2022年部门预算项目绩效目标自评');
    const grid = toTextGrid(t!);
    expect(grid[1]!.slice(0, 3)).toEqual(['项目预算执行情况 (万元)', '预算数:', '3688.59']);
    const rows = grid.filter((r) => r[0] === '年度绩效指标完成情况' && r[1] !== '一级指标');
    expect(rows.map((r) => r.slice(1, 3))).toEqual([
      ['完成指标', '数量指标'],
      ['完成指标', '数量指标'],
      ['完成指标', '数量指标'],
      ['完成指标', '质量指标'],
      ['完成指标', '时效指标'],
      ['效益指标', '社会效益指标'],
      ['效益指标', '可持续发展指标'],
      ['满意度指标', '满意度指标'],
    ]);
    expect(rows[0]!.slice(3)).toEqual(['定点医院、定点诊所及药店监管', '237所', '240所']);
    expect(rows[1]!.slice(3)).toEqual(['外伤调查人数', '1800 人次', '1848 人次']);
  });

  it('finds the parts and numbered headings of a final-accounts document but not its table of contents', async () => {
    const m = await load('wanyuan-2022-final-accounts.docx');
    expect(headings(m).find((h) => h.numbering === '第一部分')).toMatchObject({ text: '部门概况', level: 1 });
    expect(m.blocks.some((b) => b.kind === 'heading' && b.text.includes('.....'))).toBe(false);
    expect(byText(m, '第一部分 部门概况..... 4')?.kind).toBe('paragraph');
    expect(m.metadata.title).toBe('2022年度四川省万源市医疗保障局部门决算');
    expect(m.warnings).toEqual([]);
  });
});

describe('extractDocx on hand-built documents', () => {
  it('rebuilds the numbers of Word automatic numbering from numbering.xml', async () => {
    const body = [
      numbered('部门职责', 1, 0, 'a1'),
      numbered('主要职能', 1, 1),
      numbered('贯彻落实', 1, 2),
      numbered('细项', 1, 3),
      numbered('再一项', 1, 2),
      numbered('机构设置', 1, 0, 'a1'),
      numbered('人员情况', 1, 1),
      numbered('这是一个很长的列表段落，带有句号，说明了许多具体的工作内容和预算执行情况。', 1, 2),
    ].join('');
    const m = await extractDocx(buildDocx(body, { styles: STYLES, numbering: NUMBERING }), opts);
    expect(m.blocks.map((b) => (b.kind === 'heading' ? [b.numbering, b.text, b.level] : [b.kind, b.kind === 'paragraph' ? b.text : '']))).toEqual([
      ['一、', '部门职责', 1],
      ['(一)', '主要职能', null],
      ['1.', '贯彻落实', null],
      ['(1)', '细项', null],
      ['2.', '再一项', null],
      ['二、', '机构设置', 1],
      ['(一)', '人员情况', null],
      ['paragraph', '1. 这是一个很长的列表段落,带有句号,说明了许多具体的工作内容和预算执行情况。'],
    ]);
  });

  it('takes numbering and outline level from the paragraph style, and honours a start override', async () => {
    const body = [p('总述', '<w:pStyle w:val="ListHead"/>'), p('分述', '<w:pStyle w:val="ListHead"/>'), numbered('第九项', 3, 0), p('小标题', '<w:pStyle w:val="Custom2"/>'), p('项目', '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>')].join('');
    const m = await extractDocx(buildDocx(body, { styles: STYLES, numbering: NUMBERING }), opts);
    expect(m.blocks[0]).toMatchObject({ kind: 'heading', numbering: '一、', text: '总述', level: 1 });
    expect(m.blocks[1]).toMatchObject({ kind: 'heading', numbering: '二、', text: '分述', level: 1 });
    expect(m.blocks[2]).toMatchObject({ kind: 'heading', numbering: '九、', text: '第九项' });
    expect(m.blocks[3]).toMatchObject({ kind: 'heading', numbering: null, text: '小标题', level: 2 });
    // A bullet is not a number: the paragraph keeps its text alone.
    expect(m.blocks[4]).toMatchObject({ kind: 'paragraph', text: '项目' });
  });

  it('takes a short line set well above the body text size for a heading, as a PDF reader would', async () => {
    const big = (t: string) => `<w:p><w:r><w:rPr><w:sz w:val="44"/></w:rPr><w:t>${t}</w:t></w:r></w:p>`;
    const body = [big('部门决算'), p('正文第一段，说明收支情况。'), p('正文第二段，说明预算执行。'), big('大字号的完整句子。')].join('');
    const m = await extractDocx(buildDocx(body, { styles: '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="30"/></w:rPr></w:rPrDefault></w:docDefaults>' }), opts);
    expect(m.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'paragraph', 'paragraph']);
    expect(m.blocks[0]).toMatchObject({ numbering: null, text: '部门决算', level: null });
  });

  it('warns when a paragraph points at numbering that numbering.xml does not define', async () => {
    const m = await extractDocx(buildDocx(numbered('孤立的编号', 7, 0)), opts);
    expect(m.blocks[0]).toMatchObject({ kind: 'paragraph', text: '孤立的编号' });
    expect(m.warnings.map((w) => w.code)).toEqual(['numbering-unresolved']);
  });

  it('reads gridSpan, vMerge and gridBefore into rowspan and colspan', async () => {
    const tc = (text: string, tcPr = '') => `<w:tc><w:tcPr>${tcPr}</w:tcPr>${p(text)}</w:tc>`;
    const tbl = `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
      <w:tr>${tc('一级', '<w:vMerge w:val="restart"/>')}${tc('标题', '<w:gridSpan w:val="2"/>')}</w:tr>
      <w:tr>${tc('', '<w:vMerge/>')}${tc('a')}${tc('b')}</w:tr>
      <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('c')}${tc('d')}</w:tr>
    </w:tbl>`;
    const m = await extractDocx(buildDocx(p('单位：万元') + tbl), opts);
    const t = m.blocks[1] as TableBlock;
    expect(m.blocks[0]).toMatchObject({ kind: 'paragraph', text: '单位:万元' });
    expect(t.caption).toBe('单位:万元');
    expect(t.rows.map((r) => r.map((c) => [c.text, c.rowspan, c.colspan]))).toEqual([
      [['一级', 2, 1], ['标题', 1, 2]],
      [['a', 1, 1], ['b', 1, 1]],
      [['', 1, 1], ['c', 1, 1], ['d', 1, 1]],
    ]);
    expect(toTextGrid(t)).toEqual([['一级', '标题', '标题'], ['一级', 'a', 'b'], ['', 'c', 'd']]);
  });

  it('clamps a claimed gridSpan or gridBefore to the width of the table grid, so the model is as small as the file', async () => {
    const tc = (text: string, tcPr = '') => `<w:tc><w:tcPr>${tcPr}</w:tcPr>${p(text)}</w:tc>`;
    const tbl = `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>
      <w:tr>${tc('项目', '<w:gridSpan w:val="2147483647"/>')}</w:tr>
      <w:tr>${tc('收入', '<w:vMerge w:val="restart"/>')}${tc('100', '<w:gridSpan w:val="99999999"/>')}</w:tr>
      <w:tr><w:trPr><w:gridBefore w:val="2000000000"/></w:trPr>${tc('', '<w:vMerge/>')}${tc('200')}</w:tr>
    </w:tbl>`;
    const started = performance.now();
    const m = await extractDocx(buildDocx(p('表') + tbl), opts);
    const t = m.blocks[1] as TableBlock;
    expect(t.rows.map((r) => r.map((c) => [c.text, c.rowspan, c.colspan]))).toEqual([[['项目', 1, 2]], [['收入', 2, 1], ['100', 1, 1]], [['200', 1, 1]]]);
    expect(toTextGrid(t)).toEqual([['项目', '项目'], ['收入', '100'], ['收入', '200']]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('normalises text with NFKC and joins line breaks without spaces between CJK characters', async () => {
    const body = '<w:p><w:r><w:t>２０２３年度</w:t></w:r><w:r><w:br/><w:t>⼀般公共预算</w:t><w:tab/><w:t>１２３．４５万元</w:t></w:r></w:p>';
    const m = await extractDocx(buildDocx(body), opts);
    expect(m.blocks[0]).toMatchObject({ kind: 'paragraph', text: '2023年度一般公共预算 123.45万元' });
  });

  it('skips deleted text and field codes but keeps inserted text and hyperlinks', async () => {
    const body = '<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del><w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:instrText>PAGE</w:instrText></w:r><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>';
    const m = await extractDocx(buildDocx(body), opts);
    expect(m.blocks[0]).toMatchObject({ text: '保留插入链接' });
    expect(m.warnings).toEqual([]);
  });

  it('refuses XML that declares entities, so nothing is expanded', async () => {
    const files = [
      { name: 'word/document.xml', data: '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>' },
    ];
    const err = await extractErrorOf(extractDocx(writeZip(files), opts));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/entit/);
  });

  it('fails fast on a zip-bomb DOCX whose document.xml lies about its size', async () => {
    const docx = buildDocx(p('x'));
    const bomb = writeZip([{ name: 'word/document.xml', data: new Uint8Array(64 * 1024 * 1024), declaredSize: 2048 }]);
    expect(docx.length).toBeGreaterThan(0);
    const start = performance.now();
    const err = await extractErrorOf(extractDocx(bomb, opts));
    expect(err.code).toBe('zip-bomb');
    expect(err.message).toMatch(/MAX_UNCOMPRESSED_BYTES|declared/);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('names the ceiling when a DOCX holds more entries than allowed', async () => {
    const err = await extractErrorOf(extractDocx(buildDocx(p('x')), { limits: { ...DEFAULT_EXTRACT_LIMITS, maxZipEntries: 2 } }));
    expect(err).toMatchObject({ code: 'zip-bomb' });
    expect(err.message).toMatch(/MAX_ZIP_ENTRIES/);
  });

  it('calls a ZIP without a Word document corrupt and a body without text empty', async () => {
    expect((await extractErrorOf(extractDocx(writeZip([{ name: 'a.txt', data: 'x' }]), opts))).code).toBe('corrupt');
    expect((await extractErrorOf(extractDocx(buildDocx('<w:p/>'), opts))).code).toBe('empty');
  });

  it('reports a DOCX holding only pictures of pages (a scan saved as Word) as needing OCR', async () => {
    const scan = buildDocx('<w:p><w:r><w:drawing/></w:r></w:p><w:p><w:r><w:drawing/></w:r></w:p>');
    expect(await extractErrorOf(extractDocx(scan, opts))).toMatchObject({ code: 'no-text-layer', status: 'needs_ocr', message: expect.stringContaining('2 picture(s) and no text') });
  });

  it('reports unknown body elements once as warnings and still converts the rest', async () => {
    const m = await extractDocx(buildDocx(`<w:mystery/>${p('正文')}<w:mystery/>`), opts);
    expect(m.blocks).toHaveLength(1);
    expect(m.warnings.map((w) => w.code)).toEqual(['unknown-element']);
  });
});
