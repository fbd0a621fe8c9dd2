import { describe, expect, it } from 'vitest';
import { parseDocNumber } from './doc-number.ts';

describe('parseDocNumber', () => {
  it.each([
    ['合医保发〔2025〕54号', '合医保发', 2025, 54],
    ['韶财社〔2021〕139号', '韶财社', 2021, 139],
    ['达州财社（2022）86号', '达州财社', 2022, 86],
    ['川财预[2019]3号', '川财预', 2019, 3],
    ['国办发〔2018〕 42 号', '国办发', 2018, 42],
    ['〔2020〕7号', '', 2020, 7],
  ])('reads %j', (text, issuer, year, serial) => {
    const r = parseDocNumber(text);
    expect(r.ok && { issuer: r.value.issuer, year: r.value.year, serial: r.value.serial }).toEqual({ issuer, year, serial });
  });

  it.each([
    ['2022年', 'not_a_number'],
    ['〔2021〕', 'not_a_number'],
    ['', 'empty'],
  ])('refuses %j with reason %s', (text, reason) => {
    const r = parseDocNumber(text);
    expect(!r.ok && r.reason).toBe(reason);
  });
});
