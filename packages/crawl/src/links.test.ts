import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT_WORDS, DEFAULT_DOWNLOAD_PATTERNS } from './attachment-links.ts';
import { extractAttachments, extractEntries, extractLinks, parseListDate, unwrapViewer } from './links.ts';
import { canonicalUrl, fileExtension } from './urls.ts';

const BASE = 'http://gov.example/col/czyjs/202301/t1.html';
const RULES = { extensions: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'wps'], downloadPatterns: DEFAULT_DOWNLOAD_PATTERNS, documentWords: DEFAULT_DOCUMENT_WORDS };

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
    expect(extractAttachments(html, BASE, '.a a', RULES).map(({ url, text }) => ({ url, text }))).toEqual([
      { url: 'http://gov.example/col/czyjs/202301/P020230105.pdf', text: '预算.pdf' },
      { url: 'http://gov.example/files/%E9%A2%84%E7%AE%97.XLSX', text: '表' },
      { url: 'http://gov.example/files/gbk/%B2%BF.doc', text: '决算' },
      { url: 'http://gov.example/download.jsp?id=1&name=x.wps', text: 'wps' },
    ]);
  });

  it('takes extension-less links and download scripts as candidates when the text names a document or the URL matches a download pattern, and says why', () => {
    const html = `<div class="a">
      <a href="/module/download/downfile.jsp?fileid=7">下载</a>
      <a href="/download?id=5">附件</a>
      <a href="/getdoc?id=9">2023年部门预算</a>
      <a href="/view?id=3">原文.PDF</a>
      <a href="/art/2.html">2022年部门决算</a>
      <a href="/share?id=1">分享</a>
      <a href="/portal.do?m=1">首页</a>
    </div>`;
    const got = extractAttachments(html, BASE, '.a a', RULES).map((l) => [new URL(l.url).pathname, l.candidate, l.why]);
    expect(got).toEqual([
      ['/module/download/downfile.jsp', true, 'candidate: URL matches download pattern /down(load|file)/'],
      ['/download', true, 'candidate: link text names a document ("附件")'],
      ['/getdoc', true, 'candidate: link text names a document ("部门预算")'],
      ['/view', true, 'candidate: link text names a document (".PDF")'],
    ]);
  });

  it('lets the portal config name its own download scripts', () => {
    const html = '<a href="/servlet/Fetch?fid=1">x</a>';
    expect(extractAttachments(html, BASE, 'a', RULES)).toEqual([]);
    expect(extractAttachments(html, BASE, 'a', { ...RULES, downloadPatterns: ['servlet/fetch'] }).map((l) => l.why)).toEqual(['candidate: URL matches download pattern /servlet/fetch/']);
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

describe('links as a browser resolves them', () => {
  const VIEWERS = [{ path: '/viewer\\.html?$', param: 'file' }];

  it('resolves entries and attachments against <base href>, not the page URL', () => {
    const html = '<html><head><base href="http://gov.example/art/2023/"></head><body><ul><li><a href="art_1.html">2023年部门预算</a></li></ul><div class="a"><a href="../../upload/a.pdf">附件1</a></div></body></html>';
    expect(extractEntries(html, 'http://gov.example/content/x.html', { itemSelector: 'li', entrySelector: 'ul a' }).map((e) => e.url)).toEqual(['http://gov.example/art/2023/art_1.html']);
    expect(extractLinks(html, 'http://gov.example/content/x.html', '.a a').map((l) => l.url)).toEqual(['http://gov.example/upload/a.pdf']);
  });

  it('takes documents shown in an <iframe>, <embed> or <object>, and what a pdf.js viewer shows, once each', () => {
    const html = `<div class="a"><a href="/pdfjs/web/viewer.html?file=%2Fupload%2Fb.pdf">在线预览</a></div>
      <iframe src="/static/pdfjs/web/viewer.html?file=../../../upload/c.pdf"></iframe>
      <object data="/upload/d.pdf"><embed src="/upload/d.pdf"></object>
      <iframe src="https://share.example.com/widget.html"></iframe>`;
    expect(extractLinks(html, BASE, '.a a', { embeds: true, viewers: VIEWERS }).map((l) => l.url)).toEqual([
      'http://gov.example/upload/b.pdf',
      'http://gov.example/upload/c.pdf',
      'https://share.example.com/widget.html',
      'http://gov.example/upload/d.pdf',
    ]);
    expect(extractLinks(html, BASE, '.a a').map((l) => l.url)).toEqual(['http://gov.example/pdfjs/web/viewer.html?file=%2Fupload%2Fb.pdf']);
  });

  it('leaves a URL that is no viewer as it is', () => {
    expect(unwrapViewer('http://h/a/index.html?file=x.pdf', VIEWERS)).toBe('http://h/a/index.html?file=x.pdf');
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
