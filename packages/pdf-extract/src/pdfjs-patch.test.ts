import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

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
});
