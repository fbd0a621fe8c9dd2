/** One file's parse of a publication, as far as choosing among sources needs it. */
export interface SourceCandidate {
  readonly reportId: number;
  readonly sha256: string;
  readonly format: string;
  /** Values whose verification is `confirmed`: a checked value is worth more than an unchecked one. */
  readonly confirmed: number;
  /** Values read from a table (more precise and structured than the same figure in prose). */
  readonly fromTables: number;
  /** Amounts, expenditure lines and indicators. */
  readonly values: number;
}

/** With all else equal, the format that keeps a document's layout best is read first. */
const FORMAT_RANK: readonly string[] = ['pdf', 'docx', 'doc', 'wps', 'xlsx', 'xls'];
const rank = (format: string) => {
  const i = FORMAT_RANK.indexOf(format);
  return i < 0 ? FORMAT_RANK.length : i;
};

/**
 * The most complete source: most confirmed values, then most values read from tables,
 * then most values, then the format, then the content hash. A total order over the
 * candidates themselves, so the choice is the same whatever order files arrive in.
 */
export function pickCanonical<T extends SourceCandidate>(candidates: readonly T[]): T | null {
  let best: T | null = null;
  for (const c of candidates) if (!best || compareSources(c, best) < 0) best = c;
  return best;
}

export function compareSources(a: SourceCandidate, b: SourceCandidate): number {
  return (
    b.confirmed - a.confirmed ||
    b.fromTables - a.fromTables ||
    b.values - a.values ||
    rank(a.format) - rank(b.format) ||
    (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0) ||
    a.reportId - b.reportId
  );
}
