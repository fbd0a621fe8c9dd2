import { attr, child, childElements, type XmlElement } from './xml.ts';

/**
 * What mammoth's document tree drops and we need, read from document.xml
 * ourselves: a paragraph's w:numPr (mammoth keeps only {level, isOrdered},
 * not the list id Word counts by, nor w:startOverride), its own w:outlineLvl,
 * a table row's w:gridBefore (mammoth starts every row at column 0) and
 * its cells' legacy w:hMerge (mammoth keeps a merged-away cell as a cell).
 */
export interface ParagraphProps {
  readonly numId: string | null;
  readonly ilvl: number | null;
  readonly outlineLevel: number | null;
}

export interface RowProps {
  readonly gridBefore: number;
  /** Per cell mammoth keeps: true when w:hMerge continues the cell to its left. */
  readonly mergesLeft: readonly boolean[];
}

export interface BodyProps {
  /** One entry per paragraph mammoth emits, in the order it emits them. */
  readonly paragraphs: readonly ParagraphProps[];
  /** One entry per table (outer before nested), each the properties of its rows. */
  readonly tables: readonly (readonly RowProps[])[];
  /** Per table, in the same order: the columns of its w:tblGrid (0 when it has none). */
  readonly gridColumns: readonly number[];
}

/** Elements mammoth reads the children of (mammoth/lib/docx/body-reader.js); it skips everything else. */
const DESCEND = new Set(['w:body', 'w:r', 'w:hyperlink', 'w:tc', 'w:customXml', 'w:ins', 'w:moveTo', 'w:object', 'w:smartTag', 'w:pict', 'v:roundrect', 'v:shape', 'v:textbox', 'w:txbxContent', 'v:group', 'v:rect']);

/** Walks document.xml in the order mammoth does, so the lists line up with its paragraphs and tables. */
export function readBodyProps(body: XmlElement): BodyProps {
  const paragraphs: ParagraphProps[] = [];
  const tables: RowProps[][] = [];
  const gridColumns: number[] = [];
  const walk = (el: XmlElement): void => {
    if (el.name === 'w:p') {
      const pPr = child(el, 'w:pPr');
      // mammoth joins a paragraph whose mark is deleted to the next one, which keeps its own properties.
      if (!child(child(pPr, 'w:rPr'), 'w:del')) paragraphs.push(paragraphProps(pPr));
      childElements(el).forEach(walk);
    } else if (el.name === 'w:tbl') {
      const rows: RowProps[] = [];
      tables.push(rows);
      const grid = child(el, 'w:tblGrid');
      gridColumns.push(grid ? childElements(grid, 'w:gridCol').length : 0);
      const merges = !hasStrayElement(el);
      /** Grid columns (counted as mammoth does, without w:gridBefore) that a cell above owns. */
      const owned = new Set<number>();
      rowsOf(el).forEach((tr) => {
        const trPr = child(tr, 'w:trPr');
        if (child(trPr, 'w:del')) return;
        const mergesLeft: boolean[] = [];
        rows.push({ gridBefore: Number(attr(child(trPr, 'w:gridBefore'), 'w:val') ?? '0') || 0, mergesLeft });
        let col = 0;
        for (const tc of cellsOf(tr)) {
          const tcPr = child(tc, 'w:tcPr');
          const vMerge = child(tcPr, 'w:vMerge');
          const continues = vMerge !== undefined && ['continue', undefined, ''].includes(attr(vMerge, 'w:val'));
          // mammoth drops a vertically merged continuation cell, with its paragraphs.
          if (!(merges && continues && owned.has(col))) {
            owned.add(col);
            const hMerge = child(tcPr, 'w:hMerge');
            mergesLeft.push(hMerge !== undefined && attr(hMerge, 'w:val') !== 'restart');
            walk(tc);
          }
          col += parseInt(attr(child(tcPr, 'w:gridSpan'), 'w:val') ?? '1', 10) || 1;
        }
      });
    } else if (el.name === 'w:sdt') {
      const content = child(el, 'w:sdtContent');
      if (content) childElements(content).forEach(walk);
    } else if (el.name === 'mc:AlternateContent') {
      const fallback = child(el, 'mc:Fallback');
      if (fallback) childElements(fallback).forEach(walk);
    } else if (DESCEND.has(el.name)) {
      childElements(el).forEach(walk);
    }
  };
  walk(body);
  return { paragraphs, tables, gridColumns };
}

function paragraphProps(pPr: XmlElement | undefined): ParagraphProps {
  const numPr = child(pPr, 'w:numPr');
  const ilvl = attr(child(numPr, 'w:ilvl'), 'w:val');
  const outline = attr(child(pPr, 'w:outlineLvl'), 'w:val');
  return {
    numId: attr(child(numPr, 'w:numId'), 'w:val') ?? null,
    ilvl: ilvl === undefined ? null : Number(ilvl),
    outlineLevel: outline === undefined ? null : Number(outline),
  };
}

/** mammoth merges no cells of a table holding anything besides rows and cells (a bookmark, say). */
function hasStrayElement(tbl: XmlElement): boolean {
  const stray = (el: XmlElement): boolean => el.name === 'w:bookmarkStart' && attr(el, 'w:name') !== '_GoBack';
  return childElements(tbl).some(stray) || rowsOf(tbl).some((tr) => childElements(tr).some(stray));
}

function cellsOf(tr: XmlElement): XmlElement[] {
  return childElements(tr).flatMap((el) => {
    if (el.name === 'w:tc') return [el];
    if (el.name === 'w:sdt') return cellsOf(child(el, 'w:sdtContent') ?? el);
    return ['w:customXml', 'w:ins', 'w:moveTo', 'w:smartTag'].includes(el.name) ? cellsOf(el) : [];
  });
}

/** Rows as mammoth finds them: direct, or inside content controls and the containers it reads through. */
function rowsOf(tbl: XmlElement): XmlElement[] {
  return childElements(tbl).flatMap((el) => {
    if (el.name === 'w:tr') return [el];
    if (el.name === 'w:sdt') return rowsOf(child(el, 'w:sdtContent') ?? el);
    return ['w:customXml', 'w:ins', 'w:moveTo', 'w:smartTag'].includes(el.name) ? rowsOf(el) : [];
  });
}
