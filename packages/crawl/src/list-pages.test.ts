import { describe, expect, it } from 'vitest';
import { hanwebNextWindows, hanwebProxyUrl, parseHanwebXml, parseJsonList, parseTrsPagination, queryPageUrl, readJsonPath, trsPageUrls } from './list-pages.ts';

describe('TRS pagination', () => {
  it.each([
    ['createPageHTML(3, 0, "index", "html");', { pageCount: 3, prefix: 'index', ext: 'html' }],
    ["createPageHTML('page_div',5,1,'index','shtml',71)", { pageCount: 5, prefix: 'index', ext: 'shtml' }],
    ['createPageHTML( "7" , "0" , "list", "htm")', { pageCount: 7, prefix: 'list', ext: 'htm' }],
    ['<script>var x = 1;</script>', null],
  ])('reads %s', (html, expected) => {
    expect(parseTrsPagination(html)).toEqual(expected);
  });

  it('lists the pages after the first, capped at maxPages in all', () => {
    const p = { pageCount: 5, prefix: 'index', ext: 'html' };
    expect(trsPageUrls('http://h/col/czyjs/index.html', p, 3)).toEqual(['http://h/col/czyjs/index_1.html', 'http://h/col/czyjs/index_2.html']);
    expect(trsPageUrls('http://h/col/czyjs/', { ...p, pageCount: 1 }, 10)).toEqual([]);
  });
});

describe('Hanweb data proxy', () => {
  const cfg = { columnId: '123', unitId: '456', webId: '1', perPage: 15, pagesPerRequest: 3, proxyPath: '/module/web/jpage/dataproxy.jsp' };

  it('builds the proxy URL on the seed host and the windows after the first', () => {
    expect(hanwebProxyUrl('http://h/col/col123/index.html', cfg, 1, 45)).toBe('http://h/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15&columnid=123&unitid=456&webid=1');
    expect(hanwebNextWindows(cfg, 100, 100)).toEqual([
      [46, 90],
      [91, 100],
    ]);
    expect(hanwebNextWindows(cfg, 100, 4)).toEqual([[46, 60]]);
    expect(hanwebNextWindows(cfg, 20, 100)).toEqual([]);
  });

  it('reads entries from CDATA records and the total', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><datastore><recordset>
      <record><![CDATA[<li><a href="/art/2023/art_1.html" title="2023年部门预算">2023年部门预算</a><span>2023-02-10</span></li>]]></record>
      <record><![CDATA[<li><a href="/art/2022/art_2.html">2022年部门决算</a></li>]]></record>
    </recordset><totalrecord>31</totalrecord></datastore>`;
    const r = parseHanwebXml(xml, 'http://h/col/col123/index.html', { itemSelector: 'li', entrySelector: 'a' });
    expect(r.totalRecords).toBe(31);
    expect(r.entries).toEqual([
      { url: 'http://h/art/2023/art_1.html', title: '2023年部门预算', date: '2023-02-10' },
      { url: 'http://h/art/2022/art_2.html', title: '2022年部门决算', date: null },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('warns when the answer is not a data proxy document', () => {
    expect(parseHanwebXml('<html>error</html>', 'http://h/', { itemSelector: 'li', entrySelector: 'a' }).warnings.map((w) => w.code)).toEqual(['bad-xml']);
  });
});

describe('query and JSON lists', () => {
  it('sets the page parameter and keeps other query parameters', () => {
    expect(queryPageUrl('http://h/list.jsp?col=5', 'page', 2)).toBe('http://h/list.jsp?col=5&page=2');
    expect(queryPageUrl('http://h/list.jsp?page=1', 'page', 3)).toBe('http://h/list.jsp?page=3');
  });

  it('reads JSONPath-like fields', () => {
    const root = { data: { list: [{ a: { b: 'x' } }] } };
    expect(readJsonPath(root, '$.data.list[0].a.b')).toBe('x');
    expect(readJsonPath(root, 'data.missing.b')).toBeUndefined();
  });

  it('maps items with the configured fields and reports unusable ones', () => {
    const text = JSON.stringify({ data: { pages: 2, list: [{ link: '/d/1.html', title: '2023年部门预算', publishDate: '2023-01-20 10:00:00' }, { title: 'no link' }] } });
    const r = parseJsonList(text, 'http://h/api/list?page=1', { items: '$.data.list', fields: { url: 'link', title: 'title', date: 'publishDate' }, totalPages: '$.data.pages' });
    expect(r.entries).toEqual([{ url: 'http://h/d/1.html', title: '2023年部门预算', date: '2023-01-20' }]);
    expect(r.totalPages).toBe(2);
    expect(r.warnings.map((w) => w.code)).toEqual(['missing-field']);
    expect(parseJsonList('<html>', 'http://h/', { items: 'x', fields: { url: 'u', title: 't' } }).warnings.map((w) => w.code)).toEqual(['bad-json']);
  });
});
