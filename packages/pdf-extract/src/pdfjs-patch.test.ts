import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The speed of PDF text extraction depends on patches/pdfjs-dist+5.5.207.patch, applied by the
 * root postinstall script (see patches/README.md). Nothing else would notice a missing patch:
 * the output is the same, only slower and (for CFF fonts) several times more memory.
 */
describe('the pdfjs-dist performance patch', () => {
  const worker = readFileSync(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'), 'utf8');

  it('clones the text state as a plain copy, not through a prototype chain', () => {
    expect(worker).toContain('const clone = Object.assign(new TextState(), this);');
    expect(worker).not.toContain('const clone = Object.assign(Object.create(this), this);');
  });

  it('inflates Flate streams synchronously instead of through DecompressionStream', () => {
    expect(worker).toMatch(/class FlateStream extends DecodeStream \{\s+#isAsync = false;/);
  });

  it('compiles CFF fonts into byte arrays, not into arrays of numbers grown by spreading', () => {
    expect(worker).toContain('data: new Uint8Array(1024),');
    expect(worker).not.toContain('this.data.push(...data);');
    expect(worker).not.toContain('data.push(...objects[i]);');
  });

  it('leaves the glyphs (and the glyph outlines) out of an operator list opened with operatorListWithoutGlyphs', async () => {
    const bytes = readFileSync(new URL('./__fixtures__/sideways-table-no-rotate.pdf', import.meta.url));
    const glyphCounts = async (operatorListWithoutGlyphs: boolean): Promise<number[]> => {
      const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, isEvalSupported: false, verbosity: 0, operatorListWithoutGlyphs } as Parameters<typeof getDocument>[0]).promise;
      const ops = await (await doc.getPage(1)).getOperatorList();
      await doc.destroy();
      // A showText's first argument holds glyph objects and, between them, spacing numbers.
      return ops.fnArray.flatMap((fn, i) => (fn === OPS.showText ? [(ops.argsArray[i] as unknown[][])[0]!.filter((g) => typeof g === 'object').length] : []));
    };
    const drawn = await glyphCounts(false);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.some((n) => n > 0)).toBe(true);
    const withoutGlyphs = await glyphCounts(true);
    expect(withoutGlyphs).toHaveLength(drawn.length);
    expect(withoutGlyphs.every((n) => n === 0)).toBe(true);
  });
});
