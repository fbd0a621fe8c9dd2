import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXTRACT_LIMITS, toTextGrid, type DocumentModel, type HeadingBlock, type ParagraphBlock, type TableBlock } from '@budget-ingest/doc-model';
import { extractPdf } from './extract-pdf.ts';

const corpus = fileURLToPath(new URL('../../../test/fixtures/corpus/', import.meta.url));
const read = (path: string): Uint8Array => readFileSync(`${corpus}${path}`);
const limits = DEFAULT_EXTRACT_LIMITS;

const tables = (m: DocumentModel): TableBlock[] => m.blocks.filter((b): b is TableBlock => b.kind === 'table');
const textBlocks = (m: DocumentModel): (HeadingBlock | ParagraphBlock)[] => m.blocks.filter((b): b is HeadingBlock | ParagraphBlock => b.kind !== 'table');
const texts = (m: DocumentModel): string[] => textBlocks(m).map((b) => (b.kind === 'heading' ? `${b.numbering ?? ''}${b.text}` : b.text));
const paragraphWith = (m: DocumentModel, needle: string): HeadingBlock | ParagraphBlock | undefined => textBlocks(m).find((b) => b.text.includes(needle));

describe('extractPdf on the corpus documents', () => {
  let renhua: DocumentModel;
  let lusong: DocumentModel;
  let wanyuan: DocumentModel;
  beforeAll(async () => {
    [renhua, lusong, wanyuan] = await Promise.all([
      extractPdf(read('docs/renhua-2021-perf.pdf'), { limits }),
      extractPdf(read('docs/lusong-2023-perf.pdf'), { limits }),
      extractPdf(read('docs/wanyuan-2022-final-accounts.pdf'), { limits }),
    ]);
  });

  it('joins a sentence that continues over a page break and keeps numbers with their units', () => {
    const p = paragraphWith(renhua, '项目支出为1803.53万元');
    expect(p).toBeDefined();
    expect(p?.text).toContain('本年度,县医保局年度部门决算共1949.98万元,其中基本支出141.13万元,项目支出为1803.53万元,“三公”经费为5.32万元。');
    expect(paragraphWith(wanyuan, '2022年度收、支总计3688.59万元。')).toBeDefined();
  });

  it('joins the lines of a paragraph without layout spaces between Han characters', () => {
    const p = paragraphWith(renhua, '根据《仁化县机构改革方案》');
    expect(p?.text).toContain('我局于2019年3月13日组建,为正科级县政府组成部门,核定机关行政编制7名');
    expect(p?.text).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/u);
  });

  it('joins a paragraph broken by a page number at the foot of the page', () => {
    const p = paragraphWith(wanyuan, '2022年本年收入合计3688.59万元');
    expect(p?.text).toMatch(/其他收入0万元,占0%。$/u);
  });

  it('removes page numbers and running footers', () => {
    for (const m of [renhua, lusong, wanyuan]) {
      expect(texts(m).filter((t) => /^[-—\s]*\d{1,3}[-—\s]*$/u.test(t))).toEqual([]);
    }
  });

  it('recognises headings with their numbering as printed', () => {
    const headings = renhua.blocks.filter((b) => b.kind === 'heading');
    expect(headings).toContainEqual(expect.objectContaining({ numbering: '一、', text: '部门基本情况', page: 2 }));
    expect(headings).toContainEqual(expect.objectContaining({ numbering: '二、', text: '绩效自评情况', page: 4 }));
    expect(lusong.blocks).toContainEqual(expect.objectContaining({ kind: 'heading', numbering: '(一)', text: '主要职能', page: 1 }));
    expect(wanyuan.blocks).toContainEqual(expect.objectContaining({ kind: 'heading', numbering: '第二部分', text: '2022年度部门决算情况说明' }));
  });

  it('keeps numbered list items that are whole sentences as paragraphs', () => {
    expect(paragraphWith(lusong, '贯彻落实全省药品、医药耗材的招标采购政策并监督实施')?.kind).toBe('paragraph');
    expect(paragraphWith(lusong, '2023年预算一般公共预算拨款资金648.01万元')?.kind).toBe('paragraph');
  });

  it('joins the two lines of a centred title into one heading', () => {
    expect(lusong.blocks[0]).toMatchObject({ kind: 'heading', numbering: null, text: '2023年度株洲市芦淞区医疗保障局整体支出绩效自评报告', page: 1 });
  });

  it('keeps a paragraph whole when one of its lines starts with "(3)"', () => {
    expect(paragraphWith(wanyuan, '占本年支出合计的100%')?.text).toMatch(/\(3\)城乡居民参加基本医疗保险本级配套资金及困难群众医保个人缴费财政代缴资金进入一体化平台。$/u);
  });

  it('gives every block a page and a bounding box', () => {
    for (const b of [...renhua.blocks, ...lusong.blocks]) {
      expect(b.page).toBeGreaterThan(0);
      expect(b.bbox).toHaveLength(4);
    }
  });

  it('reads the lusong indicator table with its merged labels, joined across the page break', () => {
    const t = tables(lusong).find((x) => x.caption?.includes('整体支出绩效自评表'));
    expect(t).toBeDefined();
    expect(t!.page).toBe(10);
    expect(t!.pageEnd).toBe(11);
    const grid = toTextGrid(t!);
    expect(grid).toHaveLength(23);
    expect(grid.every((row) => row.length === 9)).toBe(true);
    expect(grid[10]).toEqual(['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
    expect(grid[11]).toEqual(['绩效指标', '产出指标(40分)', '数量指标', '城乡居民基本医保参保人数', '16.58万', '16.61万', '25', '25', '']);
    expect(grid[19]?.slice(1, 6)).toEqual(['成本指标(20分)', '经济成本指标', '基本支出', '108.01万元', '126.15万元']);
    // The row on page 11 continues the merged labels of page 10.
    expect(grid[21]?.slice(0, 4)).toEqual(['绩效指标', '成本指标(20分)', '生态环境成本指标', '无']);
    const cells = t!.rows.flat();
    expect(cells.find((c) => c.text === '绩效指标')).toMatchObject({ rowspan: 12, colspan: 1 });
    expect(cells.find((c) => c.text === '成本指标(20分)')).toMatchObject({ rowspan: 3, page: 10 });
    expect(cells.find((c) => c.text === '年度预算申请(万元)')).toMatchObject({ rowspan: 7 });
    expect(grid[22]).toEqual(['总分', '总分', '总分', '总分', '总分', '总分', '100', '96', '96']);
  });

  it('reads the wanyuan project indicator table', () => {
    const t = tables(wanyuan).find((x) => x.page === 27);
    expect(t?.caption).toBe('2022年部门预算项目绩效目标自评');
    const grid = toTextGrid(t!);
    expect(grid[0]).toEqual(['主管部门及代码', '220001', '220001', '220001', '实施单位', '万源市医疗保障局']);
    expect(grid[7]).toEqual(['年度绩效指标完成情况', '完成指标', '数量指标', '定点医院、定点诊所及药店监管', '237所', '240所']);
    expect(grid[14]).toEqual(['年度绩效指标完成情况', '满意度指标', '满意度指标', '服务对象满意度', '95%', '95%']);
  });

  it('keeps the text printed above a table as its caption and as a block', () => {
    const t = tables(lusong).find((x) => x.page === 9);
    expect(t?.caption).toBe('2023年度部门(单位)整体支出绩效评价基础数据表');
    expect(paragraphWith(lusong, '2023年度部门(单位)整体支出绩效评价基础数据表')).toBeDefined();
  });
});

describe('extractPdf on real budget PDFs', () => {
  it('reads a landscape budget table whose cells pdfjs reports as one run', async () => {
    const m = await extractPdf(read('real/shanghai-putuo-sifaju-2026-dept-budget.pdf'), { limits });
    expect(m.pages.find((p) => p.number === 10)?.width).toBeGreaterThan(m.pages.find((p) => p.number === 10)!.height);
    const t = tables(m).find((x) => x.page === 10)!;
    expect(t.caption).toBe('编制部门:上海市普陀区司法局 单位:元');
    const grid = toTextGrid(t);
    expect(grid[0]).toEqual(['本年收入', '本年收入', '本年支出', '本年支出']);
    expect(grid[2]).toEqual(['一、财政拨款收入', '96,282,213.44', '一、公共安全支出', '87,267,272.44']);
    expect(grid[grid.length - 1]).toEqual(['收入总计', '96,282,213.44', '支出总计', '96,282,213.44']);
  });

  it('reads pages turned to landscape with /Rotate 90 in display orientation', async () => {
    const m = await extractPdf(read('real/jiangsu-rendabangongting-2019-budget-tables.pdf'), { limits });
    expect(m.pages[2]).toMatchObject({ rotation: 90, width: 1191, height: 842 });
    const t = tables(m).find((x) => x.page === 3)!;
    expect(t.caption).toBe('部门: 江苏省人大常委会办公厅 单位:万元');
    expect(toTextGrid(t)).toEqual([
      ['合计', '基本支出', '项目支出', '单位预留机动经费', '结转下年资金'],
      ['18,330.37', '9,312.90', '6,459.58', '2,557.89', ''],
    ]);
  });

  it('joins a budget table continued on the next page without a repeated header', async () => {
    const m = await extractPdf(read('real/jiangsu-gaoyuan-2017-dept-budget.pdf'), { limits });
    const t = tables(m).find((x) => x.page === 15 && x.rows.length > 30)!;
    expect(t.pageEnd).toBe(16);
    const grid = toTextGrid(t);
    expect(grid).toHaveLength(34);
    expect(grid[0]).toEqual(['科目编码', '科目名称', '金额']);
    expect(grid[3]).toEqual(['30101', '基本工资', '2,509.00']);
    expect(grid[12]).toEqual(['30206', '电费', '235.00']);
    expect(grid[12]![0] && t.rows[12]![0]!.page).toBe(16);
    expect(m.warnings.some((w) => w.code === 'table-joined-across-pages')).toBe(true);
  });

  const corpusPdfs = [
    ...readdirSync(`${corpus}real`)
      .filter((f) => f.endsWith('.pdf'))
      .map((f) => `real/${f}`),
    'docs/renhua-2021-perf.pdf',
    'docs/lusong-2023-perf.pdf',
    'docs/wanyuan-2022-final-accounts.pdf',
  ];

  it.each(corpusPdfs)('extracts %s without throwing', async (f) => {
    const m = await extractPdf(read(f), { limits });
    expect(m.blocks.length).toBeGreaterThan(0);
    expect(m.pageCount).toBe(m.pages.length);
  });
});

describe('extractPdf on pages whose text does not read upright as displayed', () => {
  const fixture = (name: string): Uint8Array => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url));
  const onPage = (m: DocumentModel, page: number): string[] =>
    m.blocks.filter((b) => b.page === page).map((b) => (b.kind === 'table' ? toTextGrid(b).join('\n') : b.text));

  it('reads an upright page marked /Rotate 180 (qpdf --rotate=180 of renhua page 2) like the original page', async () => {
    const [turned, original] = await Promise.all([
      extractPdf(fixture('upright-page-marked-180.pdf'), { limits }),
      extractPdf(read('docs/renhua-2021-perf.pdf'), { limits }),
    ]);
    const [got, want] = [onPage(turned, 1), onPage(original, 2)];
    expect(got.slice(0, -1)).toEqual(want.slice(0, -1));
    // The page's last paragraph continues on page 3 of the original, not in the one-page fixture.
    expect(want.at(-1)!.startsWith(got.at(-1)!)).toBe(true);
    expect(turned.warnings).toContainEqual(expect.objectContaining({ code: 'page-turned', page: 1, message: expect.stringContaining('180°') }));
    expect(turned.pages[0]!.turn).toBe(180);
    expect(original.pages[1]!.turn).toBeUndefined();
  });

  it('reads a table drawn sideways on a page without /Rotate (lusong page 9 turned a quarter) cell by cell like the original', async () => {
    const [turned, original] = await Promise.all([
      extractPdf(fixture('sideways-table-no-rotate.pdf'), { limits }),
      extractPdf(read('docs/lusong-2023-perf.pdf'), { limits }),
    ]);
    const turnedTables = tables(turned);
    const originalTable = tables(original).find((t) => t.page === 9)!;
    expect(turnedTables).toHaveLength(1);
    // The original table continues on page 10; the fixture holds page 9 only.
    const rowsOn = (t: TableBlock, page: number) => t.rows.filter((r) => r[0]?.page === page).map((r) => r.map((c) => [c.text, c.rowspan, c.colspan]));
    expect(rowsOn(turnedTables[0]!, 1)).toEqual(rowsOn(originalTable, 9));
    expect(rowsOn(turnedTables[0]!, 1).length).toBeGreaterThan(10);
    // Displayed landscape (842 × 595) with its text running down the page; read in the portrait frame it was drawn in.
    expect(turned.pages[0]).toMatchObject({ width: original.pages[8]!.width, height: original.pages[8]!.height, rotation: 0, turn: 90 });
    expect(turned.warnings).toContainEqual(expect.objectContaining({ code: 'page-turned', page: 1 }));
  });
});

describe('extractPdf failures', () => {
  it('reports a scanned PDF as having no text layer', async () => {
    await expect(extractPdf(read('docs/lusong-2023-perf-scanned.pdf'), { limits })).rejects.toMatchObject({ name: 'ExtractError', code: 'no-text-layer', status: 'needs_ocr' });
  });

  it('reports a truncated PDF as corrupt', async () => {
    await expect(extractPdf(read('docs/renhua-2021-perf-broken.pdf'), { limits })).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('reports bytes that are not a PDF as corrupt', async () => {
    await expect(extractPdf(new TextEncoder().encode('hello, not a pdf'), { limits })).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('reports a password-protected PDF as encrypted', async () => {
    const bytes = readFileSync(new URL('./__fixtures__/encrypted.pdf', import.meta.url));
    await expect(extractPdf(bytes, { limits })).rejects.toMatchObject({ code: 'encrypted' });
  });

  it('names the MAX_PAGES ceiling when a PDF has too many pages', async () => {
    await expect(extractPdf(read('docs/renhua-2021-perf.pdf'), { limits: { ...limits, maxPages: 5 } })).rejects.toMatchObject({
      code: 'too-many-pages',
      message: expect.stringContaining('MAX_PAGES'),
    });
  });

  it('lets timers run while it reads a long document (a BullMQ worker must renew its job lock)', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const model = await extractPdf(read('docs/wanyuan-2022-final-accounts.pdf'), { limits });
      expect(model.pageCount).toBe(32);
    } finally {
      clearInterval(timer);
    }
    // The event loop gets a turn between pages; each page takes well over a millisecond.
    expect(ticks).toBeGreaterThanOrEqual(8);
  });

  it('names the time ceiling when extraction takes too long', async () => {
    await expect(extractPdf(read('docs/wanyuan-2022-final-accounts.pdf'), { limits: { ...limits, maxSecondsPerDocument: 0.001 } })).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('MAX_SECONDS_PER_DOCUMENT'),
    });
  });
});
