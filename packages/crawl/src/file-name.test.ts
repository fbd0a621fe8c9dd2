import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { chooseFileName } from './file-name.ts';

const gbkHeader = (name: string) => `attachment; filename="${iconv.encode(name, 'gbk').toString('latin1')}"`;

describe('chooseFileName', () => {
  it.each([
    ['RFC 5987 UTF-8', `attachment; filename*=UTF-8''${encodeURIComponent('决算说明.docx')}`, 'http://h/down.jsp?id=1', '下载', 'docx', '决算说明.docx'],
    ['raw GBK', gbkHeader('县水利局绩效自评表.docx'), 'http://h/download?id=78', '附件2', 'docx', '县水利局绩效自评表.docx'],
    ['a header name without extension', 'attachment; filename="report"', 'http://h/d?id=1', '', 'pdf', 'report.pdf'],
    ['a header name the bytes contradict', 'attachment; filename="表.xls"', 'http://h/d?id=1', '', 'xlsx', '表.xlsx'],
    ['a readable URL name ending in a script', null, 'http://h/attach/%E8%87%AA%E8%AF%84%E6%8A%A5%E5%91%8A.pdf.jsp', '自评报告', 'pdf', '自评报告.pdf'],
    ['the link text with the sniffed extension', null, 'http://h/module/download/downfile.jsp?fileid=79', '2021年县水利局绩效自评表', 'docx', '2021年县水利局绩效自评表.docx'],
    ['link text that already names the file', null, 'http://h/P020230105.pdf', '2023年部门预算.pdf', 'pdf', '2023年部门预算.pdf'],
    ['a dotted title', null, 'http://h/d?id=2', '预算说明v1.2', 'pdf', '预算说明v1.2.pdf'],
    ['the URL name when there is nothing else', null, 'http://h/files/downfile.jsp?id=3', '', 'pdf', 'downfile.pdf'],
    ['an unsniffed file keeps its URL name', null, 'http://h/files/a.wps', '', null, 'a.wps'],
  ])('from %s', (_what, disposition, url, text, sniffed, name) => {
    expect(chooseFileName(disposition, url, text, sniffed)).toBe(name);
  });

  it.each([
    ['附件1 as link text, a serial URL name', null, 'http://h/upload/P020230301.pdf', '附件1', 'pdf', '2023年县林业局部门预算', '2023年县林业局部门预算-附件1.pdf'],
    ['a bare number from Content-Disposition, 点击下载 as link text', 'attachment; filename="1.pdf"', 'http://h/download.jsp?id=2', '点击下载', 'pdf', '2023年县交通局部门预算', '2023年县交通局部门预算-点击下载.pdf'],
    ['附件1.pdf from Content-Disposition, no link text', gbkHeader('附件1.pdf'), 'http://h/download.jsp?id=3', '', 'pdf', '2022年县水利局部门决算', '2022年县水利局部门决算-附件1.pdf'],
    ['a telling link text beside a generic header name', 'attachment; filename="附件2.xls"', 'http://h/d?id=4', '2023年部门预算表', 'xls', '2023年部门预算', '2023年部门预算表.xls'],
    ['下载 with no title to name it after', null, 'http://h/download?id=5', '下载', 'pdf', null, '下载.pdf'],
  ])('names a generic attachment after its entry: %s', (_what, disposition, url, text, sniffed, title, name) => {
    expect(chooseFileName(disposition, url, text, sniffed, title)).toBe(name);
  });

  it('keeps a name within 200 bytes of UTF-8, cutting the stem, never the extension', () => {
    const name = chooseFileName(null, 'http://h/download?id=6', '附件1', 'pdf', '很长的标题'.repeat(30));
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name).toMatch(/^很长的标题.*\.pdf$/);
  });
});
