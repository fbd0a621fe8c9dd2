import { describe, expect, it } from 'vitest';
import { paragraph, table, cell } from './build.ts';
import { DOC_MODEL_VERSION, type DocumentModel } from './model.ts';
import { toStorableModel } from './storable.ts';

function model(blocks: DocumentModel['blocks'], title: string | null = null): DocumentModel {
  return { modelVersion: DOC_MODEL_VERSION, format: 'pdf', pageCount: 1, pages: [], blocks, metadata: { title }, warnings: [] };
}

describe('toStorableModel', () => {
  it('removes U+0000 and replaces lone surrogates everywhere in the model, with one text-sanitized warning', () => {
    const m = model([paragraph('预算\u0000收入'), table([[cell('a\uD800b'), cell('\uDC00')]])], 'title\u0000');
    const out = toStorableModel(m);
    expect(out.blocks[0]).toMatchObject({ text: '预算收入' });
    expect(out.blocks[1]).toMatchObject({ rows: [[{ text: 'a\uFFFDb' }, { text: '\uFFFD' }]] });
    expect(out.metadata.title).toBe('title');
    expect(out.warnings).toEqual([expect.objectContaining({ code: 'text-sanitized', message: expect.stringMatching(/^4 character/) })]);
    expect(JSON.stringify(out)).not.toMatch(/\\u0000|\\ud[89a-f]/i);
  });

  it('keeps well-formed pairs and returns a clean model unchanged', () => {
    const m = model([paragraph('𠀀 emoji 😀 ok')]);
    expect(toStorableModel(m)).toBe(m);
  });
});
