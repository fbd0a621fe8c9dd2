/**
 * The running text of one report as the readers see it: one unit per
 * paragraph or heading, normalised, with its page and section path. A figure
 * whose unit went to the next paragraph (split by a page break) is joined
 * back; a paragraph printed twice is marked as a duplicate.
 */
import type { Block } from '@budget-ingest/doc-model';
import Decimal from 'decimal.js';
import { sectionPaths, parseNumbering, type SectionHeading } from './sections.ts';
import { isTocEntry, normaliseText } from './text.ts';
import { toDecimal } from './local-numerals.ts';

export interface TextUnit {
  /** Normalised text, leading numbering removed. */
  readonly text: string;
  /** The text as printed (for source_text). */
  readonly printed: string;
  readonly page: number | null;
  /** Position of the block in the document. */
  readonly position: number;
  readonly sections: readonly SectionHeading[];
  /** True when the same paragraph was printed before. */
  readonly duplicate: boolean;
}

export function toTextUnits(blocks: readonly Block[], positions: readonly number[]): TextUnit[] {
  const own = positions.map((p) => blocks[p]!);
  const paths = sectionPaths(own);
  const seen = new Set<string>();
  const units: TextUnit[] = [];
  own.forEach((block, i) => {
    if (block.kind === 'table') return;
    const printed = block.kind === 'heading' ? `${block.numbering ?? ''}${block.text}` : block.text;
    if (isTocEntry(printed)) return;
    let text = normaliseText(printed);
    const numbering = parseNumbering(text);
    if (numbering) text = numbering.rest;
    if (text.length === 0) return;
    const prev = units[units.length - 1];
    if (prev && continues(prev.text, text)) {
      units[units.length - 1] = { ...prev, text: prev.text + text, printed: `${prev.printed}${printed}` };
      return;
    }
    const key = text.replace(/^[一二三四五六七八九十\d]+[、.]/, '');
    const duplicate = key.length >= 20 && seen.has(key);
    seen.add(key);
    units.push({ text, printed, page: block.page, position: positions[i]!, sections: paths[i]!, duplicate });
  });
  return units;
}

/**
 * True when a paragraph continues the one before it, split by a page or line
 * break the extractor took for a paragraph end: a figure whose unit went to the
 * next line ("…为85" / "万元"), or a sentence cut before its figure or its
 * 类/款/项 marker ("…年初预算为" / "161.62万元，…"; "…行政单位离退休" / "（项）。…").
 */
function continues(prev: string, next: string): boolean {
  if (/\d$/.test(prev) && /^(亿元|万元|元|亿|万)/.test(next)) return true;
  if (/[。;!?:]$/.test(prev)) return false;
  return /^\((类|款|项)\)/.test(next) || /^\d[\d,]*(\.\d+)?(亿元|万元|元)/.test(next);
}

export interface MoneyFigure {
  readonly start: number;
  readonly end: number;
  readonly number: string;
  readonly unit: string;
  /** Yuan, two decimals. */
  readonly yuan: string;
  /** Exponent of the last printed digit, in yuan (439.25万 → 2; 4392494.36元 → -2). */
  readonly scale: number;
}

const MONEY = /(\d+(?:,\d{3})*(?:\.\d+)?)(亿元|万元|元|亿|万)/g;

/** Money figures in normalised text; approximations (约/近/余) and bare 万 before a noun (47万人) left out. */
export function moneyFigures(text: string): MoneyFigure[] {
  const out: MoneyFigure[] = [];
  for (const m of text.matchAll(MONEY)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = text[start - 1] ?? '';
    const after = text[end] ?? '';
    if (/[\d.]/.test(before) || /[约近超逾余]/.test(before)) continue;
    if (after === '余' || after === '多' || after === '/') continue;
    const unit = m[2]!;
    if ((unit === '万' || unit === '亿') && after !== '' && !/[,。;:、)\]]/.test(after)) continue;
    const value = toDecimal(m[1]!);
    if (value === null) continue;
    const exp = unit.startsWith('亿') ? 8 : unit.startsWith('万') ? 4 : 0;
    const decimals = (m[1]!.split('.')[1] ?? '').length;
    out.push({ start, end, number: m[1]!, unit, yuan: value.times(new Decimal(10).pow(exp)).toFixed(2), scale: exp - decimals });
  }
  return out;
}

/** Year context: the last "20xx年" before `pos` that is not a comparison (与2021年相比, 较2021年). */
export function yearBefore(text: string, pos: number): number | null {
  let year: number | null = null;
  for (const m of text.slice(0, pos).matchAll(/(20\d{2})年/g)) {
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 3);
    if (/[与比较同]$/.test(before) || /^(相比|同期|比|增|减|以来)/.test(after)) continue;
    year = Number(m[1]);
  }
  return year;
}
