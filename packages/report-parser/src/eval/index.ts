export { compareWithGold, normaliseName, FIELD_GROUPS } from './compare.ts';
export type { EvalResult, GroupScore, Difference, FieldGroup } from './compare.ts';
export { formatEvalReport, sumScores } from './format.ts';
export type { EvalRow } from './format.ts';
