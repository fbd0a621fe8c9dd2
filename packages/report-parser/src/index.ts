export * from './types.ts';
export { parseDocument, PARSER_VERSION } from './parse-document.ts';
export { outOfScope, type OutOfScope, type OutOfScopeCode } from './out-of-scope.ts';
export { compareWithGold, formatEvalReport, sumScores, normaliseName, FIELD_GROUPS } from './eval/index.ts';
export type { EvalResult, EvalRow, GroupScore, Difference, FieldGroup } from './eval/index.ts';
export { COMPARED, EMITTED, figuresIn, labelled, moneyIn, type Figure, type FigureKind, type MoneyFigure, type MoneyRules } from './figures/index.ts';
