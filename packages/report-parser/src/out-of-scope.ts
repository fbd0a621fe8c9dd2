/**
 * Documents that are not a department's report, recognised before any
 * report is read: they get no reports and a status `out_of_scope` with the
 * reason, never an error. The kinds are data (one entry each); a new kind is
 * one more entry with a test row.
 */
import { COMPARED, moneyIn, parseAmountCell } from './figures/index.ts';
import { blockText, toTextGrid, type Block } from '@budget-ingest/doc-model';
import { CLAUSE_SPLIT } from './genre/punctuation.ts';
import { GOVERNMENT_THREE_PUBLIC, OUT_OF_SCOPE_TITLES } from './genre/report-words.ts';
import { classifyTitle } from './standard-tables/table-kinds.ts';
import { isTocEntry, normaliseText } from './text.ts';

export type OutOfScopeCode = 'government-budget-report' | 'blank-template' | 'government-three-public-summary' | (typeof OUT_OF_SCOPE_TITLES)[number]['code'];

export interface OutOfScope {
  readonly code: OutOfScopeCode;
  /** One line a data team understands: what the document is and why it yields no report. */
  readonly reason: string;
}

/** How many text blocks from the top hold a document's title and its address line. */
const HEAD_BLOCKS = 12;

/**
 * The government's own budget reports to the People's Congress (or its
 * standing committee): "关于2020年深圳市预算执行情况和2021年预算草案的报告",
 * "关于2023年度全县决算（草案）的报告". Their title names the 预算执行情况, the
 * 预算草案 or the 决算（草案） and ends in 报告; the address (……在…人民代表大会…会议上,
 * 各位代表) says to whom. A department's 部门预算 / 部门决算 is neither.
 */
const GOVERNMENT_REPORT_TITLE = /(?:关于[^。,]{0,40}?)?(预算执行情况|预算草案|预算调整方案|决算(?:\(草案\)|草案)?)(?:和[^。]{0,30})?的?报告/;
const TO_THE_CONGRESS = /人民代表大会|人大常委会|各位代表/;
const DEPARTMENT_REPORT = /(部门|单位)(预算|决算)|绩效(自评|评价)/;

/** A figure left as a placeholder in a template: XX单位, x,xxx万元, XXX万元, ……. */
const PLACEHOLDER = /[Xx]{2,}|x,xxx|…{2,}|\.{6,}/;
/** A non-zero amount as tables print it: thousands separators or decimals (codes such as 205 or 2080505 are neither). */
function filledAmount(cell: string): boolean {
  const p = parseAmountCell(cell, 'yuan');
  return p !== null && (p.decimals > 0 || p.text.includes(',')) && !p.value.isZero();
}

export function outOfScope(blocks: readonly Block[]): OutOfScope | null {
  return governmentReport(blocks) ?? namedByTitle(blocks) ?? governmentThreePublic(blocks) ?? blankTemplate(blocks);
}

/** A government level's “三公” summary (GOVERNMENT_THREE_PUBLIC): a 三公 title among the first lines, and a summary of a level or all departments in the text. */
function governmentThreePublic(blocks: readonly Block[]): OutOfScope | null {
  const head = blocks.filter((b) => b.kind !== 'table').slice(0, HEAD_BLOCKS).map((b) => normaliseText(blockText(b)));
  const g = GOVERNMENT_THREE_PUBLIC;
  const title = head.find((line) => line.length <= 60 && !CLAUSE_SPLIT.test(line) && g.title.test(line));
  if (!title || !head.some((line) => g.summary.test(line) && g.level.test(line))) return null;
  return { code: 'government-three-public-summary', reason: `${g.reason}（“${title}”）` };
}

/** A document whose title (a short line among its first) is one of OUT_OF_SCOPE_TITLES. */
function namedByTitle(blocks: readonly Block[]): OutOfScope | null {
  const head = blocks.filter((b) => b.kind !== 'table').slice(0, HEAD_BLOCKS).map((b) => normaliseText(blockText(b)));
  for (const line of head) {
    if (line.length > 60 || CLAUSE_SPLIT.test(line) || isTocEntry(line)) continue;
    const named = OUT_OF_SCOPE_TITLES.find((t) => t.words.test(line));
    if (named) return { code: named.code, reason: `${named.reason}（“${line}”）` };
  }
  return null;
}

function governmentReport(blocks: readonly Block[]): OutOfScope | null {
  const head = blocks.filter((b) => b.kind !== 'table').slice(0, HEAD_BLOCKS).map((b) => normaliseText(blockText(b)));
  // A title printed over two lines ("关于2020年深圳市预算执行情况" / "和2021年预算草案的报告") is read joined.
  const joined = head.join('');
  const title = GOVERNMENT_REPORT_TITLE.exec(joined.slice(0, 200));
  if (title === null || !TO_THE_CONGRESS.test(joined) || DEPARTMENT_REPORT.test(joined.slice(0, title.index + title[0].length))) return null;
  return { code: 'government-budget-report', reason: `政府向人民代表大会所作的预算（决算）报告（“${title[0]}”），不是部门预决算或绩效自评报告` };
}

/**
 * A blank template: the standard tables of a 部门预算 / 部门决算 (or the text
 * around them) are there, but no amount is filled in anywhere and the text
 * holds placeholders.
 */
function blankTemplate(blocks: readonly Block[]): OutOfScope | null {
  let standardTitles = 0;
  let placeholders = 0;
  for (const b of blocks) {
    const cells = b.kind === 'table' ? toTextGrid(b).flat().map(normaliseText) : [normaliseText(blockText(b))];
    for (const c of cells) {
      if (c === '') continue;
      // A printed 0.00 fills nothing in.
      if (filledAmount(c)) return null;
      if (b.kind !== 'table' && moneyIn(c, COMPARED).length > 0 && !PLACEHOLDER.test(c)) return null;
      if (classifyTitle(c) !== null) standardTitles++;
      if (PLACEHOLDER.test(c)) placeholders++;
    }
  }
  if (standardTitles < 2 || placeholders === 0) return null;
  return { code: 'blank-template', reason: `空白模板：含${standardTitles}张预决算表的表头，但没有填写任何金额（占位符如XX）` };
}
