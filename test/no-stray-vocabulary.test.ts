/**
 * Genre vocabulary lives in one place per concept: the word lists of
 * packages/report-parser/src/genre/ (item labels, phase words, year words,
 * report words, funds, indicator columns …), the specs (specs/) and the form
 * and figure vocabularies. A reader or a check that matches Chinese words of
 * its own (a regular expression or a string comparison with Chinese in it)
 * has a second copy of a list, which the next synonym updates in one place
 * and not the other. This test reads the parser's source and fails, naming
 * file:line, on such a literal outside the vocabulary.
 *
 * KNOWN holds what is still to move into the vocabulary, per file and rule;
 * it may only shrink (the test also fails when a file holds fewer than listed,
 * so the list is kept exact). Messages written for people (a finding's
 * Chinese message) are not vocabulary: they are template strings, not matched.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchingLines, sourceFiles, type LineRule } from './support/source-rules.ts';

const root = join(import.meta.dirname, '..');
const SRC = join(root, 'packages/report-parser/src');
/** Where the genre's words live. */
const VOCABULARY = ['genre', 'specs', 'data', 'form-vocabulary.ts', 'figures/figure-vocabulary.ts'].map((p) => join(SRC, p));

const CJK = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]';
export const RULES: readonly LineRule[] = [
  // A regular expression literal with Chinese in it: /(上年|去年)/.
  ['regex-words', new RegExp(`(?:^|[=(,:!&|?\\[]\\s*)\\/(?![/*])[^\\n/]*${CJK}[^\\n]*\\/[dgimsuy]*`)],
  // new RegExp('…中文…') / new RegExp(`…中文…`).
  ['regexp-words', new RegExp(`new RegExp\\(\\s*['"\`][^'"\`]*${CJK}`)],
  // A string compared or searched with Chinese in it: .includes('决算'), === '合计', .startsWith('注').
  ['string-words', new RegExp(`(?:\\.(?:includes|startsWith|endsWith|indexOf|split|replace|replaceAll)\\(\\s*|[!=]==\\s*)['"\`][^'"\`]*${CJK}`)],
];

/** Still to move into the vocabulary: "file rule" → how many lines. */
const KNOWN: Readonly<Record<string, number>> = {
  'packages/report-parser/src/amount-sentences.ts regex-words': 7,
  'packages/report-parser/src/amount-tables.ts regex-words': 3,
  'packages/report-parser/src/checks/execution-rates.ts regex-words': 2,
  'packages/report-parser/src/checks/report-checks.ts regex-words': 2,
  'packages/report-parser/src/checks/table-checks.ts regex-words': 1,
  'packages/report-parser/src/checks/text-checks.ts regex-words': 19,
  'packages/report-parser/src/checks/text-checks.ts string-words': 6,
  'packages/report-parser/src/checks/text-checks.ts regexp-words': 1,
  'packages/report-parser/src/checks/text-figures.ts regex-words': 1,
  'packages/report-parser/src/classification-codes.ts regex-words': 2,
  'packages/report-parser/src/dedupe.ts regex-words': 1,
  'packages/report-parser/src/economic-lines.ts regex-words': 1,
  'packages/report-parser/src/figures/cuts.ts string-words': 1,
  'packages/report-parser/src/figures/figure.ts regex-words': 1,
  'packages/report-parser/src/figures/indicator.ts regex-words': 4,
  'packages/report-parser/src/figures/money.ts regex-words': 2,
  'packages/report-parser/src/figures/money.ts string-words': 1,
  'packages/report-parser/src/figures/text-money.ts string-words': 4,
  'packages/report-parser/src/figures/years.ts string-words': 5,
  'packages/report-parser/src/form-identity.ts regex-words': 4,
  'packages/report-parser/src/functional-lines.ts regex-words': 6,
  'packages/report-parser/src/functional-lines.ts string-words': 4,
  'packages/report-parser/src/indicator-cell.ts regex-words': 5,
  'packages/report-parser/src/indicator-table.ts regex-words': 2,
  'packages/report-parser/src/indicator-table.ts regexp-words': 1,
  'packages/report-parser/src/items.ts regex-words': 5,
  'packages/report-parser/src/list-items.ts regex-words': 5,
  'packages/report-parser/src/organisation-place.ts regex-words': 2,
  'packages/report-parser/src/out-of-scope.ts regex-words': 3,
  'packages/report-parser/src/parse-document.ts string-words': 1,
  'packages/report-parser/src/parse-document.ts regex-words': 2,
  'packages/report-parser/src/project-lines.ts regex-words': 17,
  'packages/report-parser/src/project-totals.ts regex-words': 1,
  'packages/report-parser/src/region.ts regex-words': 1,
  'packages/report-parser/src/region.ts string-words': 1,
  'packages/report-parser/src/report-splitter.ts regex-words': 5,
  'packages/report-parser/src/report-trace.ts string-words': 1,
  'packages/report-parser/src/sections.ts regex-words': 5,
  'packages/report-parser/src/standard-tables/columns.ts regex-words': 30,
  'packages/report-parser/src/standard-tables/columns.ts regexp-words': 4,
  'packages/report-parser/src/standard-tables/columns.ts string-words': 3,
  'packages/report-parser/src/standard-tables/read-rows.ts regex-words': 5,
  'packages/report-parser/src/standard-tables/recognise.ts regex-words': 5,
  'packages/report-parser/src/standard-tables/table-kinds.ts regex-words': 3,
  'packages/report-parser/src/standard-tables/table-kinds.ts string-words': 1,
  'packages/report-parser/src/text-units.ts regex-words': 4,
  'packages/report-parser/src/text.ts regex-words': 2,
};

/** Every line of `files` that a rule matches, as "file:line rule". */
export function strayWords(files: readonly { path: string; text: string }[]): string[] {
  return matchingLines(files, RULES);
}

describe('the genre vocabulary', () => {
  const files = sourceFiles(SRC, VOCABULARY).map((p) => ({ path: relative(root, p), text: readFileSync(p, 'utf8') }));
  const found = strayWords(files);
  const keyOf = (f: string): string => {
    const [at, rule] = f.split(' ');
    return `${at!.replace(/:\d+$/, '')} ${rule}`;
  };

  it('is the only place in report-parser that matches Chinese words', () => {
    const counts = new Map<string, number>();
    for (const f of found) counts.set(keyOf(f), (counts.get(keyOf(f)) ?? 0) + 1);
    const over = found.filter((f) => (counts.get(keyOf(f)) ?? 0) > (KNOWN[keyOf(f)] ?? 0));
    expect(over, 'move these words into the genre vocabulary (packages/report-parser/src/genre)').toEqual([]);
    const stale = Object.entries(KNOWN).filter(([key, n]) => (counts.get(key) ?? 0) < n);
    expect(stale, 'lower these KNOWN counts: the words moved into the vocabulary').toEqual([]);
  });

  it('catches the literals it guards against', () => {
    const lines = [
      "const PRIOR_YEAR = /(?<![比较与同])(上年|上一年|上年度|去年)(?!同期)/;",
      "    if (/\\((类|款|项)\\)/.test(unit.text)) continue;",
      "  const re = new RegExp(`(${words})(收入|支出)`);",
      "  if (label.includes('决算')) return 'actual';",
      "  return text === '合计';",
    ];
    expect(strayWords([{ path: 'x.ts', text: lines.join('\n') }]).map((f) => f.split(' ')[1])).toEqual(['regex-words', 'regex-words', 'regexp-words', 'string-words', 'string-words']);
  });

  it('leaves messages for people and comments alone', () => {
    const lines = ["  message: `行政区划无法唯一确定（候选：${c.join('、')}）`,", '  // 上年 / 去年: the year before', "const ok = /\\d+/.test('12');"];
    expect(strayWords([{ path: 'x.ts', text: lines.join('\n') }])).toEqual([]);
  });
});
