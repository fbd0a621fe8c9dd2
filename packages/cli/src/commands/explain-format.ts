/**
 * The human form of an `explain` trace: report by report, each item's emitted
 * amounts with the statements dropped under them, then the figures the
 * sentence readers passed over for that item; then the expenditure lines with
 * the duplicates folded into them, the indicators with the row they were read
 * from, and last the figures passed over that named no item. Lines carry the
 * rule and reason codes; what each code means is said once, under the report.
 */
import { CHOICE_RULES, DROP_REASONS, REJECT_REASONS, type AmountTrace, type IndicatorTrace, type IndicatorValue, type LineStatement, type LineTrace, type ParseTrace, type RejectedTrace } from '@budget-ingest/report-parser';

const where = (page: number | null): string => (page === null ? '' : ` p.${page}`);
const by = (s: { reader: string; spec: string | null }): string => `${s.reader}${s.spec ? ` [${s.spec}]` : ''}`;

/** The lines `explain` prints for one report's part of `trace`. */
export function reportLines(trace: ParseTrace, report: number): string[] {
  const mine = <T extends { report: number }>(xs: readonly T[]): T[] => xs.filter((x) => x.report === report);
  const amounts = mine(trace.amounts);
  const rejected = mine(trace.rejected);
  const lines = mine(trace.lines);
  const indicators = mine(trace.indicators);
  const out: string[] = [];
  const items = [...new Set([...amounts.map((a) => a.item), ...rejected.flatMap((r) => r.items.slice(0, 1))])];
  for (const item of items) {
    out.push(`  ${item}`);
    for (const a of amounts.filter((x) => x.item === item)) out.push(...amountLines(a));
    for (const r of rejected.filter((x) => x.items[0] === item)) out.push(`      passed over ${rejectedLine(r)}`);
  }
  if (lines.length > 0) out.push('  expenditure lines');
  for (const l of lines) out.push(...lineLines(l));
  const rows = rejected.filter((r) => r.figure === null);
  if (indicators.length + rows.length > 0) out.push('  indicators');
  for (const i of indicators) out.push(...indicatorLines(i));
  for (const r of rows) out.push(`    passed over row (${r.reader}${where(r.page)}: ${r.text}) — ${r.reason}`);
  const unowned = rejected.filter((r) => r.items.length === 0 && r.figure !== null);
  if (unowned.length > 0) out.push('  figures passed over (their label names no item)');
  for (const r of unowned) out.push(`    ${rejectedLine(r)}`);
  return [...out, ...legend(amounts, lines, rejected)];
}

/** What the rule and reason codes used in a report mean, once each. */
function legend(amounts: readonly AmountTrace[], lines: readonly LineTrace[], rejected: readonly RejectedTrace[]): string[] {
  const meanings: Record<string, string> = { ...CHOICE_RULES, ...DROP_REASONS, ...REJECT_REASONS };
  const codes = new Set<string>([...amounts.flatMap((a) => [a.rule, ...a.dropped.map((d) => d.reason)]), ...lines.flatMap((l) => l.dropped.map((d) => d.reason)), ...rejected.map((r) => r.reason)]);
  return codes.size === 0 ? [] : ['  codes', ...[...codes].map((c) => `    ${c}: ${meanings[c]}`)];
}

function amountLines(a: AmountTrace): string[] {
  const out = [`    ${a.item} ${a.phase} ${a.fiscal_year} = ${a.yuan}  ← ${by(a.read)}, ${a.rule}`, `      read${where(a.read.page)}: ${a.read.text}`];
  for (const d of a.dropped) out.push(`      dropped ${d.yuan} (${by(d)}${where(d.page)}: ${d.text}) — ${d.reason}`);
  return out;
}

function figures(s: { yuan: string | null; budget_yuan: string | null }): string {
  return `${s.yuan ?? '—'}${s.budget_yuan === null ? '' : ` (budget ${s.budget_yuan})`}`;
}

function lineLines(l: LineTrace): string[] {
  const statement = (s: LineStatement): string => `${by(s)}${where(s.page)}: ${s.text}`;
  const out = [`    ${l.classification} ${l.path.join(' / ')}${l.code ? ` [${l.code}]` : ''} ${l.phase} ${l.fiscal_year} = ${figures(l)}  ← ${by(l.read)}`, `      read${where(l.read.page)}: ${l.read.text}`];
  for (const d of l.dropped) out.push(`      dropped ${figures(d)} (${statement(d)}) — ${d.reason}`);
  return out;
}

function indicatorLines(i: IndicatorTrace): string[] {
  const value = (v: IndicatorValue | null): string => {
    if (v === null) return '—';
    const read = v.value === null ? 'no figure' : `${v.op ?? ''}${v.value}${v.unit ?? ''}`;
    return read === v.raw ? v.raw : `${v.raw} → ${read}`;
  };
  const label = [i.level1, i.level2, i.level3].filter((x) => x !== null).join(' / ');
  return [`    ${label}: target ${value(i.target)}, actual ${value(i.actual)}  ← ${i.reader} [${i.spec}]`, `      read${where(i.page)}: ${i.text}`];
}

function rejectedLine(r: RejectedTrace): string {
  return `${r.yuan ?? ''} (${r.reader}${where(r.page)}: ${r.label}${r.figure ?? ''}) — ${r.reason}`;
}
