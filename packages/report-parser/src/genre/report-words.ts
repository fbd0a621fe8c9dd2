/**
 * The words that say what a document is, as data: how a report's title ends
 * (报告, 情况说明, 自查报告, 结果 …), the vocabulary of each kind's headings,
 * text, tables and form header cells that counts as evidence when no title
 * names the kind, and the titles of documents that are not a department's
 * report (government work reports, disclosure annual reports). Why as data:
 * the next province words its title differently; a new wording is a word
 * here and a test row, never a branch in the splitter.
 */

/** The core of a self-evaluation's title: 绩效自评, 绩效评价, 绩效自查, 绩效评价自查 …. */
export const SELF_EVALUATION_CORE = '绩效(?:单位|部门)?(?:自评|评价|自查)(?:自查|自评)?';

/**
 * How a self-evaluation's title ends after its core: 报告 (报告书), or, when the
 * title names what was evaluated before (a year, 支出, 项目 …), 情况说明, 说明 or 结果.
 */
export const SELF_EVALUATION_TITLE_END = '(?:工作)?(?:情况)?(?:总结)?的?(?:总报告|报告书?|说明|结果)';

/** A remark in brackets after a title: (公开版), (修订). */
export const TITLE_REMARK = '(?:\\([^()]{1,8}\\))?';

/** Words before the core that make a loose ending (说明, 结果) a title, not a section heading. */
export const TITLE_SUBJECT = '(?:\\d{4}年度?|支出|项目|整体|资金|经费)';

/** A self-evaluation title: `报告` after the core, or a loose ending after a subject word. */
export const SELF_EVALUATION_TITLE = new RegExp(`${SELF_EVALUATION_CORE}(?:的?(?:总报告|报告书?)|自查报告)${TITLE_REMARK}$|${TITLE_SUBJECT}.{0,30}${SELF_EVALUATION_CORE}${SELF_EVALUATION_TITLE_END}${TITLE_REMARK}$`);

/** How a budget's or final accounts' title ends after its kind (部门预算, 部门决算公开, 部门决算情况说明). */
export const ACCOUNTS_TITLE_END = `(?:报告|公开)?(?:情况说明|说明)?${TITLE_REMARK}$`;

/**
 * A budget's or final accounts' title that names the unit itself instead of 部门/单位
 * (重庆市綦江区公路事务中心决算公开说明, 广东省财政厅…“三公”经费支出决算情况说明): the
 * unit's ending (ORGANISATION_ENDING is matched by the spec), an optional year, then the kind.
 */
export const UNIT_ACCOUNTS_TITLE = (kind: '决算' | '预算'): RegExp =>
  new RegExp(`(?:${UNIT_TITLE_ENDINGS})(?:\\d{4}年度?)?(?:[^,。]{0,24}"?三公"?经费[^,。]{0,8})?${kind}(?:公开)?(?:情况说明|说明|情况)?${TITLE_REMARK}$`);

/** Endings of a unit's name in a title (a subset of form-vocabulary's ORGANISATION_ENDING that no budget word ends with). */
export const UNIT_TITLE_ENDINGS = '局|委员会|委|办公室|院|厅|中心|学校|政府|办事处|馆|站|所|队|政协|人大';

/** One piece of evidence for a kind: words in a block's text, worth `weight` (counted at most `cap` blocks). */
export interface KindEvidence {
  readonly words: RegExp;
  readonly weight: number;
}

/** Counted at most this many blocks per piece of evidence: one word repeated on every page does not decide alone. */
export const EVIDENCE_CAP = 3;

/** Vocabulary of every self-evaluation, of a department or a project. */
export const SELF_EVALUATION_EVIDENCE: readonly KindEvidence[] = [
  { words: /绩效目标|绩效指标|年度指标值|实际完成值/, weight: 2 },
  { words: /自评|自查|绩效评价/, weight: 2 },
  { words: /得分|分值|评价结论|自评结论|评价等级/, weight: 1 },
  { words: /产出指标|效益指标|满意度指标|成本指标/, weight: 2 },
  { words: /预算执行率|资金使用|资金管理/, weight: 1 },
];

/** What a department-wide self-evaluation adds: the department as a whole, its functions and staff. */
export const DEPARTMENT_EVIDENCE: readonly KindEvidence[] = [
  { words: /部门整体|整体支出|单位整体/, weight: 3 },
  { words: /部门基本情况|单位基本情况|部门职能|部门职责|机构设置|人员编制|年度主要任务/, weight: 2 },
];

/** What a project's self-evaluation adds: the project, its funds and their arrival. */
export const PROJECT_EVIDENCE: readonly KindEvidence[] = [
  { words: /项目名称|项目概况|项目基本情况|项目实施|项目绩效目标/, weight: 2 },
  { words: /资金到位|到位资金|实施单位/, weight: 2 },
];

/** Vocabulary of final accounts: the 决算 tables and their words. */
export const FINAL_ACCOUNTS_EVIDENCE: readonly KindEvidence[] = [
  { words: /(部门|单位)决算|决算(总表|表)|收支决算|决算数/, weight: 3 },
  { words: /"?三公"?经费.{0,8}决算/, weight: 3 },
  { words: /年末结转|年初结转|本年收入合计|本年支出合计/, weight: 1 },
];

/** Vocabulary of budgets: the 预算 tables and their words (预算执行 is a self-evaluation's). */
export const BUDGET_EVIDENCE: readonly KindEvidence[] = [
  { words: /(部门|单位)预算|预算(总表|表)|收支预算|(收入|支出)预算(?!执行)|预算安排/, weight: 3 },
  { words: /"?三公"?经费.{0,8}预算(?!执行)/, weight: 3 },
  { words: /上年结转|本年收入合计|本年支出合计/, weight: 1 },
];

/** Fewest money figures a document must print before its kind is inferred from its words alone. */
export const INFERENCE_MIN_FIGURES = 2;
/** Least evidence for the best kind before a document without a title is read as that kind. */
export const INFERENCE_MIN_SCORE = 5;

/**
 * Documents that are not a department's report, by their title (among a
 * document's first lines): a government's work report (政府工作报告), a
 * government information disclosure annual report (政府信息公开工作年度报告).
 * Each has its code, the words and the reason stored with the document.
 */
/**
 * A finance bureau's summary of a whole government level's “三公” budget or final accounts
 * (市级部门(单位)“三公”经费预算汇总, 经县财政局汇总 … 县各部门): a 三公 title among the first
 * lines, a summary word and a level or all departments in the text. One department's 三公 report
 * names no level and sums nothing up.
 */
export const GOVERNMENT_THREE_PUBLIC = {
  title: /"?三公"?经费.{0,16}(预算|决算)/,
  summary: /汇总/,
  level: /市级|县级|区级|省级|全市|全县|全区|全省|各部门|各乡镇/,
  reason: '政府本级各部门“三公”经费的汇总公开，不是一个部门的预决算或绩效自评报告',
} as const;

export const OUT_OF_SCOPE_TITLES = [
  { code: 'government-work-report', words: /政府工作报告$/, reason: '政府工作报告，不是部门预决算或绩效自评报告' },
  { code: 'disclosure-annual-report', words: /(政府)?信息公开工作年度报告$|信息公开年度报告$/, reason: '政府信息公开工作年度报告，不是部门预决算或绩效自评报告' },
] as const;

/**
 * How a note printed in a table's own row opens (注：…, 说明：…, 备注：…): its text is
 * running text (a tables-only budget prints its 机关运行经费 and 政府采购 there).
 */
export const TABLE_NOTE_OPENER = /^(?:注|说明|备注)\d?[:]/;
