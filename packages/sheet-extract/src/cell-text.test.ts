import { describe, expect, it } from 'vitest';
import { formatNumber, toCellText } from './cell-text.ts';

describe('formatNumber', () => {
  it.each([
    [0.9049, '0.00%', '90.49%'],
    [0.95, '0%', '95%'],
    [346.26, '0.00', '346.26'],
    [1234567.5, '#,##0.00', '1,234,567.50'],
    [12, '#,##0.00_);[Red](#,##0.00)', '12.00'],
    [0.1 + 0.2, 'General', '0.3'],
    [648.01, undefined, '648.01'],
    [5, '"¥"#,##0', '5'],
  ])('shows %f with format %s as %s', (n, fmt, text) => {
    expect(formatNumber(n, fmt)).toBe(text);
  });
});

describe('toCellText', () => {
  it('reads rich text, formula results, dates, booleans and blanks as a person sees them', () => {
    expect(toCellText({ richText: [{ text: '产出' }, { text: '指标' }] }, undefined)).toBe('产出指标');
    expect(toCellText({ formula: 'SUM(A1:A2)', result: 0.5 }, '0%')).toBe('50%');
    expect(toCellText(new Date(Date.UTC(2023, 2, 29)), 'yyyy-mm-dd')).toBe('2023-03-29');
    expect(toCellText(true, undefined)).toBe('TRUE');
    expect(toCellText(null, undefined)).toBe('');
    expect(toCellText({ error: '#DIV/0!' }, undefined)).toBe('#DIV/0!');
  });
});
