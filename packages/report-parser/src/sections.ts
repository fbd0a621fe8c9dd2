/**
 * The section tree: numbered headings (第一部分 / 一、 / （一） / 1. / （1） / ①)
 * and the path of headings above every block. A heading whose numbering style
 * is already open closes everything below that style and replaces it; an
 * unseen style opens one level deeper, so documents that skip or repeat a
 * level still nest sensibly.
 */
import type { Block } from '@budget-ingest/doc-model';
import { normaliseText } from './text.ts';

export const NUMBERING_STYLES = ['part', 'cn', 'paren-cn', 'arabic', 'paren-arabic', 'circled'] as const;
export type NumberingStyle = (typeof NUMBERING_STYLES)[number];

export interface Numbering {
  readonly style: NumberingStyle;
  readonly numbering: string;
  /** The text after the numbering. */
  readonly rest: string;
}

const PATTERNS: readonly [NumberingStyle, RegExp][] = [
  ['part', /^(第[一二三四五六七八九十]+部分)/],
  ['paren-cn', /^(\([一二三四五六七八九十]+\))/],
  ['cn', /^([一二三四五六七八九十]+[、.])/],
  ['paren-arabic', /^(\(\d{1,2}\))/],
  ['arabic', /^(\d{1,2}(?:[、]|\.(?!\d)|\.(?=\d{4}年)))/],
];

/** The numbering a text starts with (on normalised text), or null. */
export function parseNumbering(text: string): Numbering | null {
  const circled = /^\s*([\u2460-\u2473])/.exec(text);
  if (circled) return { style: 'circled', numbering: circled[1]!, rest: normaliseText(text.slice(circled[0].length)) };
  const t = normaliseText(text);
  for (const [style, re] of PATTERNS) {
    const m = re.exec(t);
    if (m) return { style, numbering: m[1]!, rest: t.slice(m[1]!.length) };
  }
  return null;
}

export interface SectionHeading {
  readonly style: NumberingStyle | 'unnumbered';
  readonly numbering: string | null;
  /** The heading's text, normalised, without numbering (a run-in heading: up to its first 。). */
  readonly text: string;
  readonly blockIndex: number;
}

/** A block's heading: a heading block, or a paragraph that starts with a numbering and a short run-in title. */
export function headingOf(block: Block, position: number): SectionHeading | null {
  if (block.kind === 'table') return null;
  if (block.kind === 'heading') {
    const parsed = block.numbering ? parseNumbering(block.numbering) : parseNumbering(block.text);
    const text = block.numbering ? normaliseText(block.text) : (parsed?.rest ?? normaliseText(block.text));
    return { style: parsed?.style ?? 'unnumbered', numbering: parsed?.numbering ?? block.numbering, text, blockIndex: position };
  }
  const parsed = parseNumbering(block.text);
  if (!parsed) return null;
  const stop = parsed.rest.search(/[。:]/);
  const title = stop < 0 ? parsed.rest : parsed.rest.slice(0, stop);
  if (title.length === 0 || title.length > 40) return null;
  if (stop < 0 && /[,;]/.test(title)) return null;
  return { style: parsed.style, numbering: parsed.numbering, text: title, blockIndex: position };
}

/** For every block (by position), the headings above it, outermost first. */
export function sectionPaths(blocks: readonly Block[]): (readonly SectionHeading[])[] {
  const stack: SectionHeading[] = [];
  return blocks.map((block, position) => {
    const heading = headingOf(block, position);
    if (heading) {
      const at = stack.findIndex((h) => h.style === heading.style);
      if (at >= 0) stack.length = at;
      stack.push(heading);
    }
    return [...stack];
  });
}
