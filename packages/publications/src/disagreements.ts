import Decimal from 'decimal.js';

/** A value as two sources of one publication are compared: what it is, what it says, where. */
export interface SourceValue {
  /** What the value is, the same in every source (amount item + phase + year, a line's code, an indicator's name). */
  readonly key: string;
  readonly label: string;
  readonly value: string | null;
  /** Other values the same source printed for it (an amount's alternatives): a match on any is agreement. */
  readonly alternatives?: readonly string[];
  readonly page: number | null;
}

export interface SourceDisagreement {
  readonly key: string;
  readonly label: string;
  readonly canonical: SourceValue;
  readonly other: SourceValue;
}

export interface SourceAgreement {
  readonly key: string;
}

const same = (a: string, b: string) => new Decimal(a).eq(new Decimal(b));
const printed = (v: SourceValue) => [v.value, ...(v.alternatives ?? [])].filter((x): x is string => x !== null);

/**
 * Compares another source's values with the canonical source's, value by value.
 * Values only one source states are neither: a PDF may hold tables its 附件
 * spreadsheet lacks. Exact decimals, so 1261500.00 and 1261500 agree.
 */
export function compareSourceValues(
  canonical: readonly SourceValue[],
  other: readonly SourceValue[],
): { readonly disagreements: SourceDisagreement[]; readonly agreements: SourceAgreement[] } {
  const byKey = new Map(canonical.map((v) => [v.key, v]));
  const disagreements: SourceDisagreement[] = [];
  const agreements: SourceAgreement[] = [];
  for (const o of other) {
    const c = byKey.get(o.key);
    if (!c || c.value === null || o.value === null) continue;
    const agree = printed(c).some((x) => printed(o).some((y) => same(x, y)));
    if (agree) agreements.push({ key: o.key });
    else disagreements.push({ key: o.key, label: c.label, canonical: c, other: o });
  }
  return { disagreements, agreements };
}
