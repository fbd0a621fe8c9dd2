export * from './types.ts';
export { parseDocument, PARSER_VERSION } from './parse-document.ts';
export { createTrace, traceEntries, CHOICE_RULES, DROP_REASONS, REJECT_REASONS, type AmountTrace, type ChoiceRule, type DropReason, type IndicatorTrace, type LineStatement, type LineTrace, type ParseTrace, type RejectedTrace, type RejectReason, type TraceEntry, type TracedStatement } from './trace.ts';
export { FINDING_RULES, FINDING_RULE_IDS, PARSE_WARNING_CODES, type FindingRule, type ParseWarningCode } from './finding-rules.ts';
export { findingOf } from './checks/rules.ts';
export { outOfScope, type OutOfScope, type OutOfScopeCode } from './out-of-scope.ts';
export { COMPARED, EMITTED, figuresIn, indicatorFigure, labelled, moneyIn, yearsIn, type Figure, type FigureKind, type IndicatorFigure, type MoneyFigure, type MoneyRules, type PrintedYear } from './figures/index.ts';
