import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTRACT_LIMITS, ExtractError } from '@budget-ingest/doc-model';
import { checkZipBombSafe, openZip } from './zip.ts';
import { writeZip } from './testing.ts';

const limits = { maxUncompressedBytes: 1024 * 1024, maxZipEntries: 10 };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof ExtractError ? err.code : 'not-an-extract-error';
  }
  return undefined;
}

describe('openZip', () => {
  it('reads the entries of a well-formed archive and counts the inflated bytes', () => {
    const zip = openZip(writeZip([{ name: 'a.txt', data: '你好' }, { name: 'dir/b.xml', data: '<x/>' }]), limits);
    expect(zip.entries.map((e) => e.name)).toEqual(['a.txt', 'dir/b.xml']);
    expect(zip.readText('a.txt')).toBe('你好');
    expect(zip.read('missing')).toBeNull();
    expect(zip.inflatedBytes()).toBe(6);
  });

  it('refuses an archive with more entries than MAX_ZIP_ENTRIES before inflating anything', () => {
    const files = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: 'x' }));
    expect(() => openZip(writeZip(files), limits)).toThrow(/MAX_ZIP_ENTRIES/);
    expect(codeOf(() => openZip(writeZip(files), limits))).toBe('zip-bomb');
  });

  it('refuses an archive whose declared sizes add up past MAX_UNCOMPRESSED_BYTES', () => {
    const bytes = writeZip([{ name: 'a', data: 'x', declaredSize: 600_000 }, { name: 'b', data: 'y', declaredSize: 600_000 }]);
    expect(codeOf(() => openZip(bytes, limits))).toBe('zip-bomb');
  });

  it('stops inflating an entry that grows past its declared size, with bounded memory', () => {
    // 64 MB of zeros deflate to ~64 KB; the header claims 1 KB.
    const bomb = writeZip([{ name: 'word/document.xml', data: new Uint8Array(64 * 1024 * 1024), declaredSize: 1024 }]);
    const before = process.memoryUsage().rss;
    const start = performance.now();
    expect(codeOf(() => openZip(bomb, DEFAULT_EXTRACT_LIMITS).read('word/document.xml'))).toBe('zip-bomb');
    expect(performance.now() - start).toBeLessThan(1000);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('stops at the archive ceiling even when every header tells the truth', () => {
    const bytes = writeZip([{ name: 'a', data: new Uint8Array(800_000) }, { name: 'b', data: new Uint8Array(100_000) }]);
    const tight = { maxUncompressedBytes: 850_000, maxZipEntries: 10 };
    expect(codeOf(() => openZip(bytes, tight))).toBe('zip-bomb');
  });

  it('calls a truncated or non-ZIP file corrupt', () => {
    const good = writeZip([{ name: 'a', data: 'hello world' }]);
    expect(codeOf(() => openZip(good.subarray(0, 20), limits))).toBe('corrupt');
    expect(codeOf(() => openZip(new TextEncoder().encode('%PDF-1.7 not a zip'), limits))).toBe('corrupt');
  });

  it('proves a whole archive safe by inflating every entry once', () => {
    expect(() => checkZipBombSafe(writeZip([{ name: 'a', data: 'ok' }]), limits)).not.toThrow();
    const bomb = writeZip([{ name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(5 * 1024 * 1024), declaredSize: 10 }]);
    expect(codeOf(() => checkZipBombSafe(bomb, limits))).toBe('zip-bomb');
  });
});

describe('ZIP64 archives', () => {
  it('reports 100 000 entries (ZIP64) as a zip bomb by count, not as corrupt', async () => {
    const { zip64ManyEntries } = await import('../../../test/support/hostile-files.ts');
    expect(codeOf(() => openZip(zip64ManyEntries(100_000), DEFAULT_EXTRACT_LIMITS))).toBe('zip-bomb');
  });
});
