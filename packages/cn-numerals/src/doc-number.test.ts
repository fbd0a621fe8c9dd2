import { describe, expect, it } from 'vitest';
import { parseDocNumber } from './doc-number.ts';
import { findDocNumbers } from './find.ts';

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

describe('findDocNumbers', () => {
  it('finds document numbers in a sentence without the verbs before them', () => {
    const found = findDocNumbers('根据《关于印发…的通知》（韶财社〔2021〕139号）和按照达州财社（2022）86号文件要求');
    expect(found.map((d) => d.text)).toEqual(['韶财社〔2021〕139号', '达州财社（2022）86号']);
  });

  it('leaves 的 and 通知 out of the issuer', () => {
    expect(findDocNumbers('见财政局的通知达州财社〔2022〕86号').map((d) => d.issuer)).toEqual(['达州财社']);
  });
});
