import { describe, expect, it } from 'vitest';
import { documentNumber, dominantYear, organisationFromLabel, organisationFromTitle, publishedOn, rating, scoreStatements } from './identity.ts';
import { resolveRegion } from './region.ts';

describe('organisationFromTitle', () => {
  it.each([
    ['2023年度株洲市芦淞区医疗保障局整体支出绩效自评报告', '株洲市芦淞区医疗保障局'],
    ['2022年度四川省万源市医疗保障局部门决算', '万源市医疗保障局'],
    ['江苏省人民检察院2018年部门预算', '江苏省人民检察院'],
    ['上海市普陀区财政局2024年度部门决算', '上海市普陀区财政局'],
    ['2022年部门整体绩效评价报告', null],
  ])('reads %s', (title, org) => {
    expect(organisationFromTitle(title)).toBe(org);
  });
});

describe('identity readers', () => {
  it('reads an organisation after its label, in a paragraph or the next table cell', () => {
    expect(organisationFromLabel(['部门名称:仁化县医疗保障局'])).toBe('仁化县医疗保障局');
    expect(organisationFromLabel(['区级预算单位名称', '株洲市芦淞区医疗保障局'])).toBe('株洲市芦淞区医疗保障局');
    expect(organisationFromLabel(['预算主管部门:上海市普陀区司法局'])).toBe('上海市普陀区司法局');
  });

  it.each([
    [['公开时间:2023年10月24日'], '2023-10-24'],
    [['填报日期:2022.4.15'], '2022-04-15'],
    [['日期:2020-08-25'], '2020-08-25'],
    [['发布时间:2023-12-0515:04'], '2023-12-05'],
    [['正文。', '二〇二三年三月二十九日'], '2023-03-29'],
    [['截止日期:2020-08-25前完成'], null],
    [['填表人:陈娟填报日期:联系电话:13874183971'], null],
    [['正文。', '株洲市芦淞区医疗保障局', '2023年3月29日'], '2023-03-29'],
  ])('reads the publication date from %j', (lines, date) => {
    expect(publishedOn(lines)).toBe(date);
  });

  it('reads a document number only from a line of its own', () => {
    expect(documentNumber(['合医保发〔2025〕54号'])).toBe('合医保发〔2025〕54号');
    expect(documentNumber(['根据《办法》(韶府规审〔2020〕3号)的精神执行'])).toBeNull();
  });

  it('tells department and project scores apart by their clause', () => {
    const lines = ['其中,万源市医疗保障局部门整体(含部门预算项目)绩效自评得分为93.8分,绩效自评综述:通过绩效评价,城乡居民参加基本医疗保险本级配套专项预算项目绩效自评得分为94分'];
    expect(scoreStatements(lines)).toEqual([
      { score: '93.8', subject: 'department' },
      { score: '94', subject: 'project' },
    ]);
    expect(scoreStatements(['部门预算项目绩效管理得分为55.8分,综合管理得分19分'])).toEqual([]);
  });

  it('reads the rating and the dominant year', () => {
    expect(rating(['逐项进行自评打分,评价结果:优。'])).toBe('优');
    expect(dominantYear(['2021年县医保局', '2021年度', '2020年'])).toBe(2021);
    // A year in Chinese numerals counts as its year; a list's item number before a year is not part of it.
    expect(dominantYear(['二〇二一年度部门决算', '二〇二一年', '2020年'])).toBe(2021);
    expect(dominantYear(['1.2026年预算单位财务收支预算总表', '2.2026年预算单位收入预算总表', '2025年'])).toBe(2026);
  });
});

describe('resolveRegion', () => {
  it.each([
    ['仁化县医疗保障局', { code: '440224', province: '广东省', city: '韶关市', county: '仁化县' }],
    ['株洲市芦淞区医疗保障局', { code: '430203', province: '湖南省', city: '株洲市', county: '芦淞区' }],
    ['重庆市璧山区财政局', { code: '500120', province: '重庆市', city: null, county: '璧山区' }],
  ])('places %s', (org, region) => {
    expect(resolveRegion([org], '').region).toEqual(region);
  });

  it('resolves a name shared by several places from the places the text names, else leaves it null', () => {
    expect(resolveRegion(['鼓楼区教育局'], '福州市').region?.code).toBe('350102');
    expect(resolveRegion(['鼓楼区教育局'], '')).toMatchObject({ region: null, ambiguous: true });
  });
});
