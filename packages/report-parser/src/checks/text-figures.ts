import Decimal from 'decimal.js';
import type { Block } from '@budget-ingest/doc-model';
import type { Printed } from '../standard-tables/index.ts';
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
    const text = b.text.normalize('NFKC').replace(/\s+/g, '');
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

const MONEY = /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(亿元|万元|元)/g;

/** Money figures in a sentence ("2940.05万元", "4,765,720.27元", "4.85亿元"). */
export function figuresOf(text: string, at?: Place): TextFigure[] {
  const out: TextFigure[] = [];
  for (const m of text.matchAll(MONEY)) {
    const plain = m[1]!.replace(/,/g, '');
    const decimals = plain.includes('.') ? plain.length - plain.indexOf('.') - 1 : 0;
    const value = new Decimal(plain);
    const printed: Printed =
      m[2] === '亿元' ? { text: m[1]!, value: value.times(10000), decimals: decimals - 4, unit: 'wan' } : { text: m[1]!, value, decimals, unit: m[2] === '万元' ? 'wan' : 'yuan' };
    const placed = at ? { ...printed, at } : printed;
    out.push({ start: m.index!, end: m.index! + m[0].length, printed: m[2] === '亿元' ? { ...placed, text: value.times(10000).toString() } : placed });
  }
  return out;
}

/** A percentage in a sentence. */
export interface TextPercent {
  readonly start: number;
  readonly value: Decimal;
  readonly decimals: number;
  readonly text: string;
}

export function percentsOf(text: string): TextPercent[] {
  return [...text.matchAll(/(\d+(?:\.\d+)?)%/g)].map((m) => {
    const t = m[1]!;
    return { start: m.index!, value: new Decimal(t), decimals: t.includes('.') ? t.length - t.indexOf('.') - 1 : 0, text: `${t}%` };
  });
}
