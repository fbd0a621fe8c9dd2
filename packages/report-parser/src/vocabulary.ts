/** The value lists of the report contract, without the parser: the database schema builds its enums from them. */
export { AMOUNT_ITEMS, CLASSIFICATIONS, OPS, PHASES, REPORT_KINDS, VERIFICATIONS } from './types.ts';
