import { describe, expect, it } from 'vitest';
import { neutralizeFormula, toCsv } from './csv-table.ts';
import { exportFileName } from './export-json.ts';
import { unscaled } from './parquet-table.ts';

const SHA = 'ab12cd34ef56'.padEnd(64, '0');

describe('exportFileName', () => {
  it('keeps a name that fits, and gives a second document of the same name its sha256 prefix', () => {
    expect(exportFileName('预算.pdf', SHA)).toBe('预算.pdf.json');
    expect(exportFileName('预算.pdf', SHA, new Set(['预算.pdf.json']))).toBe('预算.pdf.ab12cd34ef56.json');
  });

  it.each([
    ['CJK (3 bytes each)', '部门预算'.repeat(40)],
    ['emoji (4 bytes, two UTF-16 units)', '📄'.repeat(100)],
    ['mixed', `${'a'.repeat(200)}预算${'b'.repeat(100)}`],
  ])('cuts a name over 255 bytes on a character boundary: %s', (_, name) => {
    const out = exportFileName(`${name}.pdf`, SHA);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(255);
    expect(out).toMatch(/…\.ab12cd34ef56\.json$/);
    expect(Buffer.from(out).toString('utf8')).toBe(out);
    expect(out).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u);
    expect(name.startsWith(out.slice(0, out.indexOf('…')))).toBe(true);
  });
});

describe('CSV cells', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['预算=100', '预算=100'],
  ])('%j is written %j', (cell, want) => {
    expect(neutralizeFormula(cell)).toBe(want);
  });

  it('escapes text only: a negative amount stays a number', () => {
    const csv = toCsv({ table: 't', columns: [{ name: 'name', dataType: 'text', precision: null, scale: null }, { name: 'yuan', dataType: 'numeric', precision: 20, scale: 2 }], rows: [{ name: '-x', yuan: '-12.50' }] });
    expect(csv).toBe("name,yuan\n'-x,-12.50\n");
  });
});

describe('Parquet decimals', () => {
  it.each([
    ['123.4', 2, 12340n],
    ['-0.05', 2, -5n],
    ['99999999999999999.99', 2, 9999999999999999999n],
    ['7', 0, 7n],
  ])('%s at scale %i is %s unscaled, from its digits (no float)', (text, scale, want) => {
    expect(unscaled(text, scale)).toBe(want);
  });
});
