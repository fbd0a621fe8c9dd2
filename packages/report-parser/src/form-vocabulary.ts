/**
 * The vocabulary of self-evaluation forms and indicator tables, as data: which
 * column a header cell names, which 三级指标 texts are template placeholders,
 * which row is the 总分 row, which words are a rating, which header cells name
 * the reporting unit. A new synonym is one row here (with a test row), never a
 * new branch in a reader. Texts are normalised (NFKC, no white space).
 */

export type IndicatorRole = 'level1' | 'level2' | 'level3' | 'target' | 'actual' | 'weight' | 'score' | 'note' | 'unit' | 'op';

/**
 * Column roles of an indicator table, by header text. Ordered: the first row
 * that matches a header cell decides its role (实际指标值 is `actual` before
 * 指标值 could make it `target`; 指标性质 is the comparison column, not a name).
 */
export const INDICATOR_COLUMN_ROLES: readonly (readonly [IndicatorRole, RegExp])[] = [
  ['level1', /^一级指标/],
  ['level2', /^二级指标/],
  ['op', /^(指标性质|指标方向|比较符|运算符|符号)$/],
  ['unit', /^(计量单位|度量单位|单位|指标单位)$/],
  ['level3', /^(三级指标|指标名称|绩效指标名称|具体指标|指标内容)/],
  ['actual', /(实际完成|实际值|完成值|实际达到|全年实际|实际完成情况|实际指标值|实际执行|完成情况值)/],
  ['target', /(指标值|目标值|预期值|预期指标|计划值|年度目标|标准值|绩效目标值)/],
  ['weight', /^(分值|权重|标准分|满分|指标分值|权重分)/],
  ['score', /^(得分|自评得分|评分|评价得分|实际得分|自评分)/],
  ['note', /(偏差原因|未完成原因|原因分析|改进措施|备注)/],
];

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
export const FORM_TITLE = /(绩效(?:目标)?自评表|绩效评价表|绩效自评结果表)(?:\([^()]{1,6}\))?$|(?:项目|专项|资金|经费|整体)(?:支出)?绩效自评$/;

/** A form title of a department as a whole; any other form is about a project or fund. */
export const DEPARTMENT_FORM = /整体/;

/** How the name of a government unit ends (局, 委员会, 中心, 学校, 政协 …). */
export const ORGANISATION_ENDING = /(局|委员会|委|办公室|办|院|厅|中心|中学|小学|大学|联合会|协会|会|部|所|站|馆|队|学校|校|政府|办事处|处|社|团|室|庭|园|政协|人大|党委|组|署|台|场)$/;

/**
 * Phrasings of a self-evaluation score in prose: the label, then 为/是/: and
 * the figure with 分 (自评得分为93.8分, 项目自评分:100分, 综合评分95分).
 */
export const SCORE_LABELS = /(自评得分|绩效得分|评价得分|综合得分|总得分|最终得分|自评总分|总体得分|综合评分|评价总分|自评分数|自评分|评价分数|考核得分|得分合计|评分)/;

/** Prose that states the rating: 评价等级为"优", 自评结果为优秀, 评定为良好等次, 等次为"良". */
export const RATING_PHRASES: readonly RegExp[] = [
  /(?:评价结果|自评结果|评价等级|自评等级|绩效等级|绩效评级|评价等次|自评等次|等级|等次|评级|评价结论|自评结论)(?:为|是|:|评定为|确定为)?"?(优秀|优|良好|良|中等|中|合格|及格|差|较差|不合格)(?!化|先|势|质|惠|点)/,
  /(?:评定为|评为|认定为|属于|达到)"?(优秀|优|良好|良|中等|合格|及格|差|不合格)"?(?:等次|等级|档次|级)/,
];

/**
 * Row labels of a form's money block (项目资金 / 资金情况) in its regional
 * variants that the general item vocabulary leaves unnamed: a bare 总额, 财政资金.
 */
export const MONEY_BLOCK_LABELS: readonly (readonly [RegExp, 'total_expenditure' | 'fiscal_appropriation'])[] = [
  [/^(?:年度|全年|项目)?(?:资金)?总额[:]?$/, 'total_expenditure'],
  [/^(?:其中[:]?)?(?:当年|本年)?财政(?:资金|性资金)[:]?$/, 'fiscal_appropriation'],
];
