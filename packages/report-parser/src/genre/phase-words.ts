/**
 * Phase words of the genre, as data: which phase (年初预算, 调整预算, 决算) a
 * label, a column header or a report kind states. One reader, `phaseOf`; a new
 * synonym is a row here (and a row in genre.test.ts).
 */
import type { Phase } from '../types.ts';
import { FUND_BUDGETS } from './funds.ts';

/** Words in a label before a figure, in order: the first row that matches decides. */
export const LABEL_PHASE_WORDS: readonly (readonly [RegExp, Phase])[] = [
  [/调整后预算|调整预算|全年预算|变动后预算/, 'budget_adjusted'],
  // What came in over the year (全年收入, 实际收到, 实际到位) is actual, whatever phase the sentence opened with.
  [/决算|执行数|实际支出|实际完成|支出数|实际执行|全年执行|执行情况|全年收入(?!预算)|实际收到|实际收入|实际到位|实际取得/, 'actual'],
  [/预算/, 'budget_initial'],
  // A bare 支出 at either end of a label (or of a header level joined by |) is what was spent.
  [/支出$|支出\||\|支出|^支出/, 'actual'],
];

/**
 * Words in one level of a standard table's column header. Narrower than a
 * label's: 预算 must end the level or be 预算数, and a fund's budget
 * (一般公共预算, funds.ts) is not a phase.
 */
export const COLUMN_PHASE_WORDS: readonly (readonly [RegExp, Phase])[] = [
  [/决算数|执行数|实际/, 'actual'],
  [new RegExp(`^(?!.*(?:${FUND_BUDGETS.source})).*(?:预算数|预算$)`), 'budget_initial'],
];

/**
 * Labels that are only a phase word (年初预算为, 全年执行数, 支出决算): the figure
 * after one is a further phase of the item the sentence named, or of the
 * section's item. Matched whole, after an optional year word (本年, 全年, 年初,
 * 年度) and with 其中 / 为 / 共 … taken off by the reader.
 */
export const PHASE_ONLY_LABELS: readonly string[] = ['预算', '预算数', '预算金额', '预算安排', '决算', '决算数', '执行数', '支出决算', '决算支出', '调整后预算', '调整预算', '全年预算', '全年预算数', '年初预算', '年初预算数', '全年执行数', '实际支出', '支出数'];

/** The verb a label ends with before its figure (…年初预算数为, …共): taken off before a label is matched whole. */
export const LABEL_VERB_TAIL = /(为|是|共)+$/;

const PHASE_ONLY = new RegExp(`^(本年|全年|年初|年度)?(${PHASE_ONLY_LABELS.join('|')})$`);

/** True when a label (stripped of 其中 … and of 为 / 共 …) is only a phase word. */
export function isPhaseOnly(label: string): boolean {
  return PHASE_ONLY.test(label);
}

/**
 * Words of a small table's column header that states a phase (a form's money
 * block: 年初预算数 | 全年预算数 | 全年执行数, 2023年决算数), and words that make
 * a header a rate, a score or a change printed beside them (执行率, 得分, 增减),
 * never a phase column.
 */
export const PHASE_HEADER_WORDS: readonly string[] = ['预算', '决算', '执行', '实际', '支出数'];
export const NOT_PHASE_HEADER_WORDS: readonly string[] = ['分值', '得分', '执行率', '比例', '%', '增减', '差额'];

/** True when a small table's column header may state a phase (PHASE_HEADER_WORDS and none of NOT_PHASE_HEADER_WORDS). */
export function isPhaseHeader(header: string): boolean {
  return PHASE_HEADER_WORDS.some((w) => header.includes(w)) && !NOT_PHASE_HEADER_WORDS.some((w) => header.includes(w));
}

/**
 * The phase a text states, or null. `reading` says what the text is: the label
 * before a figure ('label', the default) or one level of a table's column
 * header ('column').
 */
export function phaseOf(text: string, reading: 'label' | 'column' = 'label'): Phase | null {
  const words = reading === 'label' ? LABEL_PHASE_WORDS : COLUMN_PHASE_WORDS;
  for (const [re, phase] of words) if (re.test(text)) return phase;
  return null;
}

