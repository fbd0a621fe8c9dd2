/**
 * What a value is, the same in every file of one publication: the key under which two sources'
 * values are compared (reconcile) and merged (export by publication).
 */
export const amountKey = (a: { readonly item: string; readonly phase: string; readonly fiscal_year: number | string }) =>
  `amount|${a.item}|${a.phase}|${a.fiscal_year}`;

/** A line by its code, or by its path when it has none. */
export const lineKey = (l: {
  readonly classification: string;
  readonly code: string | null;
  readonly path: readonly string[];
  readonly phase: string;
  readonly fiscal_year: number | string;
}) => `line|${l.classification}|${l.code ?? l.path.join('/')}|${l.phase}|${l.fiscal_year}`;
