import { FINDING_RULES, type FindingRule } from '../finding-rules.ts';
import type { FindingSeverity, ValidationFinding, ValueRef } from '../types.ts';

/** A finding of a rule (declared in finding-rules.ts), at the rule's severity unless told. */
export function findingOf(
  rule: FindingRule,
  message: string,
  values: { expected: string | null; actual: string | null; values?: readonly ValueRef[] },
  pages: readonly (number | null)[],
  severity: FindingSeverity = FINDING_RULES[rule].severity,
): ValidationFinding {
  const ps = [...new Set(pages.filter((p): p is number => p !== null))].sort((a, b) => a - b);
  const named = values.values?.length ? { values: values.values } : {};
  return { rule, severity, message, expected: values.expected, actual: values.actual, pages: ps, ...named };
}
