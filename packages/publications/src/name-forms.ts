/**
 * How one unit's name varies across its own publications, as data. Each rule is
 * a genre convention of Chinese government unit names, not a quirk of one
 * document; a new synonym is one row here and one row in the tests.
 */

/** Party and government prefixes that some publications print and others drop. */
export const DROPPED_PREFIXES: readonly string[] = ['中国共产党', '中共'];

/**
 * Common short forms and the full form they stand for (县医保局 = 县医疗保障局).
 * Keys are built on the full form, so either spelling gives the same key.
 */
export const SHORT_FORMS: readonly (readonly [short: string, full: string])[] = [
  ['医保局', '医疗保障局'],
  ['人社局', '人力资源和社会保障局'],
  ['发改委', '发展和改革委员会'],
  ['发改局', '发展和改革局'],
  ['卫健委', '卫生健康委员会'],
  ['卫健局', '卫生健康局'],
  ['住建局', '住房和城乡建设局'],
  ['住建委', '住房和城乡建设委员会'],
  ['规资局', '规划和自然资源局'],
  ['市监局', '市场监督管理局'],
  ['市场监管局', '市场监督管理局'],
  ['文旅局', '文化和旅游局'],
  ['文广旅体局', '文化广电旅游体育局'],
  ['应急局', '应急管理局'],
  ['教体局', '教育体育局'],
  ['科技局', '科学技术局'],
  ['交通局', '交通运输局'],
  ['农业农村局', '农业农村局'],
  ['退役军人局', '退役军人事务局'],
  ['政务服务局', '政务服务管理局'],
  ['政协', '中国人民政治协商会议委员会'],
  ['人大常委会', '人民代表大会常务委员会'],
  ['人大', '人民代表大会'],
  ['政府办', '人民政府办公室'],
];

/**
 * Spellings that mean the same in any unit name: …委员会 and …委 (中共…区委员会 /
 * …区委), 人民政府 and 政府, 街道办事处 and 街道.
 */
export const EQUIVALENT_SPELLINGS: readonly (readonly [long: string, short: string])[] = [
  ['委员会', '委'],
  ['人民政府', '政府'],
  ['街道办事处', '街道'],
];

/**
 * Units printed under their government's name or without it
 * (…区人民政府万里街道办事处 = 万里街道办事处): 政府 before a name ending so is dropped.
 */
export const GOVERNMENT_UNIT_ENDINGS: readonly string[] = ['街道', '镇', '乡'];

/** The level words an administrative name ends with; the short form (芦淞区 → 芦淞) drops them. */
export const REGION_SUFFIXES: readonly string[] = [
  '维吾尔自治区',
  '壮族自治区',
  '回族自治区',
  '特别行政区',
  '自治区',
  '自治州',
  '自治县',
  '地区',
  '省',
  '市',
  '区',
  '县',
  '旗',
  '盟',
];

/** A bare level word left at the start of a name once the region is gone (县医保局, 区委…). */
export const LEVEL_WORDS: readonly string[] = ['省', '市', '县', '区', '州', '旗', '盟'];

/** Words of a report's title that name its genre, not its project (for the project of a project report). */
export const TITLE_GENRE_WORDS: readonly string[] = [
  '财政项目支出绩效自评报告',
  '项目支出绩效自评报告',
  '项目支出绩效自评表',
  '专项资金预算项目绩效自评报告',
  '专项资金绩效自评报告',
  '专项资金绩效自评表',
  '绩效目标自评表',
  '绩效自评报告',
  '绩效自评表',
  '绩效评价报告',
  '自评报告',
  '自评表',
  '年度',
  '项目',
  '专项资金',
];

/** A budget or final accounts of one unit (单位预算) is another publication than its department's (部门预算). */
export const UNIT_SCOPE_WORDS: readonly string[] = ['单位预算', '单位决算'];
