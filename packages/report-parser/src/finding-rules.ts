/** How bad a finding is: error (figures contradict), warning (likely problem), info. */
export type FindingSeverity = 'error' | 'warning' | 'info';

/**
 * Every rule a validation finding can name: its stable id (stored with each
 * finding, kebab-case, never renamed: stored findings and tests refer to it),
 * its default severity and what a failure means. The one place a rule is
 * declared; `FindingRule` is the union of these ids.
 */
export const FINDING_RULES = {
  'row-sum-total-basic-project': { severity: 'error', meaning: "A row's 合计 is not 基本支出 + 项目支出 (+ 上缴上级/经营/对附属单位补助 where printed)." },
  'row-sum-income-sources': { severity: 'error', meaning: "A row's 合计 of the 收入表 is not the sum of its sources (财政拨款, 事业收入, 其他收入 …)." },
  'row-sum-personnel-public': { severity: 'error', meaning: 'A row of the 基本支出表 whose 合计 is not 人员经费 + 公用经费.' },
  'row-sum-three-public': { severity: 'error', meaning: '“三公”经费 合计 is not 出国 + 公务用车 + 接待, or 公务用车 is not 购置 + 运行.' },
  'parent-sum-children': { severity: 'error', meaning: 'A 类 is not the sum of its 款, or a 款 not the sum of its 项.' },
  'total-sum-classes': { severity: 'error', meaning: "The table's 合计 is not the sum of its 类 rows." },
  'parts-sum-basic-project': { severity: 'error', meaning: '基本支出 + 项目支出 differs from 本年支出合计 (headline amounts).' },
  'parts-sum-personnel-public': { severity: 'error', meaning: '人员经费 + 公用经费 differs from 基本支出.' },
  'table-agreement-total-expenditure': { severity: 'error', meaning: '收支总表 and 支出表 print different 本年支出合计.' },
  'table-agreement-total-income': { severity: 'error', meaning: '收支总表 and 收入表 print different 本年收入合计.' },
  'table-agreement-class-amounts': { severity: 'error', meaning: 'A 类 amount of a summary table differs from the 类 row of the functional table.' },
  'table-agreement-general-budget': { severity: 'error', meaning: "一般公共预算 of the 财政拨款收支总表 / 收支总表 differs from the 一般公共预算支出表's 合计." },
  'table-agreement-basic-expenditure': { severity: 'error', meaning: "基本支出 of the 一般公共预算支出表 differs from the 基本支出表's 合计." },
  'sources-disagree': { severity: 'warning', meaning: 'Two files of one publication print one value differently (found by the loader when it reconciles the publication; on the canonical report, naming both files, values and pages).' },
  'text-table-mismatch': { severity: 'error', meaning: 'A figure in the text differs from the same figure in a table.' },
  'stated-change-mismatch': { severity: 'error', meaning: 'A stated change ("比上年增加21.74%") does not follow from the figures it compares.' },
  'execution-rate-mismatch': { severity: 'error', meaning: 'An execution rate ("完成年初预算的98.20%") is not actual ÷ budget.' },
  'code-name-mismatch': { severity: 'warning', meaning: 'A 类/款/项 named in the text under a code has another name in the tables.' },
  'figure-stated-twice': { severity: 'error', meaning: 'The text states the same figure twice with different values.' },
  'fiscal-year-title-mismatch': { severity: 'error', meaning: "A table title's year (or the report title's) differs from the report's fiscal year." },
  'comparison-year-mismatch': { severity: 'warning', meaning: 'A comparison ("比2023年…") names a year other than the year before the report\'s.' },
  'weights-sum-total': { severity: 'warning', meaning: 'Indicator weights do not add up to 100 (总分).' },
  'scores-sum-total': { severity: 'error', meaning: 'Indicator scores do not add up to the stated 总分 score.' },
  'score-exceeds-weight': { severity: 'error', meaning: 'An indicator scores more than its weight.' },
  'same-figure-different-values': { severity: 'warning', meaning: 'One amount (item, phase, year) is stated with different values; the table’s (else the first) is kept, the others become alternatives.' },
  'ocr-corrected-by-sum': { severity: 'info', meaning: 'A figure read by OCR made a sum fail; exactly one reading of a digit OCR confuses (1/7, 0/8/6, 5/6, 3/8, ./,) makes it hold, and the value is that reading (corrected-by-sum, the printed reading kept).' },
  'region-ambiguous': { severity: 'warning', meaning: 'The organisation and title name a place several 行政区划 share; the region is left empty.' },
} as const satisfies Record<string, { readonly severity: FindingSeverity; readonly meaning: string }>;

export type FindingRule = keyof typeof FINDING_RULES;
export const FINDING_RULE_IDS = Object.keys(FINDING_RULES) as FindingRule[];

/**
 * Every code a parse warning can carry: a problem reading the document (not a
 * contradiction in it), stored with the document apart from the findings.
 */
export const PARSE_WARNING_CODES = {
  'no-text': 'The document has no text blocks.',
  'no-report-found': 'No report title and no report vocabulary found; the document is not read as a report.',
  'empty-untitled-report': 'An untitled part yielded no figures and was left out.',
  'no-report-title': 'No report title found; the document was read as one report.',
  'money-unit-chosen': 'A small table states no money unit: it was read in the unit (元 or 万元) whose figures the running text restates; the message gives the evidence.',
  'table-quality': "A standard table's quality report: unit stated or assumed, columns recognised, rows and figures read, comparisons with its figures that agree and disagree, and a score (0–1).",
  'kind-inferred': 'No title or repeated kind words name the report kind: it was inferred from the document as a whole (its vocabulary, tables and figures); the message gives the confidence and the evidence.',
  'table-unit-missing': "A standard table states no money unit; it is read in the unit most of the document's tables state.",
  'table-columns-unrecognised': "No money column was recognised in a standard table's header; its figures are not read.",
} as const satisfies Record<string, string>;

export type ParseWarningCode = keyof typeof PARSE_WARNING_CODES;
export const PARSE_WARNING_CODE_IDS = Object.keys(PARSE_WARNING_CODES) as ParseWarningCode[];
