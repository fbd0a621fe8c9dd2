import type { BBox, HeadingBlock, ParagraphBlock, TableBlock, TableCell } from './model.ts';

/**
 * Small factories that fill defaults, so extractors build blocks the same way
 * and never forget a field. `index` is assigned by `numberBlocks` once the
 * reading order is final.
 */
export function heading(text: string, opts: { numbering?: string | null; level?: number | null; page?: number | null; bbox?: BBox } = {}): HeadingBlock {
  return withBox({ kind: 'heading', text, numbering: opts.numbering ?? null, level: opts.level ?? null, page: opts.page ?? null, index: 0 }, opts.bbox);
}

export function paragraph(text: string, opts: { page?: number | null; bbox?: BBox } = {}): ParagraphBlock {
  return withBox({ kind: 'paragraph', text, page: opts.page ?? null, index: 0 }, opts.bbox);
}

export function cell(text: string, opts: { rowspan?: number; colspan?: number; page?: number | null; bbox?: BBox } = {}): TableCell {
  return withBox({ text, rowspan: opts.rowspan ?? 1, colspan: opts.colspan ?? 1, page: opts.page ?? null }, opts.bbox);
}

export function table(
  rows: readonly (readonly TableCell[])[],
  opts: { caption?: string | null; page?: number | null; pageEnd?: number | null; bbox?: BBox; sheet?: string } = {},
): TableBlock {
  const block: TableBlock = { kind: 'table', rows, caption: opts.caption ?? null, page: opts.page ?? null, index: 0 };
  const withSheet = opts.sheet === undefined ? block : { ...block, sheet: opts.sheet };
  const withEnd = opts.pageEnd === undefined ? withSheet : { ...withSheet, pageEnd: opts.pageEnd };
  return withBox(withEnd, opts.bbox);
}

/** Assigns `index` (reading order) to every block. */
export function numberBlocks<T extends { index: number }>(blocks: readonly T[]): T[] {
  return blocks.map((b, index) => ({ ...b, index }));
}

function withBox<T extends object>(value: T, bbox: BBox | undefined): T {
  return bbox === undefined ? value : { ...value, bbox };
}
