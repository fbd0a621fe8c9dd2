/**
 * The vocabulary of self-evaluation forms and indicator tables, as data (the
 * header words of an indicator table's columns are in genre/indicator-columns.ts):
 * which 三级指标 texts are template placeholders, which row is the 总分 row,
 * which words are a rating, which header cells name the reporting unit. A new synonym is one row here (with a test row), never a
 * new branch in a reader. Texts are normalised (NFKC, no white space).
 */

/**
 * 三级指标 texts that are a template's placeholders, not indicators: 无, /, -,
 * ……/......, a bare numbered slot (指标1, 指标2:, 指标3：/), 其他 / 其他指标.
 */
export const PLACEHOLDER_INDICATORS: readonly RegExp[] = [
  /^$/,
  /^(无|空|略|\/|-+|—+|_+|\*+|x+)$/i,
  /^[.。·…⋯]+$/,
  /^(?:指标|三级指标)?[\d一二三四五六七八九十]+[:、.]?(?:无|\/|-+|—+|[.。·…⋯]*)$/,
  /^(?:指标|三级指标)[\d一二三四五六七八九十]*[:、.]?(?:无|\/|-+|—+|[.。·…⋯]*)$/,
  /^其他(指标)?[:]?$/,
];

/** A 偏差原因 / 备注 cell that says nothing (a printed 0 is kept: it is what the form states). */
export const BLANK_NOTE = /^(无|空|\/|-+|—+)?$/;

/** The row that closes an indicator table: its 得分 is the report's score. */
export const TOTAL_ROW_LABELS = /^(总分|合计|总计|综合得分|自评总分|总得分|综合评分|评价总分|得分合计|分值合计)$/;

/** Rating words as printed in a form's 总分 row or beside it, and in prose. */
export const RATING_WORDS = /^(优秀|优|良好|良|中等|中|合格|及格|差|较差|不合格|A|B|C|D)$/;

/** Labels of a rating printed in a cell of its own, or in prose before the grade. */
export const RATING_LABELS = /(评价结果|自评结果|评价等级|自评等级|绩效等级|绩效评级|评价等次|自评等次|等级|等次|评级)/;

/**
 * Header cells that name a unit, ranked: the unit that reports (实施单位,
 * 填报单位, 部门（单位）名称 …) before the 主管部门 printed beside it, which is
 * taken only when the form names no other unit.
 */
export const ORGANISATION_LABELS: readonly (readonly [RegExp, number])[] = [
  [/^(实施单位|项目实施单位|填报单位|报送单位|编制单位|部门\(单位\)名称|单位名称|部门名称|预算单位名称|[区县市省]级预算单位名称|预算单位|项目单位|执行单位|评价单位)(?:\(盖章\))?[:]?/, 0],
  [/^(主管部门|预算主管部门|主管单位|项目主管部门)(?:\(盖章\))?[:]?/, 1],
];

/**
 * Form titles: a line naming a self-evaluation form (项目支出绩效自评表,
 * 部门整体支出绩效自评表, 绩效目标自评表, 专项资金绩效自评表), optionally with a
 * trailing (修改)-style remark, or a page title ending in …支出绩效自评.
 */
export const FORM_TITLE = /(绩效(?:目标|评价)?自评(?:评分)?表|绩效评价(?:评分)?表|绩效自评结果表)(?:\([^()]{1,6}\))?$|(?:项目|专项|资金|经费|整体)(?:支出)?绩效自评$/;

/** A form title of a department as a whole; any other form is about a project or fund. */
export const DEPARTMENT_FORM = /整体/;

/**
 * An internal section of a department (规划股, 财务室, 综合科, 办公室, 项目组; 县财政局预算股):
 * a name ending in 股 / 科 / 室 / 组 that names no place and no unit before it, or that
 * follows a unit's name. It does not report on its own: the form's 主管部门 is the unit.
 */
export const INTERNAL_SECTION = /^[^省市县区州旗镇乡局委厅院府会]{1,8}(股|科|室|组)$|(局|委|厅|院|中心)[^局委厅院]{1,8}(股|科|室|组)$/;

/** How the name of a government unit ends (局, 委员会, 中心, 学校, 政协 …). */
export const ORGANISATION_ENDING = /(局|委员会|委|办公室|办|院|厅|中心|中学|小学|大学|联合会|协会|会|部|所|站|馆|队|学校|校|政府|办事处|处|社|团|室|庭|园|政协|人大|党委|组|署|台|场)$/;

/**
 * Phrasings of a self-evaluation score in prose: the label, then 为/是/: and
 * the figure with 分 (自评得分为93.8分, 项目自评分:100分, 综合评分95分).
 */
export const SCORE_LABELS = /(自评得分|绩效得分|评价得分|综合得分|总得分|最终得分|自评总分|总体得分|综合评分|评价总分|自评分数|自评分|评价分数|考核得分|得分合计|评分)/;

/** A score after one of SCORE_LABELS: the label, then 为/是/: and the figure with 分 (group 2). */
export const SCORE_STATEMENT = new RegExp(`${SCORE_LABELS.source}(?:为|是|:|达到|共计)?(\\d{1,3}(?:\\.\\d+)?)分`, 'g');

/** The unit a score is printed in (95分): a figure of the figure layer in it, after BARE_SCORE_LABEL, is a score. */
export const SCORE_UNIT = '分';

/**
 * A score stated with a bare 得分 / 结果 (经自评，该项目得分为95分; 绩效自评结果为93分): read
 * only when the sentence before names the evaluation (EVALUATION_WORDS) and the clause names no
 * indicator, weight or deduction (NOT_REPORT_SCORE), so one indicator's 得分8分 is not the report's.
 */
export const BARE_SCORE_LABEL = /(?:得分|结果|得)(?:为|是|:)?$/;
export const EVALUATION_WORDS = /自评|绩效评价|综合评价|综合评定|评价/;
export const NOT_REPORT_SCORE = /指标|分值|权重|满分|扣|标准分/;

/** Prose that states the rating: 评价等级为"优", 自评结果为优秀, 评定为良好等次, 等次为"良". */
export const RATING_PHRASES: readonly RegExp[] = [
  /(?:评价结果|自评结果|评价等级|自评等级|绩效等级|绩效评级|评价等次|自评等次|等级|等次|评级|评价结论|自评结论)(?:为|是|:|评定为|确定为)?"?(优秀|优|良好|良|中等|中|合格|及格|差|较差|不合格)(?!化|先|势|质|惠|点)/,
  /(?:评定为|评为|认定为|属于|达到)"?(优秀|优|良好|良|中等|合格|及格|差|不合格)"?(?:等次|等级|档次|级)/,
];
