import type Decimal from 'decimal.js';
import { toCompactText, type Block } from '@budget-ingest/doc-model';
import { COMPARED, figuresIn, moneyIn, printedOf, type Printed } from '../figures/index.ts';
import type { Place } from '../types.ts';

/** A sentence of running text, with its paragraph's page, the sentence before it, and what it is read under. */
export interface Sentence {
  readonly text: string;
  readonly previous: string;
  /** The paragraph's text before this sentence, and the last heading above the paragraph: the context that scopes its figures. */
  readonly context: string;
  readonly page: number | null;
  /** The paragraph it is in (for the values a check names). */
  readonly at: Place;
}

/** A money figure in a sentence: where it starts and ends, and the figure. */
export interface TextFigure {
  readonly start: number;
  readonly end: number;
  readonly printed: Printed;
}

/** Sentences of the paragraphs and headings (tables are not running text), split at 。；. */
export function sentencesOf(blocks: readonly Block[]): Sentence[] {
  const out: Sentence[] = [];
  let heading = '';
  for (const b of blocks) {
    if (b.kind === 'table') continue;
    const text = toCompactText(b.text);
    let previous = '';
    let before = b.kind === 'heading' ? '' : heading;
    for (const s of text.split(/[。;；]/)) {
      if (s) out.push({ text: s, previous, context: before, page: b.page, at: { anchor: { block: b.index }, bbox: b.bbox ?? null } });
      previous = s;
      before += `${s}。`;
    }
    if (b.kind === 'heading') heading = `${text}。`;
  }
  return out;
}

/**
 * Money figures in a sentence ("2940.05万元", "4,765,720.27元", "4.85亿元"), as
 * the checks compare them (`COMPARED`: approximations and bounds kept, 元 printed).
 */
export function figuresOf(text: string, at?: Place): TextFigure[] {
  return moneyIn(text, COMPARED).map((f) => {
    const printed = printedOf(f);
    return { start: f.start, end: f.end, printed: at ? { ...printed, at } : printed };
  });
}

/** A percentage in a sentence. */
export interface TextPercent {
  readonly start: number;
  readonly value: Decimal;
  readonly decimals: number;
  readonly text: string;
}

export function percentsOf(text: string): TextPercent[] {
  return figuresIn(text).flatMap((f) =>
    (f.kind === 'percent' || (f.kind === 'change' && f.measure === 'percent')) && f.unit === '%' && f.value !== null ? [{ start: f.digitsAt, value: f.value.abs(), decimals: f.decimals, text: `${f.number}%` }] : [],
  );
}
