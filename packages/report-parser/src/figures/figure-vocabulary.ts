/** Units of things counted one by one: a quantity in them is a count (a whole number of people, times, items). */
export const COUNT_UNITS: ReadonlySet<string> = new Set(['人', '人次', '人/次', '户', '户次', '次', '个', '家', '件', '项', '批次', '车次', '架次', '场', '场次', '所', '名', '位', '台', '套', '台（套）', '台(套)', '辆', '篇', '期', '份', '本', '册', '条', '座', '处', '张', '部']);
