import { maxOf } from '@budget-ingest/doc-model';
import { FIELD_GROUPS, type Difference, type EvalResult, type GroupScore } from './compare.ts';

export interface EvalRow {
  /** e.g. "lusong-2023-perf.pdf" */
  readonly file: string;
  readonly result: EvalResult;
}

/** A plain-text table of P/R/F1 per file and field group, then every miss and wrong value. */
export function formatEvalReport(rows: readonly EvalRow[], opts: { differences?: boolean } = {}): string {
  const header = ['file', ...FIELD_GROUPS.map((g) => `${g} P/R/F1 (tp/fp/fn)`)];
  const lines = rows.map((r) => [r.file, ...FIELD_GROUPS.map((g) => cellText(r.result.groups[g]))]);
  const total = FIELD_GROUPS.map((g) => cellText(sumScores(rows.map((r) => r.result.groups[g]))));
  const table = [header, ...lines, ['TOTAL', ...total]];
  const widths = header.map((_, c) => maxOf(table.map((row) => width(row[c] ?? ''))));
  const out = table.map((row) => row.map((cell, c) => cell + ' '.repeat(widths[c]! - width(cell))).join('  '));
  if (opts.differences !== false) {
    for (const r of rows) {
      if (r.result.differences.length === 0) continue;
      out.push('', `== ${r.file}`);
      for (const d of r.result.differences) out.push(describe(d));
    }
  }
  return out.join('\n');
}

export function sumScores(scores: readonly GroupScore[]): GroupScore {
  const tp = scores.reduce((s, x) => s + x.tp, 0);
  const fp = scores.reduce((s, x) => s + x.fp, 0);
  const fn = scores.reduce((s, x) => s + x.fn, 0);
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

function cellText(s: GroupScore): string {
  return `${s.precision.toFixed(2)}/${s.recall.toFixed(2)}/${s.f1.toFixed(2)} (${s.tp}/${s.fp}/${s.fn})`;
}

function describe(d: Difference): string {
  const where = `  [${d.group} r${d.report}] ${d.key}`;
  switch (d.kind) {
    case 'missing':
      return `${where} MISSING expected ${brief(d.expected)}`;
    case 'extra':
      return `${where} EXTRA ${brief(d.actual)}`;
    case 'wrong':
      return `${where} WRONG expected ${brief(d.expected)} got ${brief(d.actual)}`;
  }
}

function brief(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const v = value as Record<string, unknown>;
  if ('yuan' in v || 'value' in v || 'raw' in v) {
    const { source_text: _s, page: _p, ...rest } = v;
    return JSON.stringify(rest);
  }
  return JSON.stringify(value);
}

/** Display width: CJK characters count double. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return w;
}
