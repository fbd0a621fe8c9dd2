/**
 * Words that place a figure in the year before the report's, as data: 上年 /
 * 上年度 / 上一年度 / 去年, a label that is only such a year (上年为, 2021年:),
 * and a comparison that prints the earlier year's figure before its change
 * (较上年15.6万元减少3.3万元). One list for every reader.
 */

/** The year before the report's, as the genre names it. */
export const PRIOR_YEAR_WORDS: readonly string[] = ['上一年度', '上一年', '上年度', '上年', '去年'];

const PRIOR = PRIOR_YEAR_WORDS.join('|');

/** A label about the year before (上年决算支出…), not a comparison with it (比上年 …) nor 上年同期. */
export const PRIOR_YEAR_LABEL = new RegExp(`(?<![比较与同])(${PRIOR})(?!同期)`);

/**
 * A label that is only a year (上年为, 去年:, 2021年为, (2021年:): the figure after it is the
 * item the sentence just named, in that year. Group 1: a prior-year word; group 2: a printed year.
 */
export const YEAR_ONLY_LABEL = new RegExp(`^\\(?(?:(${PRIOR})|(\\d{4})年度?)(?:同期)?(?:为|是|:|数)?$`);

/**
 * A comparison that names the earlier year and prints its figure, the change following it
 * (较上年15.6万元减少3.3万元, 比2021年的15.6万元增加): group 1 a prior-year word, group 2 a year.
 */
export const COMPARED_YEAR_LABEL = new RegExp(`(?:较|比|与)(?:(${PRIOR})|(\\d{4})年度?)(?:同期)?(?:的)?$`);
