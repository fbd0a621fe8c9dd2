import { describe, expect, it } from 'vitest';
import { publicationIdentity } from './publication-key.ts';
import { pickCanonical, type SourceCandidate } from './canonical.ts';
import { compareSourceValues } from './disagreements.ts';

const region = { code: '310107', province: '上海市', city: null, county: '普陀区' };

describe('publicationIdentity', () => {
  it('is the same for one report published under two spellings of its unit', () => {
    const a = publicationIdentity({ kind: 'department_budget', title: '上海市普陀区2025年区级部门预算', organization: '上海市普陀区人民政府万里街道办事处', region, fiscal_year: 2025 });
    const b = publicationIdentity({ kind: 'department_budget', title: '2025年部门预算', organization: '万里街道办事处', region, fiscal_year: 2025 });
    expect(a.key).not.toBeNull();
    expect(a.key).toBe(b.key);
  });

  it('keeps a unit budget apart from its department budget, and one year from the next', () => {
    const base = { kind: 'department_budget', organization: '上海市普陀区司法局', region, fiscal_year: 2026 };
    const dept = publicationIdentity({ ...base, title: '上海市普陀区2026年区级部门预算' });
    const unit = publicationIdentity({ ...base, title: '上海市普陀区2026年区级单位预算' });
    const later = publicationIdentity({ ...base, title: '上海市普陀区2027年区级部门预算', fiscal_year: 2027 });
    expect(new Set([dept.key, unit.key, later.key]).size).toBe(3);
  });

  it('tells two projects of one unit apart, and finds one project under two titles', () => {
    const base = { kind: 'project_performance_self_evaluation', organization: '天长市水利局', region: { code: '341181', province: '安徽省', city: '滁州市', county: '天长市' }, fiscal_year: 2022 };
    const flood = publicationIdentity({ ...base, title: '2022年度水旱灾害防御经费项目支出绩效自评表' });
    const flood2 = publicationIdentity({ ...base, title: '天长市水利局水旱灾害防御经费绩效自评报告' });
    const river = publicationIdentity({ ...base, title: '2022年度河长制工作经费项目支出绩效自评表' });
    expect(flood.key).toBe(flood2.key);
    expect(flood.key).not.toBe(river.key);
  });

  it('has no key when neither an organisation nor a year identifies the report', () => {
    expect(publicationIdentity({ kind: 'department_budget', title: null, organization: null, region, fiscal_year: 2025 }).key).toBeNull();
    expect(publicationIdentity({ kind: 'department_budget', title: null, organization: '普陀区财政局', region, fiscal_year: null }).key).toBeNull();
  });
});

describe('pickCanonical', () => {
  const c = (reportId: number, format: string, values: number, confirmed = 0, fromTables = 0): SourceCandidate => ({
    reportId,
    sha256: String(reportId).padStart(64, '0'),
    format,
    values,
    confirmed,
    fromTables,
  });

  it('prefers confirmed values, then table values, then more values, then the format', () => {
    expect(pickCanonical([c(1, 'docx', 50), c(2, 'pdf', 40, 10)])!.reportId).toBe(2);
    expect(pickCanonical([c(1, 'docx', 50, 0, 5), c(2, 'pdf', 60, 0, 4)])!.reportId).toBe(1);
    expect(pickCanonical([c(1, 'xlsx', 9), c(2, 'docx', 61)])!.reportId).toBe(2);
    expect(pickCanonical([c(3, 'doc', 61), c(1, 'docx', 61), c(2, 'pdf', 61)])!.reportId).toBe(2);
  });

  it('chooses the same source in every order of arrival', () => {
    const all = [c(1, 'pdf', 61), c(2, 'docx', 61), c(3, 'doc', 61), c(4, 'pdf', 61)];
    const orders = [all, [...all].reverse(), [all[2]!, all[0]!, all[3]!, all[1]!]];
    expect(new Set(orders.map((o) => pickCanonical(o)!.reportId)).size).toBe(1);
    expect(pickCanonical([])).toBeNull();
  });
});

describe('compareSourceValues', () => {
  it('finds a value two sources print differently, and counts exact agreement', () => {
    const canonical = [
      { key: 'a', label: '基本支出', value: '1261500.00', page: 3 },
      { key: 'b', label: '项目支出', value: '1412800.00', alternatives: ['1871800.00'], page: 3 },
      { key: 'c', label: '三公', value: '0.00', page: 4 },
    ];
    const other = [
      { key: 'a', label: '基本支出', value: '1261500', page: null },
      { key: 'b', label: '项目支出', value: '1871800.00', page: null },
      { key: 'c', label: '三公', value: '100.00', page: null },
      { key: 'd', label: '只此一处', value: '1.00', page: null },
    ];
    const { disagreements, agreements } = compareSourceValues(canonical, other);
    expect(agreements.map((a) => a.key)).toEqual(['a', 'b']);
    expect(disagreements.map((d) => [d.key, d.canonical.value, d.other.value])).toEqual([['c', '0.00', '100.00']]);
  });
});
