import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fileNameFromUrl, parseContentDispositionFileName } from './content-disposition.ts';

const latin1 = (b: Buffer) => b.toString('latin1');

describe('parseContentDispositionFileName', () => {
  it.each([
    [`attachment; filename*=UTF-8''%E5%86%B3%E7%AE%97%E8%AF%B4%E6%98%8E.docx`, '决算说明.docx'],
    [`attachment; filename="a.docx"; filename*=UTF-8''%E5%86%B3%E7%AE%97.docx`, '决算.docx'],
    [`attachment; filename*=GBK''%BE%F6%CB%E3.doc`, '决算.doc'],
    ['attachment; filename="%E9%A2%84%E7%AE%97.pdf"', '预算.pdf'],
    ['attachment; filename=plain.pdf', 'plain.pdf'],
    ['inline; filename="../../etc/passwd"', 'passwd'],
  ])('reads %s as %s', (header, name) => {
    expect(parseContentDispositionFileName(header)).toBe(name);
  });

  it('recovers raw GBK and raw UTF-8 bytes sent unencoded', () => {
    expect(parseContentDispositionFileName(latin1(Buffer.concat([Buffer.from('attachment; filename="'), iconv.encode('项目绩效自评.pdf', 'gbk'), Buffer.from('"')])))).toBe('项目绩效自评.pdf');
    expect(parseContentDispositionFileName(latin1(Buffer.from('attachment; filename="部门预算.xlsx"')))).toBe('部门预算.xlsx');
  });

  it('returns null without a file name', () => {
    expect(parseContentDispositionFileName('attachment')).toBeNull();
    expect(parseContentDispositionFileName(null)).toBeNull();
  });
});

describe('fileNameFromUrl', () => {
  it('decodes UTF-8 and GBK percent-encoded names', () => {
    expect(fileNameFromUrl('http://h/files/%E9%83%A8%E9%97%A8%E9%A2%84%E7%AE%97%E8%A1%A8.xlsx')).toBe('部门预算表.xlsx');
    expect(fileNameFromUrl('http://h/files/gbk/%B2%BF%C3%C5%BE%F6%CB%E3.doc')).toBe('部门决算.doc');
    expect(fileNameFromUrl('http://h/P020230105.pdf')).toBe('P020230105.pdf');
  });
});
