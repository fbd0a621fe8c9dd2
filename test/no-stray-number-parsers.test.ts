/**
 * No figure is parsed outside the figure layer (packages/report-parser/src/figures):
 * every reader takes its numbers from it, so one set of rules decides what a
 * figure is. This test reads the parser's source and fails, naming file:line,
 * when code outside the layer parses a number itself: a Decimal or Number built
 * from a regex match, parseFloat/parseInt, or a regular expression that reads a
 * money amount or a percentage (digits before 元/万元/亿元 or %).
 *
 * KNOWN holds what is still to move onto the layer, per file and rule; it may
 * only shrink (the test also fails when a file holds fewer than listed, so the
 * list is kept exact).
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchingLines, sourceFiles, type LineRule } from './support/source-rules.ts';

const root = join(import.meta.dirname, '..');
const SRC = join(root, 'packages/report-parser/src');
const LAYER = join(SRC, 'figures');

export const RULES: readonly LineRule[] = [
  ['decimal-from-match', /new Decimal\(\s*(?:m|\w*[mM]atch\w*)\[\d\]|new Decimal\([^)]*\.replace\(/],
  ['number-from-match', /\bNumber\(\s*\w+\[\d\]|\bNumber\(\s*\w+\.\w+\[\d\]/],
  ['float-parse', /\bparse(?:Float|Int)\(/],
  ['money-regex', /\/[^\n]*(?:\\d|\[0-9\])[^\n]*(?:元|万|亿)[^\n]*\/[dgimsuy]*/],
  ['percent-regex', /\/[^\n]*(?:\\d|\[0-9\])[^\n]*%[^\n]*\/[dgimsuy]*/],
  // A decimal number: digits, a point, digits ("\d+(?:\.\d+)?").
  ['decimal-regex', /\\d[+*{][^\n]*\\\.\\d/],
  // A year in a regular expression ("(20\d{2})年", "20\d{2}年度?"): the layer's yearsIn / yearOf / withoutYears read and cut years.
  ['year-regex', /20\\d\{2\}/],
];

/** Still to move onto the layer: "file rule" → how many lines (empty: every reader is on the layer). */
const KNOWN: Readonly<Record<string, number>> = {};

/** Every line of `files` that a rule matches, as "file:line rule". */
export function strayParsers(files: readonly { path: string; text: string }[]): string[] {
  return matchingLines(files, RULES);
}

describe('the figure layer', () => {
  const files = sourceFiles(SRC, [LAYER]).map((p) => ({ path: relative(root, p), text: readFileSync(p, 'utf8') }));
  const found = strayParsers(files);

  it('is the only place in report-parser that parses a number', () => {
    const counts = new Map<string, number>();
    for (const f of found) {
      const [at, rule] = f.split(' ');
      const key = `${at!.replace(/:\d+$/, '')} ${rule}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const over = found.filter((f) => {
      const [at, rule] = f.split(' ');
      return (counts.get(`${at!.replace(/:\d+$/, '')} ${rule}`) ?? 0) > (KNOWN[`${at!.replace(/:\d+$/, '')} ${rule}`] ?? 0);
    });
    expect(over, 'parse these figures with the figure layer (packages/report-parser/src/figures)').toEqual([]);
    const stale = Object.entries(KNOWN).filter(([key, n]) => (counts.get(key) ?? 0) < n);
    expect(stale, 'lower these KNOWN counts: the parsers moved onto the layer').toEqual([]);
  });

  it('catches the parsers it replaced', () => {
    const old = [
      "const MONEY = /(\\d+(?:,\\d{3})*(?:\\.\\d+)?)(亿元|万元|元|亿|万)/g;",
      "  return [...text.matchAll(/(\\d+(?:\\.\\d+)?)%/g)].map((m) => m);",
      "  return new Decimal(clean.replace(/,/g, ''));",
      "    const value = new Decimal(m[1]!);",
      "  const year = Number(m[1]);",
      "  const x = parseFloat(text);",
      "const NUMBER = /^-?\\d+(?:,\\d{3})*(?:\\.\\d+)?$/;",
      "  const titleYear = report.title?.normalize('NFKC').match(/(20\\d{2})年/)?.[1];",
      "  const priorYear = PRIOR_YEAR.test(label) && !/20\\d{2}年/.test(label);",
    ];
    const flagged = new Set(strayParsers(old.map((text, i) => ({ path: `old${i}.ts`, text }))).map((f) => f.split(':')[0]));
    expect(flagged.size).toBe(old.length);
  });
});
