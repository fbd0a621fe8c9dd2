import { describe, expect, it } from 'vitest';
import { organizationKey, shortRegionName } from './organization-key.ts';

const luSong = { province: '湖南省', city: '株洲市', county: '芦淞区' };
const putuo = { province: '上海市', city: null, county: '普陀区' };
const nanxian = { province: '湖南省', city: '益阳市', county: '南县' };

describe('organizationKey', () => {
  it('gives every spelling of one unit in its region the same key', () => {
    const spellings = ['县医保局', '芦淞区医疗保障局', '株洲市芦淞区医疗保障局', '芦淞医保局', '湖南省株洲市芦淞区医疗保障局', '区医疗保障局'];
    expect(new Set(spellings.map((s) => organizationKey(s, luSong)))).toEqual(new Set(['医疗保障局']));
  });

  it('reads 中共…委员会 and …委, with and without 中共 and the region, as one unit', () => {
    const spellings = ['中共上海市普陀区委社会工作部', '普陀区委社会工作部', '中共上海市普陀区委员会社会工作部', '中国共产党上海市普陀区委员会社会工作部'];
    expect(new Set(spellings.map((s) => organizationKey(s, putuo))).size).toBe(1);
  });

  it('reads a sub-district office with and without its government and 办事处', () => {
    const spellings = ['上海市普陀区人民政府万里街道办事处', '普陀区万里街道办事处', '万里街道', '普陀区政府万里街道办事处'];
    expect(new Set(spellings.map((s) => organizationKey(s, putuo)))).toEqual(new Set(['万里街道']));
  });

  it('reads 政协 and its full name as one unit, and keeps different units apart', () => {
    expect(organizationKey('南县政协', nanxian)).toBe(organizationKey('中国人民政治协商会议南县委员会', nanxian));
    const units = ['上海市普陀区财政局', '上海市普陀区司法局', '上海市普陀区人民政府办公室', '上海市普陀区商务委员会', '上海市普陀区规划和自然资源局', '普陀区市场监督管理局'];
    expect(new Set(units.map((s) => organizationKey(s, putuo))).size).toBe(units.length);
  });

  it('expands a short form without touching a full form that contains it', () => {
    expect(organizationKey('普陀区政府办', putuo)).toBe(organizationKey('上海市普陀区人民政府办公室', putuo));
    expect(organizationKey('区市场监管局', putuo)).toBe(organizationKey('上海市普陀区市场监督管理局', putuo));
  });

  it('gives no key to a name that is only a region or a level word', () => {
    expect(organizationKey('普陀区', putuo)).toBeNull();
    expect(organizationKey('', putuo)).toBeNull();
    expect(organizationKey(null, putuo)).toBeNull();
  });

  it('works without a region (the text never named it)', () => {
    expect(organizationKey('市财政局', null)).toBe(organizationKey('财政局', null));
  });
});

describe('shortRegionName', () => {
  it('drops the level word, but never leaves a single character', () => {
    expect(shortRegionName('芦淞区')).toBe('芦淞');
    expect(shortRegionName('广西壮族自治区')).toBe('广西');
    expect(shortRegionName('南县')).toBeNull();
  });
});
