/**
 * Compares an export with a gold file (GOLD.md shape), field group by field
 * group. Pure: two plain objects in, counts and a list of differences out.
 *
 * Matching keys: reports by position after pairing on kind; amounts by
 * (item, phase, fiscal_year); expenditure lines by (classification, path,
 * phase, fiscal_year); indicators by normalised level3 (plus level1/level2 when
 * a level3 repeats). A matched entry counts as a true positive only when every
 * compared value is exactly equal (a gold `alternatives` value is accepted).
 */
import { toCompactText } from '@budget-ingest/doc-model';

export const FIELD_GROUPS = ['identity', 'amounts', 'expenditure_lines', 'indicators'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

export interface GroupScore {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export type Difference =
  | { readonly group: FieldGroup; readonly kind: 'missing'; readonly report: number; readonly key: string; readonly expected: unknown }
  | { readonly group: FieldGroup; readonly kind: 'extra'; readonly report: number; readonly key: string; readonly actual: unknown }
  | { readonly group: FieldGroup; readonly kind: 'wrong'; readonly report: number; readonly key: string; readonly expected: unknown; readonly actual: unknown };

export interface EvalResult {
  readonly groups: Record<FieldGroup, GroupScore>;
  readonly differences: readonly Difference[];
}

type Json = Record<string, unknown>;
interface DocLike {
  readonly reports?: readonly unknown[];
}

const IDENTITY_FIELDS = ['kind', 'title', 'organization', 'region', 'fiscal_year', 'published_on', 'document_number', 'self_evaluation'] as const;
const AMOUNT_VALUES = ['yuan'] as const;
const LINE_VALUES = ['code', 'yuan', 'budget_yuan'] as const;
const INDICATOR_VALUES = ['level1', 'level2', 'target', 'actual', 'weight', 'score', 'note'] as const;

/** Normalises a name for matching: NFKC, no white space. */
export function normaliseName(text: unknown): string {
  return toCompactText(String(text ?? ''));
}

export function compareWithGold(exported: DocLike, gold: DocLike): EvalResult {
  const counts = Object.fromEntries(FIELD_GROUPS.map((g) => [g, { tp: 0, fp: 0, fn: 0 }])) as Record<FieldGroup, { tp: number; fp: number; fn: number }>;
  const differences: Difference[] = [];
  const pairs = pairReports((exported.reports ?? []) as Json[], (gold.reports ?? []) as Json[]);

  pairs.forEach(([ex, go], report) => {
    for (const field of IDENTITY_FIELDS) {
      const e = blankAsNull(ex?.[field]);
      const g = blankAsNull(go?.[field]);
      const key = field;
      if (go === undefined) {
        if (e !== undefined && e !== null) {
          counts.identity.fp++;
          differences.push({ group: 'identity', kind: 'extra', report, key, actual: e });
        }
        continue;
      }
      if (ex === undefined) {
        if (g !== null) {
          counts.identity.fn++;
          differences.push({ group: 'identity', kind: 'missing', report, key, expected: g });
        }
        continue;
      }
      if (equalValue(field, e, g)) {
        if (g !== null) counts.identity.tp++;
      } else {
        if (g !== null) counts.identity.fn++;
        if (e !== null && e !== undefined) counts.identity.fp++;
        differences.push({ group: 'identity', kind: 'wrong', report, key, expected: g, actual: e ?? null });
      }
    }
    compareList('amounts', report, list(ex, 'amounts'), list(go, 'amounts'), amountKey, AMOUNT_VALUES, counts, differences);
    compareList('expenditure_lines', report, list(ex, 'expenditure_lines'), list(go, 'expenditure_lines'), lineKey, LINE_VALUES, counts, differences);
    compareList('indicators', report, list(ex, 'indicators'), list(go, 'indicators'), indicatorKey, INDICATOR_VALUES, counts, differences);
  });

  const groups = Object.fromEntries(FIELD_GROUPS.map((g) => [g, score(counts[g])])) as Record<FieldGroup, GroupScore>;
  return { groups, differences };
}

function list(report: Json | undefined, field: string): Json[] {
  const value = report?.[field];
  return Array.isArray(value) ? (value as Json[]) : [];
}

/** Pairs exported and gold reports: same kind in order of appearance. */
function pairReports(exported: Json[], gold: Json[]): [Json | undefined, Json | undefined][] {
  const used = new Set<number>();
  const pairs: [Json | undefined, Json | undefined][] = gold.map((g) => {
    const i = exported.findIndex((e, idx) => !used.has(idx) && e['kind'] === g['kind']);
    if (i < 0) return [undefined, g];
    used.add(i);
    return [exported[i], g];
  });
  exported.forEach((e, i) => {
    if (!used.has(i)) pairs.push([e, undefined]);
  });
  return pairs;
}

function amountKey(a: Json): string {
  return `${String(a['item'])}|${String(a['phase'])}|${String(a['fiscal_year'])}`;
}

function lineKey(l: Json): string {
  const path = Array.isArray(l['path']) ? (l['path'] as unknown[]).map(normaliseName).join('/') : '';
  return `${String(l['classification'])}|${path}|${String(l['phase'])}|${String(l['fiscal_year'])}`;
}

function indicatorKey(i: Json): string {
  return normaliseName(i['level3']);
}

function compareList(
  group: FieldGroup,
  report: number,
  exported: Json[],
  gold: Json[],
  keyOf: (x: Json) => string,
  fields: readonly string[],
  counts: Record<FieldGroup, { tp: number; fp: number; fn: number }>,
  differences: Difference[],
): void {
  const goldKeys = disambiguate(gold, keyOf);
  const exKeys = disambiguate(exported, keyOf);
  const exByKey = new Map(exported.map((e, i) => [exKeys[i]!, e]));
  const matched = new Set<string>();
  gold.forEach((g, i) => {
    const key = goldKeys[i]!;
    const e = exByKey.get(key);
    if (e === undefined) {
      counts[group].fn++;
      differences.push({ group, kind: 'missing', report, key, expected: g });
      return;
    }
    matched.add(key);
    const wrong = fields.filter((f) => !equalValue(f, e[f], g[f], g));
    if (wrong.length === 0) {
      counts[group].tp++;
    } else {
      counts[group].fn++;
      counts[group].fp++;
      differences.push({
        group,
        kind: 'wrong',
        report,
        key,
        expected: Object.fromEntries(wrong.map((f) => [f, g[f]])),
        actual: Object.fromEntries(wrong.map((f) => [f, e[f] ?? null])),
      });
    }
  });
  exported.forEach((e, i) => {
    const key = exKeys[i]!;
    if (matched.has(key)) return;
    counts[group].fp++;
    differences.push({ group, kind: 'extra', report, key, actual: e });
  });
}

/** Repeated keys get an ordinal suffix so that duplicates are compared in order. */
function disambiguate(items: Json[], keyOf: (x: Json) => string): string[] {
  const seen = new Map<string, number>();
  return items.map((x) => {
    const key = keyOf(x);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n === 0 ? key : `${key}#${n + 1}`;
  });
}

function equalValue(field: string, actual: unknown, expected: unknown, goldEntry?: Json): boolean {
  if (field === 'yuan' && goldEntry && Array.isArray(goldEntry['alternatives'])) {
    if ((goldEntry['alternatives'] as unknown[]).some((alt) => deepEqual(actual, alt))) return true;
  }
  if (field === 'title' || field === 'organization' || field === 'level1' || field === 'level2' || field === 'note') {
    return expected === null || actual === null || actual === undefined ? expected === (actual ?? null) : normaliseName(actual) === normaliseName(expected);
  }
  if (field === 'target' || field === 'actual') return deepEqual(normaliseRaw(actual), normaliseRaw(expected));
  return deepEqual(actual ?? null, expected ?? null);
}

/**
 * An object whose fields are all null says the same as null: a gold file may
 * write a blank indicator cell or an unknown region either way.
 */
function blankAsNull(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.values(value).every((v) => v === null) ? null : value;
}

/** Indicator cells compare their raw text after NFKC (formats differ in full-width punctuation). */
function normaliseRaw(value: unknown): unknown {
  value = blankAsNull(value);
  if (typeof value !== 'object' || value === null) return value ?? null;
  const v = value as Json;
  return { ...v, raw: normaliseName(v['raw']) };
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (!kb.every((k) => ka.includes(k))) return false;
  return kb.every((k) => deepEqual((a as Json)[k], (b as Json)[k]));
}

function score(c: { tp: number; fp: number; fn: number }): GroupScore {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}
