import {
  cell,
  heading,
  isHeadingLength,
  looksLikeNumberedHeading,
  numberBlocks,
  paragraph,
  splitHeadingNumbering,
  table,
  toModelText,
  type Block,
} from '@budget-ingest/doc-model';
import type { RawBlock, RawParagraph, RawTable } from './raw.ts';

/** Longest line above a table still read as its caption (title or unit line). */
export const MAX_CAPTION_CHARS = 60;
/** An unnumbered short line set this much larger than the body text is a heading (a title on a cover page, "目录"). */
export const HEADING_SIZE_RATIO = 1.2;

/**
 * Raw Word blocks → model blocks: text normalised; headings found from Word
 * heading styles/outline levels and from numbered short paragraphs (the rule
 * a PDF extractor can apply too, so both formats agree); a short line right
 * above a table becomes its caption and stays a block of its own.
 */
export function toBlocks(raw: readonly RawBlock[]): Block[] {
  const out: Block[] = [];
  const bodySize = bodyFontSize(raw);
  for (const b of raw) {
    if (b.kind === 'paragraph') {
      const block = toTextBlock(b, bodySize);
      if (block) out.push(block);
    } else {
      const block = toTableBlock(b, out.at(-1));
      if (block) out.push(block);
    }
  }
  return numberBlocks(out);
}

/** The font size most of the text is set in (by characters), null without text. */
export function bodyFontSize(raw: readonly RawBlock[]): number | null {
  const weight = new Map<number, number>();
  for (const b of raw) if (b.kind === 'paragraph' && b.fontSize !== null) weight.set(b.fontSize, (weight.get(b.fontSize) ?? 0) + b.text.trim().length);
  let best: number | null = null;
  // On a tie the smaller size is the body's.
  for (const [size, w] of weight) if (best === null || w > weight.get(best)! || (w === weight.get(best)! && size < best)) best = size;
  return best;
}

function toTextBlock(p: RawParagraph, bodySize: number | null): Block | null {
  const text = toModelText(p.text);
  const numberText = p.numberText === null ? null : toModelText(p.numberText);
  const full = toModelText(`${numberText ?? ''}${numberText ? ' ' : ''}${text}`);
  if (full === '') return null;
  const level = p.outlineLevel === null ? null : p.outlineLevel + 1;
  if (numberText) {
    const isHeading = level !== null || isHeadingLength(text);
    if (isHeading && text !== '') return heading(text, { numbering: numberText, level });
    return paragraph(full);
  }
  if (level !== null) {
    const split = splitHeadingNumbering(full);
    return heading(split.text, { numbering: split.numbering, level });
  }
  if (looksLikeNumberedHeading(full)) {
    const split = splitHeadingNumbering(full);
    return heading(split.text, { numbering: split.numbering });
  }
  if (bodySize !== null && p.fontSize !== null && p.fontSize >= bodySize * HEADING_SIZE_RATIO && isHeadingLength(full)) {
    const split = splitHeadingNumbering(full);
    return heading(split.text, { numbering: split.numbering });
  }
  return paragraph(full);
}

function toTableBlock(t: RawTable, above: Block | undefined): Block | null {
  const rows = t.rows.map((r) => r.map((c) => cell(toModelText(c.text), { rowspan: c.rowspan, colspan: c.colspan })));
  if (!rows.some((r) => r.some((c) => c.text !== ''))) return null;
  return table(rows, { caption: captionFrom(above) });
}

function captionFrom(above: Block | undefined): string | null {
  if (!above || above.kind === 'table') return null;
  const text = above.kind === 'heading' ? `${above.numbering ?? ''}${above.text}` : above.text;
  if (text.length > MAX_CAPTION_CHARS || /[。;；]/.test(text)) return null;
  return text;
}
