/**
 * The kind of a document that no title names, from the document as a whole:
 * the vocabulary of its headings, text, table cells and form header cells
 * (each kind's `evidence` in specs/report-kinds.ts), an indicator table (a
 * self-evaluation's), the standard tables' titles (a 预算's or a 决算's), and
 * how many money figures it prints. The best-scoring kind is taken only when
 * the document is full of figures and the evidence is enough; the result
 * carries a confidence (the best kind's share of all evidence) and the words
 * that decided, which the report's `kind-inferred` warning states.
 */
import { blockText, toTextGrid, type Block } from '@budget-ingest/doc-model';
import { COMPARED, moneyIn, parseAmountCell } from './figures/index.ts';
import { EVIDENCE_CAP, INFERENCE_MIN_FIGURES, INFERENCE_MIN_SCORE } from './genre/report-words.ts';
import { readIndicatorTables } from './indicator-table.ts';
import { REPORT_KIND_ORDER, reportKindSpec } from './specs/report-kinds.ts';
import { classifyTitle, titleReportKind } from './standard-tables/table-kinds.ts';
import { normaliseText } from './text.ts';
import type { ReportKind } from './types.ts';

export interface InferredKind {
  readonly kind: ReportKind;
  /** The best kind's share of all evidence found, 0–1 (two decimals). */
  readonly confidence: number;
  /** What counted for it: the words found (with how many blocks), the tables. */
  readonly evidence: readonly string[];
}

/** Weight of an indicator table (一级/二级/三级指标 with targets): a self-evaluation's. */
const INDICATOR_TABLE_WEIGHT = 4;
/** Weight of each standard table title (…预算总表, …决算表) naming a kind. */
const STANDARD_TABLE_WEIGHT = 3;

/** A cell that prints an amount as tables do (decimals or a thousands separator, not zero). */
function amountCell(text: string): boolean {
  const p = parseAmountCell(text, 'yuan');
  return p !== null && (p.decimals > 0 || p.text.includes(',')) && !p.value.isZero();
}

/** The texts of a block: a paragraph's text, or a table's caption and cells. */
function textsOf(block: Block): string[] {
  if (block.kind !== 'table') return [normaliseText(blockText(block))];
  return [normaliseText(block.caption ?? ''), ...toTextGrid(block).flat().map(normaliseText)].filter((t) => t !== '');
}

export function inferKind(blocks: readonly Block[]): InferredKind | null {
  let figures = 0;
  const score = new Map<ReportKind, number>();
  const found = new Map<ReportKind, string[]>();
  const add = (kind: ReportKind, weight: number, what: string): void => {
    score.set(kind, (score.get(kind) ?? 0) + weight);
    found.set(kind, [...(found.get(kind) ?? []), what]);
  };
  const texts = blocks.map(textsOf);
  // Money as the checks see it (元 printed) or as the readers take it (a bare 万 before punctuation), and amount cells.
  for (const block of texts) for (const t of block) figures += Math.max(moneyIn(t, COMPARED).length, moneyIn(t).length) + (amountCell(t) ? 1 : 0);

  for (const kind of REPORT_KIND_ORDER) {
    for (const e of reportKindSpec(kind).evidence) {
      const n = texts.filter((block) => block.some((t) => e.words.test(t))).length;
      if (n > 0) add(kind, e.weight * Math.min(n, EVIDENCE_CAP), `${e.words.source}×${n}`);
    }
  }
  if (readIndicatorTables(blocks).indicators.length > 0) {
    for (const kind of REPORT_KIND_ORDER) if (reportKindSpec(kind).readers.selfEvaluation) add(kind, INDICATOR_TABLE_WEIGHT, 'indicator table');
  }
  for (const block of texts) {
    for (const t of block) {
      const named = classifyTitle(t) === null ? null : titleReportKind(t);
      if (named !== null) add(named, STANDARD_TABLE_WEIGHT, `standard table ${t}`);
    }
  }
  let best: ReportKind | null = null;
  // Ties go to the looser kind (REPORT_KIND_ORDER read backwards: a department's self-evaluation before a project's).
  for (const kind of [...REPORT_KIND_ORDER].reverse()) if (best === null || (score.get(kind) ?? 0) > score.get(best)!) best = score.has(kind) ? kind : best;
  if (best === null || figures < INFERENCE_MIN_FIGURES || score.get(best)! < INFERENCE_MIN_SCORE) return null;
  const total = [...score.values()].reduce((a, b) => a + b, 0);
  return { kind: best, confidence: Math.round((score.get(best)! / total) * 100) / 100, evidence: found.get(best)! };
}
