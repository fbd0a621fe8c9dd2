/**
 * The header words that give an indicator table's columns their roles, as
 * data. Where they come from: the 绩效目标表 / 绩效自评表 templates the finance
 * departments publish (财政部's 项目支出绩效自评表: 一级指标 二级指标 三级指标
 * 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施) and their regional
 * variants seen in the corpus and beyond it (指标名称, 目标值, 权重, 评分,
 * 计量单位, 指标性质 …). Why as data: the columns come in any order and under
 * many names, and one reader (`indicatorColumnRole`) gives every header cell
 * its role, so a new header word is a word here and a row in
 * indicator-columns.test.ts, never a branch in indicator-table.ts.
 */
import { toCompactText } from '@budget-ingest/doc-model';

export type IndicatorRole = 'level1' | 'level2' | 'level3' | 'target' | 'actual' | 'weight' | 'score' | 'note' | 'unit' | 'op' | 'actual_unit';

/**
 * A role a second header row refines under a merged cell of the first: under 年度指标值 its
 * 指标性质 / 指标值 / 度量单位 (op, target, unit); under 实际完成值 a 度量单位 is the actual's unit.
 */
export const SUB_HEADER_ROLES: Partial<Record<IndicatorRole, Partial<Record<IndicatorRole, IndicatorRole>>>> = {
  actual: { unit: 'actual_unit', target: 'actual' },
};

/** How a header cell holds a word: it is the word, it starts with it, or it contains it. */
export type HeaderMatch = 'is' | 'starts' | 'contains';

export interface IndicatorColumnWords {
  readonly role: IndicatorRole;
  readonly match: HeaderMatch;
  readonly words: readonly string[];
}

/**
 * Ordered: the first row with a word in a header cell decides its role
 * (实际指标值 is `actual` before 指标值 could make it `target`; 指标性质 is the
 * comparison column, not a name). Words are NFKC-folded (（ → (, ： → :).
 */
export const INDICATOR_COLUMNS: readonly IndicatorColumnWords[] = [
  { role: 'level1', match: 'starts', words: ['一级指标'] },
  { role: 'level2', match: 'starts', words: ['二级指标'] },
  { role: 'op', match: 'is', words: ['指标性质', '指标方向', '比较符', '运算符', '符号'] },
  { role: 'unit', match: 'is', words: ['计量单位', '度量单位', '单位', '指标单位'] },
  { role: 'level3', match: 'starts', words: ['三级指标', '指标名称', '绩效指标名称', '具体指标', '指标内容'] },
  { role: 'actual', match: 'contains', words: ['实际完成', '实际值', '完成值', '实际达到', '全年实际', '实际完成情况', '实际指标值', '实际执行', '完成情况值'] },
  { role: 'target', match: 'contains', words: ['指标值', '目标值', '预期值', '预期指标', '计划值', '年度目标', '标准值', '绩效目标值'] },
  { role: 'weight', match: 'starts', words: ['分值', '权重', '标准分', '满分', '指标分值', '权重分'] },
  { role: 'score', match: 'starts', words: ['得分', '自评得分', '评分', '评价得分', '实际得分', '自评分'] },
  { role: 'note', match: 'contains', words: ['偏差原因', '未完成原因', '原因分析', '改进措施', '备注'] },
];

const HOLDS: Record<HeaderMatch, (cell: string, word: string) => boolean> = {
  is: (cell, word) => cell === word,
  starts: (cell, word) => cell.startsWith(word),
  contains: (cell, word) => cell.includes(word),
};

/** The role a header cell's text gives its column, or null. */
export function indicatorColumnRole(headerCell: string): IndicatorRole | null {
  const t = toCompactText(headerCell);
  return INDICATOR_COLUMNS.find((row) => row.words.some((w) => HOLDS[row.match](t, w)))?.role ?? null;
}
