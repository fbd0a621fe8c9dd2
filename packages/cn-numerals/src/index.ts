/**
 * @budget-ingest/cn-numerals — Chinese numerals, money, units, comparisons and
 * dates as exact decimals. Pure functions, no I/O; every value goes through
 * decimal.js and leaves as a decimal string. Parse functions return a
 * `ParseResult` (value or typed failure) and never throw on bad input; the
 * scanner never throws and skips what it cannot read.
 */
export { Dec, toDecimalString, toYuanString, type DecimalInput } from './decimal.ts';
export { failure, success, type ParseFailure, type ParseFailureReason, type ParseResult, type ParseSuccess } from './result.ts';
export { normalizeWidth } from './normalize.ts';
export { parseArabicNumber } from './arabic-number.ts';
export { parseChineseNumeral } from './chinese-numeral.ts';
export { OPS, parseOp, type Op } from './comparison.ts';
export { parseDate, parseFiscalYear, type DateValue } from './date.ts';
export { parseDocNumber, type DocNumber } from './doc-number.ts';
export { scanNumbers, EXPRESSION_KINDS, type ExpressionKind, type Measure, type NumberExpression, type ScanOptions } from './scanner.ts';
export { MONEY_UNITS, QUANTITY_UNITS, isMoneyUnit, type MoneyUnit } from './units.ts';
