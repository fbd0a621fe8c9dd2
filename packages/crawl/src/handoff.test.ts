import { describe, expect, it } from 'vitest';
import { detectChallenge } from './challenge.ts';
import { findHandoff } from './handoff.ts';

const PAGE = 'http://www.example.gov.cn/art/2023/3/1/art_1_2.html';
const page = (head: string, body = '') => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>2023年部门预算</title>${head}</head><body>${body}</body></html>`;

describe('findHandoff', () => {
  it.each([
    ['a meta refresh (TRS 转向链接)', page('<meta http-equiv="refresh" content="0;url=/upload/2023/a.pdf">'), 'http://www.example.gov.cn/upload/2023/a.pdf', 'meta-refresh'],
    ['a quoted meta refresh URL with a delay', page(`<meta http-equiv="Refresh" content="3; URL='../../../../files/b.docx'">`), 'http://www.example.gov.cn/files/b.docx', 'meta-refresh'],
    ['location.href (大汉 外链文章)', page("<script>location.href='https://www.example.gov.cn/col/col9/art_7.html';</script>"), 'https://www.example.gov.cn/col/col9/art_7.html', 'script'],
    ['window.location =', page('<script type="text/javascript">window.location = "/module/download/downfile.jsp?fileid=9";</script>'), 'http://www.example.gov.cn/module/download/downfile.jsp?fileid=9', 'script'],
    ['location.replace()', page('', '<script>window.location.replace("/zfxxgk/a.xlsx")</script><p>正在跳转</p>'), 'http://www.example.gov.cn/zfxxgk/a.xlsx', 'script'],
    ['relative to <base href>', page('<base href="http://www.example.gov.cn/xxgk/"><meta http-equiv="refresh" content="0;url=c.pdf">'), 'http://www.example.gov.cn/xxgk/c.pdf', 'meta-refresh'],
  ])('follows %s', (_what, html, target, how) => {
    expect(findHandoff(html, PAGE)).toEqual({ target, how });
  });

  it.each([
    ['a 加速乐 page that computes a cookie and reloads', "<html><body><script>document.cookie=('_')+('_')+('j')+'=1';location.href=location.pathname+location.search</script></body></html>"],
    ['a page that builds the URL in script', page('<script>var u="/a"+".pdf";location.href=u;</script>')],
    ['a 瑞数 page', page("<script r='m'>$_ts=window['$_ts'];location.href='/x.html';</script>")],
    ['an article with a navigation script', page("<script>function go(){location.href='/index.html'}</script>", `<div>${'本部门2023年预算收入支出情况说明。'.repeat(30)}</div>`)],
    ['a refresh to itself', page(`<meta http-equiv="refresh" content="300;url=${PAGE}">`)],
  ])('leaves %s alone', (_what, html) => {
    expect(findHandoff(html, PAGE)).toBeNull();
  });
});

describe('detectChallenge on error statuses', () => {
  it('sees a 加速乐 521 script and a 瑞数 412 VM without their cookies', () => {
    expect(detectChallenge({ status: 521, setCookies: [], body: "<html><body><script>document.cookie=('_')+('_')+('j')+'=1;path=/';location.href=location.pathname+location.search</script></body></html>" })).toEqual({
      kind: 'challenge-script',
      evidence: 'status 521, cookie set by script, then the page reloaded',
    });
    expect(detectChallenge({ status: 412, setCookies: [], body: "<html><head><meta id=\"x\" content=\"y\" r='m'><script r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};</script></head><body></body></html>" })?.evidence).toBe('status 412, 瑞数 $_ts VM');
  });
});
