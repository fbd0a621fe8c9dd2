/** What the body reader produces, before normalisation and heading detection. Text is raw. */

export interface RawParagraph {
  readonly kind: 'paragraph';
  readonly text: string;
  /** Outline level (0-based) from the paragraph or its style, null for body text. */
  readonly outlineLevel: number | null;
  /** The text of Word's automatic numbering ("一、"), null when not numbered. */
  readonly numberText: string | null;
  /** Smallest font size (half-points) of the paragraph's text runs; null when it has no text. */
  readonly fontSize: number | null;
}

export interface RawCell {
  /** Paragraphs of the cell joined by "\n". */
  text: string;
  colspan: number;
  rowspan: number;
}

export interface RawTable {
  readonly kind: 'table';
  readonly rows: readonly (readonly RawCell[])[];
}

export type RawBlock = RawParagraph | RawTable;
