import { describe, expect, it } from 'vitest';
import { ExtractError } from '@budget-ingest/doc-model';
import { attr, decodeEntities, parseXml, textOf } from './xml.ts';

describe('parseXml', () => {
  it('decodes the predefined entities and character references once, in text and attributes', () => {
    const root = parseXml('<a v="x &amp; &#x4E00;">A &amp; B &lt;c&gt; &#x4E00;&#20108; &amp;#20108; &quot;q&quot;</a>', 'part');
    expect(textOf(root)).toBe('A & B <c> 一二 &#20108; "q"');
    expect(attr(root, 'v')).toBe('x & 一');
  });

  it('refuses a DTD, so no declared entity is ever expanded', () => {
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', 'part')).toThrow(ExtractError);
  });
});

describe('decodeEntities', () => {
  it('leaves unknown entities as they are', () => {
    expect(decodeEntities('&nbsp; &#0; &#xFFFFFFF;')).toBe('&nbsp; &#0; &#xFFFFFFF;');
  });
});
