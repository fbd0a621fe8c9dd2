/**
 * Report identity from the report's own text: organisation, fiscal year,
 * publication date, document number, self-evaluation score and rating.
 * Each reader takes normalised lines and returns a value or null.
 */
import { ORGANISATION_ENDING, RATING_PHRASES, SCORE_LABELS } from './form-vocabulary.ts';
import { normaliseText } from './text.ts';
import { dateAtStart, withoutYears, yearOf, yearsIn } from './figures/index.ts';

const KIND_SUFFIX = /(部门|单位)?(整体)?(支出)?(部门|单位|项目|专项资金预算项目|专项)?(整体)?(支出)?绩效(自评|评价)报告$|(部门|单位)(决算|预算)(报告|公开)?$/;
const ORG_SUFFIX = ORGANISATION_ENDING;
const PROVINCE_PREFIX = /^([\u4e00-\u9fa5]{2,3}省|内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区)(?=[\u4e00-\u9fa5]{2,}[市县区州旗盟])/;

/** The organisation a title names (year, province and kind removed), or null. */
export function organisationFromTitle(title: string): string | null {
  const text = normaliseText(title);
  const years = yearsIn(text);
  const t = withoutYears(text)
    .replace(KIND_SUFFIX, '')
    .replace(/(区级|县级|市级|省级)$/, '')
    .replace(/\(.*\)$/, '');
  const org = t.replace(PROVINCE_PREFIX, '');
  if (org.length >= 4 && ORG_SUFFIX.test(org) && !/^(部门|单位)/.test(org)) return org;
  // A title that names the unit before the year and the project after it ("县司法局2020年度…经费绩效自评报告").
  const first = years.find((y) => y.start >= 3 && y.start <= 30);
  const lead = first ? text.slice(0, first.start).replace(PROVINCE_PREFIX, '') : '';
  return ORG_SUFFIX.test(lead) && !/^(部门|单位)/.test(lead) ? lead : null;
}

const ORG_LABEL = /^(?:部门名称|预算主管部门|预算单位名称|报送单位|单位名称|部门\(单位\)名称|预算单位名称|[区县市省]级预算单位名称|预算单位|实施单位|主管部门|填报单位|编制单位|部门(?=:))[:]?(.*)$/;

/** An organisation printed after a label (部门名称：…), in a paragraph or in the next table cell. */
export function organisationFromLabel(lines: readonly string[]): string | null {
  for (let i = 0; i < lines.length; i++) {
    const m = ORG_LABEL.exec(lines[i]!);
    if (!m) continue;
    const value = (m[1] ?? '').replace(/\(盖章\)|（盖章）/g, '').replace(/单位:.*$/, '').trim() || (lines[i + 1] ?? '');
    if (value.length >= 4 && ORG_SUFFIX.test(value) && !/[:,。]/.test(value)) return value;
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

const DATE_LABEL = /(公开时间|公开日期|发布时间|发布日期|填报日期|填表日期|报送日期|编制日期|印发日期|^日期)[:]?/;

/**
 * The publication date: a date right after a label such as 公开时间 / 填报日期,
 * else a date printed on a line of its own among the report's last lines (the 落款).
 */
export function publishedOn(lines: readonly string[]): string | null {
  for (const line of lines) {
    const m = DATE_LABEL.exec(line);
    if (!m) continue;
    const date = dateAtStart(line.slice(m.index + m[0].length));
    if (date) return date.iso;
  }
  for (const line of lines.slice(-6)) {
    // A 落款 is a line that is a date written out in full (2023年10月24日), nothing else.
    const date = dateAtStart(line);
    if (date && date.end === line.length && date.text.includes('年') && date.text.endsWith('日')) return date.iso;
  }
  return null;
}

const DOC_NUMBER = /^[\u4e00-\u9fa5]{1,12}[〔[［(]\d{4}[〕\]］)]\d{1,4}号$/;

/** A document number printed on a line of its own (合医保发〔2025〕54号). */
export function documentNumber(lines: readonly string[]): string | null {
  for (const line of lines) {
    const t = line.replace(/\[/g, '〔').replace(/\]/g, '〕');
    if (DOC_NUMBER.test(line)) return t.replace(/[(]/, '〔').replace(/[)]/, '〕');
  }
  return null;
}

export type ScoreSubject = 'department' | 'project' | null;

export interface ScoreStatement {
  readonly score: string;
  readonly subject: ScoreSubject;
}

const SCORE = new RegExp(`${SCORE_LABELS.source}(?:为|是|:|达到|共计)?(\\d{1,3}(?:\\.\\d+)?)分`, 'g');

/** Score statements in running text ("自评得分为93.8分"), each with what it is about when the clause says so. */
export function scoreStatements(lines: readonly string[]): ScoreStatement[] {
  const out: ScoreStatement[] = [];
  for (const line of lines) {
    for (const m of line.matchAll(SCORE)) {
      const clause = line.slice(0, m.index).split(/[,。;]/).pop() ?? '';
      const subject: ScoreSubject = /整体/.test(clause) ? 'department' : /项目|专项/.test(clause) ? 'project' : null;
      out.push({ score: m[2]!, subject });
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

/** A red masthead (株洲市芦淞区医疗保障局文件): the unit that issues the document. */
const MASTHEAD = /^(.{4,30}?)文件$/;

/** The organisation of a masthead among the first lines, or null. */
export function organisationFromMasthead(lines: readonly string[]): string | null {
  for (const line of lines.slice(0, 8)) {
    const org = MASTHEAD.exec(line)?.[1]?.replace(PROVINCE_PREFIX, '');
    if (org && ORG_SUFFIX.test(org)) return org;
  }
  return null;
}
