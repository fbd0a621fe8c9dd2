import { toCompactText } from '@budget-ingest/doc-model';
import {
  DROPPED_PREFIXES,
  EQUIVALENT_SPELLINGS,
  GOVERNMENT_UNIT_ENDINGS,
  LEVEL_WORDS,
  REGION_SUFFIXES,
  SHORT_FORMS,
} from './name-forms.ts';

/** The region a name is read in: its full names, as the parser gives them (GB/T 2260). */
export interface RegionNames {
  readonly province: string | null;
  readonly city: string | null;
  readonly county: string | null;
}

const byLengthDesc = (a: string, b: string) => b.length - a.length || a.localeCompare(b);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (words: Iterable<string>) => new RegExp([...new Set(words)].sort(byLengthDesc).map(escape).join('|'), 'gu');

// Full and short forms in one alternation, longest first, so a full form is never expanded again
// (人民政府办公室 contains the short form 政府办).
const FULL_FORM = new Map<string, string>([...SHORT_FORMS.map(([s, f]) => [s, f] as const), ...SHORT_FORMS.map(([, f]) => [f, f] as const)]);
const FORMS = alternation(FULL_FORM.keys());
const SPELLING = new Map(EQUIVALENT_SPELLINGS.map(([long, short]) => [long, short]));
const SPELLINGS = alternation(SPELLING.keys());

/** 芦淞区 → 芦淞, 广西壮族自治区 → 广西; a one-character stem (南县 → 南) is too common a character to strip. */
export function shortRegionName(name: string): string | null {
  for (const suffix of [...REGION_SUFFIXES].sort(byLengthDesc)) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) return name.slice(0, -suffix.length);
  }
  return null;
}

/** Text as compared: the compact form (NFKC, no white space), without quote marks. */
export function normaliseName(name: string): string {
  return toCompactText(name).replace(/["'“”‘’「」『』]/gu, '');
}

/**
 * The key under which every spelling of one unit's name meets, within its region:
 * 县医保局, 芦淞区医疗保障局 and 株洲市芦淞区医疗保障局 (region 芦淞区) all give 医疗保障局;
 * 中共上海市普陀区委社会工作部 and 普陀区委员会社会工作部 give 委社会工作部. Null when nothing
 * specific is left (a bare region or level word), so such a name is never matched.
 */
export function organizationKey(name: string | null, region: RegionNames | null): string | null {
  if (!name) return null;
  let s = dropPrefixes(normaliseName(name));
  s = dropRegionNames(s, region);
  s = dropPrefixes(s);
  s = s.replace(FORMS, (m) => FULL_FORM.get(m) ?? m).replace(SPELLINGS, (m) => SPELLING.get(m) ?? m);
  if (s.startsWith('政府') && GOVERNMENT_UNIT_ENDINGS.some((e) => s.endsWith(e)) && s.length > 4) s = s.slice(2);
  // Once the region is gone, a bare level word may remain (县医保局, 区委…). It is dropped from every
  // spelling alike, so a name that merely starts with such a character (市场监督管理局) still meets itself.
  while (s.length > 2 && LEVEL_WORDS.includes(s[0]!)) s = s.slice(1);
  return s.length >= 2 ? s : null;
}

function dropPrefixes(s: string): string {
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of DROPPED_PREFIXES) {
      if (s.startsWith(p) && s.length > p.length) {
        s = s.slice(p.length);
        changed = true;
      }
    }
  }
  return s;
}

function dropRegionNames(s: string, region: RegionNames | null): string {
  if (!region) return s;
  const full = [region.province, region.city, region.county].filter((n): n is string => !!n);
  for (const n of [...full].sort(byLengthDesc)) s = s.split(n).join('');
  // Short forms (普陀, 芦淞) only where a name starts with them: inside a name they may be a word.
  const short = full.map(shortRegionName).filter((n): n is string => !!n).sort(byLengthDesc);
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of short) {
      if (s.startsWith(n) && s.length > n.length) {
        s = s.slice(n.length);
        changed = true;
      }
    }
  }
  return s;
}
