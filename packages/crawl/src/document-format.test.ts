import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judgeDocument } from './document-format.ts';

const corpus = (name: string) => readFileSync(new URL(`../../../test/fixtures/corpus/docs/${name}`, import.meta.url));
const facts = (bytes: Buffer, contentType: string | null, declaredExtensions: string[] = []) => ({ head: bytes.subarray(0, 65536), tail: bytes.subarray(Math.max(0, bytes.length - 65536)), contentType, declaredExtensions });

describe('judgeDocument', () => {
  it.each([
    ['a PDF sent as octet-stream', 'pdf', corpus('renhua-2021-perf.pdf'), 'application/octet-stream', []],
    ['a DOCX with no name', 'docx', corpus('lusong-2023-perf.docx'), 'application/octet-stream', []],
    ['an XLSX labelled as a Word file', 'xlsx', corpus('lusong-2023-table.xlsx'), 'application/msword', ['docx']],
    ['a DOC (OLE2) behind a .jsp', 'doc', corpus('wanyuan-2022-final-accounts.doc'), 'application/octet-stream', ['jsp']],
    ['an OLE2 file whose name says .xls', 'xls', corpus('wanyuan-2022-final-accounts.doc'), null, ['xls']],
    ['unknown bytes with a document Content-Type', 'pdf', Buffer.from('????'), 'application/pdf; charset=binary', []],
  ])('takes %s as .%s', (_what, ext, bytes, type, declared) => {
    expect(judgeDocument(facts(bytes, type, declared))).toMatchObject({ document: true, extension: ext });
  });

  it.each([
    ['an HTML page, whatever it is labelled', Buffer.from('\ufeff  <!DOCTYPE html><html><body>原文</body></html>'), 'application/octet-stream', true, /an HTML page/],
    ['an image', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg', false, /not a document: image\/jpeg/],
    ['plain text', Buffer.from('file not found'), 'text/plain', false, /not a document: text\/plain/],
  ])('refuses %s, saying why', (_what, bytes, type, html, why) => {
    const v = judgeDocument(facts(bytes, type));
    expect(v).toMatchObject({ document: false, html });
    expect(v.document ? '' : v.evidence).toMatch(why);
  });
});
