/**
 * The report kinds of the genre, one spec each: how a kind is recognised
 * (its title lines, the words of a document without a title), how it splits
 * from a document that holds several reports, its default phase, which
 * readers run on it and which checks apply. The registry is declared
 * `satisfies Record<ReportKind, ReportKindSpec>`: a new kind in REPORT_KINDS
 * fails to compile until it has a spec, and a spec lacking a part fails too.
 * Everything else asks the spec; report-kind literals live only here.
 */
import type { Phase, ReportKind } from '../types.ts';
import { ACCOUNTS_TITLE_END, TITLE_REMARK, UNIT_ACCOUNTS_TITLE, BUDGET_EVIDENCE, DEPARTMENT_EVIDENCE, FINAL_ACCOUNTS_EVIDENCE, PROJECT_EVIDENCE, SELF_EVALUATION_CORE, SELF_EVALUATION_EVIDENCE, SELF_EVALUATION_TITLE, SELF_EVALUATION_TITLE_END, type KindEvidence } from '../genre/report-words.ts';

/** A pattern of words: `words` matches, `unless` (when given) does not. */
export interface KindPattern {
  readonly words: RegExp;
  readonly unless?: RegExp;
}

/** Groups of checks (checks/index.ts runs the groups the report's kind lists). */
export const CHECK_GROUPS = ['tables', 'table-agreement', 'report', 'headline-text', 'functional-text', 'stated-changes', 'execution-rates', 'comparison-years'] as const;
export type CheckGroup = (typeof CHECK_GROUPS)[number];

export interface ReportKindSpec {
  /** Title lines (normalised, a short line ending in the kind's name) that name this kind. */
  readonly titles: readonly KindPattern[];
  /** For a document without a title line: heading, caption and paragraph words that count toward this kind. */
  readonly contentWords: readonly KindPattern[];
  /** Whether a self-evaluation form's title (form-vocabulary FORM_TITLE) counts as those words. */
  readonly formTitleCounts: boolean;
  /** How many blocks must carry the words before the document reads as this kind. */
  readonly contentMinimum: number;
  /**
   * For a document whose title names no kind and whose words are not enough for `contentWords`:
   * the vocabulary (headings, text, table and form header cells) that counts toward this kind
   * when its kind is inferred (kind-recognition.ts), each word with its weight.
   */
  readonly evidence: readonly KindEvidence[];
  /** Words of a standard table's title that say the table is this kind's (决算 / 预算), or null. */
  readonly tableTitleWord: RegExp | null;
  /**
   * How the kind splits from a containing document: a `main` report (部门预算 / 部门决算) may carry
   * other reports in its 附件 and a later 第N部分 heading returns to it; a `part` is one such report.
   */
  readonly role: 'main' | 'part';
  /** What a self-evaluation is about (a form's 整体 names the department), null for a budget or final accounts. */
  readonly subject: 'department' | 'project' | null;
  /** The phase of a figure whose text or table names none. */
  readonly defaultPhase: Phase;
  readonly readers: {
    /** 经济分类 lines stated in the text (工资福利支出 …). */
    readonly economicLines: boolean;
    /** A project report's totals (项目总投资, 资金到位 …) and its project's name for its lines. */
    readonly projectTotals: boolean;
    /** The self-evaluation score and rating. */
    readonly selfEvaluation: boolean;
  };
  /** The check groups that apply. */
  readonly checks: readonly CheckGroup[];
}

const SELF_EVALUATION_WORDS = /绩效(自评|评价)(报告|表)/;

export const REPORT_KIND_SPECS = {
  department_performance_self_evaluation: {
    // After the project kind (REPORT_KIND_ORDER): a title that names a project, fund or appropriation is the project's.
    titles: [{ words: SELF_EVALUATION_TITLE }],
    contentWords: [{ words: SELF_EVALUATION_WORDS, unless: /^(?!.*整体).*(项目|专项)/ }],
    formTitleCounts: true,
    contentMinimum: 1,
    evidence: [...SELF_EVALUATION_EVIDENCE, ...DEPARTMENT_EVIDENCE],
    tableTitleWord: null,
    role: 'part',
    subject: 'department',
    defaultPhase: 'actual',
    readers: { economicLines: false, projectTotals: false, selfEvaluation: true },
    checks: CHECK_GROUPS,
  },
  project_performance_self_evaluation: {
    // A report about a project, a special fund or an appropriation (…经费绩效自评报告), not the department as a whole.
    titles: [{ words: new RegExp(`(项目|专项|经费|资金).{0,20}${SELF_EVALUATION_CORE}(?:${SELF_EVALUATION_TITLE_END}|自查报告)${TITLE_REMARK}$`), unless: /整体/ }],
    contentWords: [{ words: SELF_EVALUATION_WORDS, unless: /^(?!.*(项目|专项))|整体/ }],
    formTitleCounts: true,
    contentMinimum: 1,
    evidence: [...SELF_EVALUATION_EVIDENCE, ...PROJECT_EVIDENCE],
    tableTitleWord: null,
    role: 'part',
    subject: 'project',
    defaultPhase: 'actual',
    readers: { economicLines: false, projectTotals: true, selfEvaluation: true },
    checks: CHECK_GROUPS,
  },
  department_final_accounts: {
    titles: [{ words: new RegExp(`(部门|单位)决算${ACCOUNTS_TITLE_END}`) }, { words: UNIT_ACCOUNTS_TITLE('决算') }],
    contentWords: [{ words: /(部门|单位)决算|(收支|收入|支出|拨款|经费).{0,12}决算(总表|表)/ }],
    formTitleCounts: false,
    // Budget words need repeating (the tables of a 部门决算 without a cover).
    contentMinimum: 3,
    evidence: FINAL_ACCOUNTS_EVIDENCE,
    tableTitleWord: /决算/,
    role: 'main',
    subject: null,
    defaultPhase: 'actual',
    readers: { economicLines: true, projectTotals: false, selfEvaluation: false },
    checks: CHECK_GROUPS,
  },
  department_budget: {
    titles: [{ words: new RegExp(`(部门|单位)预算${ACCOUNTS_TITLE_END}`) }, { words: UNIT_ACCOUNTS_TITLE('预算') }],
    contentWords: [{ words: /(部门|单位)预算|(收支|收入|支出|拨款|经费).{0,12}预算(总表|表)/ }],
    formTitleCounts: false,
    contentMinimum: 3,
    evidence: BUDGET_EVIDENCE,
    tableTitleWord: /预算/,
    role: 'main',
    subject: null,
    defaultPhase: 'budget_initial',
    readers: { economicLines: true, projectTotals: false, selfEvaluation: false },
    checks: CHECK_GROUPS,
  },
} as const satisfies Record<ReportKind, ReportKindSpec>;

/**
 * The order kinds are tried in: a more specific title before a looser one (a project's
 * 绩效自评报告 before the department's), 决算 before 预算 (a 决算 table title may cite the 预算).
 */
export const REPORT_KIND_ORDER: readonly ReportKind[] = ['project_performance_self_evaluation', 'department_performance_self_evaluation', 'department_final_accounts', 'department_budget'];

/** The kind a report starts as when text comes before any title (the first title, or the words of the document, then name it). */
export const UNTITLED_KIND: ReportKind = 'department_performance_self_evaluation';

export function reportKindSpec(kind: ReportKind): ReportKindSpec {
  return REPORT_KIND_SPECS[kind];
}

/** Whether the pattern holds for the text (`alsoWords`: something else stands for its words, e.g. a form's title). */
export const matches = (p: KindPattern, text: string, alsoWords = false): boolean => (alsoWords || p.words.test(text)) && !(p.unless?.test(text) ?? false);

/** A 部门预算 or 部门决算: a report other reports can be parts of. */
export const isMainKind = (kind: ReportKind): boolean => REPORT_KIND_SPECS[kind].role === 'main';

/** The phase of a figure that names none, in a report of this kind (actual when the kind is not known). */
export const defaultPhaseOf = (kind: ReportKind | null): Phase => (kind === null ? 'actual' : REPORT_KIND_SPECS[kind].defaultPhase);

/** The self-evaluation kind about this subject (a form's title says 整体 for the department). */
export function selfEvaluationKind(subject: 'department' | 'project'): ReportKind {
  return REPORT_KIND_ORDER.find((k) => REPORT_KIND_SPECS[k].subject === subject)!;
}
