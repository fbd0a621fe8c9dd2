/**
 * Report identity from the report's own text: organisation, fiscal year,
 * publication date, document number, self-evaluation score and rating.
 * Each reader takes normalised lines and returns a value or null.
 */
import { BARE_SCORE_LABEL, SCORE_UNIT, SCORE_STATEMENT, EVALUATION_WORDS, INTERNAL_SECTION, NOT_REPORT_SCORE, ORGANISATION_ENDING, RATING_PHRASES } from './form-vocabulary.ts';
import { normaliseText } from './text.ts';
import { CLAUSE_SPLIT, DOC_NUMBER_BRACKETS, NOT_IN_A_NAME, SENTENCE_END } from './genre/punctuation.ts';
import { DATE_LABEL, DEPARTMENT_SUBJECT, DOC_NUMBER, FULL_DATE_END, FULL_DATE_YEAR, LEVEL_SUFFIX, MASTHEAD, NOT_A_UNIT_START, PORTAL_FRAME_ROW, PROJECT_SUBJECT, PROVINCE_PREFIX, PUBLISHER_LABEL, SEAL_MARK, TITLE_KIND_SUFFIX, TITLE_LINK, TITLE_OPENER, TITLE_UNIT_START, OPENING_UNIT, UNIT_LABEL, UNIT_NOTE_TAIL } from './genre/identity-words.ts';
import { dateAtStart, figuresIn, withoutYears, yearOf, yearsIn } from './figures/index.ts';

const ORG_SUFFIX = ORGANISATION_ENDING;

/** The organisation a title names (year, province and kind removed), or null. */
export function organisationFromTitle(title: string): string | null {
  // A title may open with 关于 (关于2021年度…自查报告).
  const text = normaliseText(title).replace(TITLE_OPENER, '');
  const years = yearsIn(text);
  const t = withoutYears(text)
    .replace(TITLE_KIND_SUFFIX, '')
    .replace(LEVEL_SUFFIX, '')
    .replace(TITLE_LINK, '')
    .replace(/\(.*\)$/, '');
  const org = t.replace(PROVINCE_PREFIX, '');
  if (org.length >= 4 && ORG_SUFFIX.test(org) && !NOT_A_UNIT_START.test(org)) return org;
  // A title that names the unit before the year and the project after it ("县司法局2020年度…经费绩效自评报告").
  const first = years.find((y) => y.start >= 3 && y.start <= 30);
  const lead = first ? text.slice(0, first.start).replace(PROVINCE_PREFIX, '').replace(TITLE_LINK, '') : '';
  if (ORG_SUFFIX.test(lead) && !NOT_A_UNIT_START.test(lead)) return lead;
  // A title that names the unit itself, then the kind (…公路事务中心决算公开说明, …财政厅…“三公”经费支出决算情况说明).
  const start = TITLE_UNIT_START.exec(withoutYears(text))?.[1]?.replace(PROVINCE_PREFIX, '') ?? null;
  return start !== null && start.length >= 4 && !NOT_A_UNIT_START.test(start) ? start : null;
}


/** An organisation printed after a label (部门名称：…), in a paragraph or in the next table cell. */
export function organisationFromLabel(lines: readonly string[]): string | null {
  for (let i = 0; i < lines.length; i++) {
    const m = UNIT_LABEL.exec(lines[i]!);
    if (!m) continue;
    const value = (m[1] ?? '').replace(SEAL_MARK, '').replace(UNIT_NOTE_TAIL, '').trim() || (lines[i + 1] ?? '');
    if (value.length >= 4 && ORG_SUFFIX.test(value) && !NOT_IN_A_NAME.test(value) && !INTERNAL_SECTION.test(value)) return value;
  }
  return null;
}

/** The fiscal year a title names ("2023年度…"). */
export function yearFromTitle(title: string | null): number | null {
  return yearOf(normaliseText(title ?? ''));
}

/** The most frequent "20xx年" in the text (ties: the later year), or null. */
export function dominantYear(lines: readonly string[]): number | null {
  const counts = new Map<number, number>();
  for (const line of lines) for (const { year } of yearsIn(line)) counts.set(year, (counts.get(year) ?? 0) + 1);
  let best: number | null = null;
  for (const [year, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && year > best)) best = year;
  return best;
}


/**
 * The publication date: a date right after a label such as 公开时间 / 填报日期,
 * else a date printed on a line of its own among the report's last lines (the 落款).
 */
export function publishedOn(lines: readonly string[]): string | null {
  for (const line of lines) {
    const m = DATE_LABEL.exec(line);
    if (!m) continue;
    // In a portal page's frame the date is the next cell (发文日期 | 2023-04-12).
    const rest = line.slice(m.index + m[0].length);
    const date = dateAtStart(rest === '' ? (lines[lines.indexOf(line) + 1] ?? '') : rest);
    if (date) return date.iso;
  }
  const signed = signatureBlocks(lines);
  if (signed.length > 0) return signed[signed.length - 1]!.date;
  for (const line of lines.slice(-6)) {
    // A 落款 is a line that is a date written out in full (2023年10月24日), nothing else.
    const date = dateAtStart(line);
    if (date && date.end === line.length && date.text.includes(FULL_DATE_YEAR) && date.text.endsWith(FULL_DATE_END)) return date.iso;
  }
  return null;
}


/** A document number printed on a line of its own (合医保发〔2025〕54号). */
export function documentNumber(lines: readonly string[]): string | null {
  for (const line of lines) {
    if (DOC_NUMBER.test(line)) return DOC_NUMBER_BRACKETS.reduce((t, [re, bracket]) => t.replace(re, bracket), line);
  }
  return null;
}

export type ScoreSubject = 'department' | 'project' | null;

export interface ScoreStatement {
  readonly score: string;
  readonly subject: ScoreSubject;
}


/** Score statements in running text ("自评得分为93.8分"), each with what it is about when the clause says so. */
export function scoreStatements(lines: readonly string[]): ScoreStatement[] {
  const out: ScoreStatement[] = [];
  for (const line of lines) {
    for (const m of line.matchAll(SCORE_STATEMENT)) {
      const clause = line.slice(0, m.index).split(CLAUSE_SPLIT).pop() ?? '';
      const subject: ScoreSubject = DEPARTMENT_SUBJECT.test(clause) ? 'department' : PROJECT_SUBJECT.test(clause) ? 'project' : null;
      out.push({ score: m[2]!, subject });
    }
    if (out.length > 0) continue;
    // A figure in 分 from the figure layer (95分, 92.5分), its label a bare 得分 / 结果 after an evaluation.
    for (const f of figuresIn(line)) {
      if (f.printedUnit !== SCORE_UNIT || f.value === null || f.value.gt(100)) continue;
      const before = line.slice(0, f.start);
      const clause = before.split(CLAUSE_SPLIT).pop() ?? '';
      const sentence = before.split(SENTENCE_END).pop() ?? '';
      if (!BARE_SCORE_LABEL.test(clause) || !EVALUATION_WORDS.test(sentence) || NOT_REPORT_SCORE.test(sentence)) continue;
      const subject: ScoreSubject = DEPARTMENT_SUBJECT.test(sentence) ? 'department' : PROJECT_SUBJECT.test(sentence) ? 'project' : null;
      out.push({ score: f.number, subject });
    }
  }
  return out;
}


/** The rating the text states, in any of the phrasings of RATING_PHRASES. */
export function rating(lines: readonly string[]): string | null {
  for (const line of lines) {
    for (const re of RATING_PHRASES) {
      const m = re.exec(line);
      if (m) return m[1]!;
    }
  }
  return null;
}

/** A date written out in full on a line of its own (2023年10月24日, 二〇一九年三月一日), or null. */
function fullDateLine(line: string): string | null {
  const date = dateAtStart(line);
  return date && date.end === line.length && date.text.includes(FULL_DATE_YEAR) && date.text.endsWith(FULL_DATE_END) ? date.iso : null;
}

/** A unit's name on a line of its own (a cover's or a 落款's), or null. */
function unitLine(line: string): string | null {
  const org = line.replace(PROVINCE_PREFIX, '').replace(SEAL_MARK, '');
  return org.length >= 4 && org.length <= 30 && ORG_SUFFIX.test(org) && !NOT_IN_A_NAME.test(org) && !INTERNAL_SECTION.test(org) ? org : null;
}

/**
 * Signature blocks: a unit's name on a line of its own with a full date on the next line,
 * as a budget's cover prints them (某某县司法局 / 二〇一九年三月一日) and a report's 落款 does;
 * in reading order.
 */
export function signatureBlocks(lines: readonly string[]): { organisation: string; date: string }[] {
  const out: { organisation: string; date: string }[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const organisation = unitLine(lines[i]!);
    const date = organisation === null ? null : fullDateLine(lines[i + 1]!);
    if (organisation !== null && date !== null) out.push({ organisation, date });
  }
  return out;
}

/** The organisation of a signature block (the 落款 after the text, else the cover's), or null. */
export function organisationFromSignature(lines: readonly string[]): string | null {
  return signatureBlocks(lines).at(-1)?.organisation ?? null;
}


/** The unit a portal's frame names as publisher, when the page carries the frame's 索引号 row too. */
export function organisationFromPortalFrame(lines: readonly string[]): string | null {
  if (!lines.slice(0, 16).some((l) => PORTAL_FRAME_ROW.test(l))) return null;
  for (let i = 0; i < Math.min(lines.length, 16); i++) {
    const m = PUBLISHER_LABEL.exec(lines[i]!);
    if (!m) continue;
    const org = unitLine(m[2] || lines[i + 1] || '');
    if (org) return org;
  }
  return null;
}


/** The unit an opening sentence names first (OPENING_UNIT), among the first lines that are sentences. */
export function organisationFromOpening(lines: readonly string[]): string | null {
  const sentence = lines.slice(0, 6).find((l) => l.length > 20);
  const unit = sentence ? OPENING_UNIT.exec(sentence)?.[1]?.replace(PROVINCE_PREFIX, '') : undefined;
  return unit !== undefined && unit.length >= 4 && !NOT_A_UNIT_START.test(unit) ? unit : null;
}

/** The organisation of a masthead among the first lines, or null. */
export function organisationFromMasthead(lines: readonly string[]): string | null {
  for (const line of lines.slice(0, 8)) {
    const org = MASTHEAD.exec(line)?.[1]?.replace(PROVINCE_PREFIX, '');
    if (org && ORG_SUFFIX.test(org)) return org;
  }
  return null;
}
