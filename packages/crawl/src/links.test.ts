import { describe, expect, it } from 'vitest';
import { extractAttachments, extractEntries, parseListDate } from './links.ts';
import { canonicalUrl, fileExtension } from './urls.ts';

const BASE = 'http://gov.example/col/czyjs/202301/t1.html';
const EXT = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'wps'];

describe('extractAttachments', () => {
  it('finds relative, absolute, onclick and query-named file links once each', () => {
    const html = `<div class="a">
      <a href="./P020230105.pdf">预算.pdf</a>
      <a href="./P020230105.pdf#page=2">again</a>
      <a href="/files/%E9%A2%84%E7%AE%97.XLSX">表</a>
      <a href="javascript:void(0)" onclick="downloadFile('/files/gbk/%B2%BF.doc')">决算</a>
      <a href="/download.jsp?id=1&name=x.wps">wps</a>
      <a href="./t2.html">not a file</a>
      <a href="mailto:a@b.c">mail</a>
    </div>`;
    expect(extractAttachments(html, BASE, '.a a', EXT)).toEqual([
      { url: 'http://gov.example/col/czyjs/202301/P020230105.pdf', text: '预算.pdf' },
      { url: 'http://gov.example/files/%E9%A2%84%E7%AE%97.XLSX', text: '表' },
      { url: 'http://gov.example/files/gbk/%B2%BF.doc', text: '决算' },
      { url: 'http://gov.example/download.jsp?id=1&name=x.wps', text: 'wps' },
    ]);
  });
});

describe('extractEntries', () => {
  it('reads title, link and date of each list item', () => {
    const html = `<ul class="list">
      <li><a href="./202301/t1.html" title="2023年部门预算">2023年部门…</a><span class="date">2023-01-05</span></li>
      <li><a href="javascript:;" onclick="window.open('/art/2.html')">2022年决算</a> [2022年7月1日]</li>
    </ul>`;
    expect(extractEntries(html, 'http://gov.example/col/index.html', { itemSelector: 'li', entrySelector: 'ul.list a', dateSelector: undefined })).toEqual([
      { url: 'http://gov.example/col/202301/t1.html', title: '2023年部门预算', date: '2023-01-05' },
      { url: 'http://gov.example/art/2.html', title: '2022年决算', date: '2022-07-01' },
    ]);
  });
});

describe('URL helpers', () => {
  it.each([
    ['HTTP://Gov.Example:80/a//b/./c.pdf#x', undefined, 'http://gov.example/a/b/c.pdf'],
    ['../x.html', 'http://h/a/b/c.html', 'http://h/a/x.html'],
    ['javascript:void(0)', 'http://h/', null],
    ['ftp://h/x.pdf', undefined, null],
  ])('canonicalizes %s', (href, base, out) => {
    expect(canonicalUrl(href, base)).toBe(out);
  });

  it('finds the file extension in the path or a query value', () => {
    expect(fileExtension('http://h/a/B.PDF')).toBe('pdf');
    expect(fileExtension('http://h/d.jsp?file=a.docx')).toBe('docx');
    expect(fileExtension('http://h/d/')).toBeNull();
  });

  it.each([
    ['2023-01-05', '2023-01-05'],
    ['[2023/1/5]', '2023-01-05'],
    ['发布日期：2023年1月5日', '2023-01-05'],
    ['2023.13.01', null],
    ['no date', null],
  ])('parses the list date %s', (text, iso) => {
    expect(parseListDate(text)).toBe(iso);
  });
});
