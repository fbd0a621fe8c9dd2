import { cell, heading, numberBlocks, paragraph, table, type Block, type TableBlock } from '@budget-ingest/doc-model';
import { isTocEntry, numberingFamily, splitNumbering, toHeading } from './headings.ts';
import { continuesOnNextPage, joinTables } from './table-join.ts';
import type { FlowBlock, FlowParagraph } from './paragraphs.ts';
import type { Box, PlacedTable } from './types.ts';

const round = (b: Box): Box => [r2(b[0]), r2(b[1]), r2(b[2]), r2(b[3])];
function r2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A placed table as HTML-style rows: each merged cell once, at its top-left position. */
export function toTableBlock(t: PlacedTable): TableBlock {
  const rows = Array.from({ length: t.nRows }, () => [] as PlacedTable['cells'][number][]);
  for (const c of [...t.cells].sort((a, b) => a.row - b.row || a.col - b.col)) rows[c.row]?.push(c);
  return table(
    rows.map((row) => row.map((c) => cell(c.text, { rowspan: c.rowspan, colspan: c.colspan, page: c.page, bbox: round(c.bbox) }))),
    { caption: t.caption, page: t.page, pageEnd: t.pageEnd === t.page ? undefined : t.pageEnd, bbox: round(t.bbox) },
  );
}

const CAPTION_MAX_CHARS = 80;

/**
 * Flow blocks → document blocks: tables continued on the next page joined,
 * the short line right above a table kept as its caption (and as a block),
 * numbered short paragraphs turned into headings.
 */
export function toBlocks(flow: readonly FlowBlock[], bodySize: number): { blocks: Block[]; joined: number[] } {
  const merged: FlowBlock[] = [];
  const joined: number[] = [];
  for (const b of flow) {
    const prev = merged[merged.length - 1];
    if (b.kind === 'table' && prev?.kind === 'table' && continuesOnNextPage(prev.table, b.table)) {
      merged[merged.length - 1] = { kind: 'table', table: joinTables(prev.table, b.table) };
      joined.push(b.table.page);
      continue;
    }
    if (b.kind === 'table' && prev?.kind === 'paragraph' && isCaption(prev, b.table)) {
      merged.push({ kind: 'table', table: { ...b.table, caption: prev.text } });
      continue;
    }
    merged.push(b);
  }
  const headings = merged.map((b) => (b.kind === 'paragraph' ? toHeading({ text: b.text, lineCount: b.lineCount, sizeRatio: bodySize > 0 ? b.size / bodySize : 1 }) : null));
  const blocks = merged.map((b, i): Block => {
    if (b.kind === 'table') return toTableBlock(b.table);
    const h = headings[i];
    if (h && !(h.numbering !== null && inListOfParagraphs(merged, headings, i, h.numbering))) return heading(h.text, { numbering: h.numbering, page: b.page, bbox: round(b.bbox) });
    return paragraph(b.text, { page: b.page, bbox: round(b.bbox) });
  });
  return { blocks: numberBlocks(blocks), joined };
}

const SIBLING_REACH = 6;

/**
 * A short numbered paragraph whose nearest sibling (same numbering kind, just
 * before or after it) is a full paragraph is an item of a numbered list, not a
 * heading: "6. 贯彻落实…并监督实施。" between two long items. It stays a
 * heading when a paragraph numbered another way (its child) follows it. Lines of a
 * table of contents are nobody's siblings.
 */
function inListOfParagraphs(flow: readonly FlowBlock[], headings: readonly ({ numbering: string | null } | null)[], i: number, numbering: string): boolean {
  const family = numberingFamily(numbering);
  const after = flow[i + 1];
  const childNumbering = after?.kind === 'paragraph' ? splitNumbering(after.text).numbering : null;
  if (childNumbering !== null && numberingFamily(childNumbering) !== family) return false;
  for (const step of [-1, 1]) {
    for (let k = i + step, n = 0; k >= 0 && k < flow.length && n < SIBLING_REACH; k += step, n++) {
      const b = flow[k]!;
      if (b.kind === 'table') break;
      const { numbering: other } = splitNumbering(b.text);
      if (other === null || isTocEntry(b.text)) continue;
      if (numberingFamily(other) !== family) {
        if (headings[k]) break;
        continue;
      }
      if (headings[k] === null) return true;
      break;
    }
  }
  return false;
}

function isCaption(p: FlowParagraph, t: PlacedTable): boolean {
  if (p.page !== t.page || p.text.length > CAPTION_MAX_CHARS || p.lineCount > 2) return false;
  const gap = t.bbox[1] - p.bbox[3];
  return gap >= -2 && gap <= Math.max(3 * p.size, 30);
}
