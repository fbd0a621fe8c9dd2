import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectCharset, toText } from './charset.ts';

const gbkPage = iconv.encode('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>部门预算</body></html>', 'gbk');

describe('detectCharset', () => {
  it('prefers the Content-Type header, then <meta>, then sniffing', () => {
    expect(detectCharset(gbkPage, 'text/html; charset=GBK')).toEqual({ charset: 'gb18030', source: 'header' });
    expect(detectCharset(gbkPage, 'text/html')).toEqual({ charset: 'gb18030', source: 'meta' });
    expect(detectCharset(Buffer.from('<p>部门预算</p>'), null)).toEqual({ charset: 'utf-8', source: 'sniff' });
    expect(detectCharset(iconv.encode('<p>部门预算</p>', 'gbk'), null)).toEqual({ charset: 'gb18030', source: 'sniff' });
  });

  it('lets the portal override win and reads an XML declaration', () => {
    expect(detectCharset(Buffer.from('x'), 'text/html; charset=utf-8', 'gbk').source).toBe('override');
    expect(detectCharset(Buffer.from('<?xml version="1.0" encoding="GB2312"?><a/>'), null)).toEqual({ charset: 'gb18030', source: 'meta' });
  });

  it('decodes GB2312-labelled pages as GB18030, so characters outside GB2312 survive', () => {
    const page = iconv.encode('<meta charset="gb2312"><p>镕</p>', 'gb18030');
    expect(toText(page, 'text/html').text).toContain('镕');
    expect(toText(gbkPage, 'text/html').text).toContain('部门预算');
  });
});
