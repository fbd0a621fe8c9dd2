import { maxOf, minOf } from '@budget-ingest/doc-model';
import { startsWithNumbering } from './headings.ts';
import { median } from './lines.ts';
import { joinPieces } from './text-join.ts';
import type { Box, PlacedTable, TextLine } from './types.ts';

/** One page's body: lines outside tables and its tables, each in top-to-bottom order. */
export interface PageFlow {
  readonly page: number;
  readonly lines: readonly TextLine[];
  readonly tables: readonly PlacedTable[];
}

export interface FlowParagraph {
  readonly kind: 'paragraph';
  readonly text: string;
  readonly page: number;
  readonly bbox: Box;
  readonly lineCount: number;
  readonly size: number;
}

export interface FlowTable {
  readonly kind: 'table';
  readonly table: PlacedTable;
}

export type FlowBlock = FlowParagraph | FlowTable;

const MIN_LINES_FOR_MARGINS = 5;

interface Margins {
  readonly left: number;
  readonly right: number;
}

/**
 * Joins lines into paragraphs across line and page breaks. A new paragraph
 * starts after a short line, at an indented line, at a line that starts with
 * heading numbering, after a wide vertical gap or a change of glyph size, and
 * at every table. A paragraph that fills its last line on one page continues
 * with an unindented first line on the next.
 */
export function toFlowBlocks(pages: readonly PageFlow[]): FlowBlock[] {
  const blocks: FlowBlock[] = [];
  let open: { lines: TextLine[]; page: number; firstPageLines: number; margins: Margins } | null = null;
  const close = (): void => {
    if (!open) return;
    blocks.push(toParagraph(open.lines, open.lines.slice(0, open.firstPageLines), open.page));
    open = null;
  };
  let previous: Margins | null = null;
  for (const page of pages) {
    // A page with a few lines cannot tell its margins; the page before can.
    const margins: Margins = page.lines.length < MIN_LINES_FOR_MARGINS && previous ? previous : marginsOf(page.lines);
    if (page.lines.length >= MIN_LINES_FOR_MARGINS) previous = margins;
    const items = mergeByTop(page.lines, page.tables);
    for (const item of items) {
      if ('cells' in item) {
        close();
        blocks.push({ kind: 'table', table: item });
        continue;
      }
      const line = item;
      if (open && continues(open.lines[open.lines.length - 1]!, open.margins, line, margins, open.page !== page.page)) {
        open.lines.push(line);
        if (open.page === page.page) open.firstPageLines++;
        open.margins = margins;
        continue;
      }
      close();
      open = { lines: [line], page: page.page, firstPageLines: 1, margins };
    }
  }
  close();
  return blocks;
}

function mergeByTop(lines: readonly TextLine[], tables: readonly PlacedTable[]): (TextLine | PlacedTable)[] {
  const items: (TextLine | PlacedTable)[] = [...lines, ...tables];
  const top = (i: TextLine | PlacedTable): number => ('cells' in i ? i.bbox[1] : i.y0);
  return items.sort((a, b) => top(a) - top(b));
}

function marginsOf(lines: readonly TextLine[]): Margins {
  if (lines.length === 0) return { left: 0, right: 0 };
  const lefts = lines.map((l) => l.x0).sort((a, b) => a - b);
  const rights = lines.map((l) => l.x1).sort((a, b) => a - b);
  // Low/high quantiles, so one stray line does not move the margin.
  const q = (s: number[], p: number): number => s[Math.min(s.length - 1, Math.floor(s.length * p))]!;
  const many = lines.length >= MIN_LINES_FOR_MARGINS;
  return { left: many ? q(lefts, 0.1) : lefts[0]!, right: many ? q(rights, 0.9) : rights[rights.length - 1]! };
}

function continues(prev: TextLine, prevMargins: Margins, next: TextLine, margins: Margins, pageBreak: boolean): boolean {
  const size = Math.max(prev.size, next.size);
  if (Math.abs(prev.size - next.size) > 0.15 * size) return false;
  if (!pageBreak && isCentredPair(prev, next, prevMargins)) return true;
  // A numbered line starts a new paragraph, unless the full line above stops
  // inside a sentence ("…增加;" then "(3)城乡…" running on to the margin).
  if (startsWithNumbering(next.text) && !(/[,;、，；]$/u.test(prev.text) && next.x1 >= margins.right - 1.8 * size && next.x0 <= margins.left + 0.5 * size)) return false;
  // The previous line must run to the right margin; a short line ends its paragraph.
  if (prev.x1 < prevMargins.right - 1.8 * size) return false;
  if (next.x0 > margins.left + 1.2 * size) return false;
  if (pageBreak) return true;
  const pitch = next.y0 - prev.y0;
  if (pitch < 0 || pitch > 2.3 * size) return false;
  // A continuation line never starts right of the line above it.
  return next.x0 <= prev.x0 + 1.2 * size;
}

/** A line set in the middle of the text block: clear of the left margin, as far from either margin. */
function isCentred(line: TextLine, margins: Margins): boolean {
  const left = line.x0 - margins.left;
  const right = margins.right - line.x1;
  return left > 0.25 * line.size && Math.abs(left - right) < line.size;
}

/** Two lines of a centred title: both centred, close together. */
function isCentredPair(prev: TextLine, next: TextLine, margins: Margins): boolean {
  return isCentred(prev, margins) && isCentred(next, margins) && next.y0 - prev.y0 <= 2.5 * prev.size && !/[。:：]$/u.test(prev.text);
}

function toParagraph(lines: readonly TextLine[], onFirstPage: readonly TextLine[], page: number): FlowParagraph {
  const text = lines.reduce((acc, l) => joinPieces(acc, l.text, false, true), '');
  const bbox: Box = [
    minOf(onFirstPage.map((l) => l.x0)),
    minOf(onFirstPage.map((l) => l.y0)),
    maxOf(onFirstPage.map((l) => l.x1)),
    maxOf(onFirstPage.map((l) => l.y1)),
  ];
  return { kind: 'paragraph', text, page, bbox, lineCount: lines.length, size: median(lines.map((l) => l.size)) };
}
