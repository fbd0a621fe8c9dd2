import type { ExtractionWarning } from '@budget-ingest/doc-model';
import type { MammothDocument, MammothNode } from './mammoth-reader.ts';
import type { NumberingCounter } from './numbering.ts';
import type { BodyProps, ParagraphProps, RowProps } from './paragraph-properties.ts';
import type { RawBlock, RawCell, RawParagraph, RawTable } from './raw.ts';
import type { StyleSheet } from './styles.ts';

export interface BodyContext {
  readonly styles: StyleSheet;
  readonly numbering: NumberingCounter;
  /** Paragraph and row properties mammoth drops, in mammoth's order (paragraph-properties.ts). */
  readonly props: BodyProps;
  readonly warn: (w: ExtractionWarning) => void;
}

type Node = MammothNode;
type Paragraph = Extract<Node, { type: 'paragraph' }>;
type Table = Extract<Node, { type: 'table' }>;

/**
 * mammoth's document tree → raw blocks. mammoth gives the text of runs
 * (fields, deleted and moved text already resolved, text boxes after their
 * paragraph), run font sizes, paragraph style ids and tables with colSpan and
 * rowSpan. Our own code adds what it lacks: Word's automatic numbering text,
 * outline levels through the style chain, and w:gridBefore.
 */
export function readBlocks(doc: MammothDocument, ctx: BodyContext): RawBlock[] {
  let p = 0;
  let t = 0;
  const aligned = ctx.props.paragraphs.length === countOf(doc, 'paragraph') && ctx.props.tables.length === countOf(doc, 'table');
  if (!aligned) ctx.warn({ code: 'numbering-unresolved', message: 'the paragraphs of document.xml do not line up with the ones read; automatic numbering and outline levels are not applied' });
  const nextParagraph = (): ParagraphProps => (aligned ? ctx.props.paragraphs[p++]! : NO_PROPS);
  const nextTable = (): { rows: readonly RowProps[]; gridColumns: number } => (aligned ? { rows: ctx.props.tables[t]!, gridColumns: ctx.props.gridColumns[t++] ?? 0 } : { rows: [], gridColumns: 0 });

  const blocks = (nodes: readonly Node[]): RawBlock[] =>
    nodes.flatMap((n): RawBlock[] => {
      if (n.type === 'paragraph') return [paragraph(n, nextParagraph(), ctx)];
      if (n.type === 'table') {
        const { rows, gridColumns } = nextTable();
        return [table(n, rows, gridColumns, blocks)];
      }
      return [];
    });
  return blocks(doc.children);
}

const NO_PROPS: ParagraphProps = { numId: null, ilvl: null, outlineLevel: null };

function paragraph(node: Paragraph, own: ParagraphProps, ctx: BodyContext): RawParagraph {
  const styleId = node.styleId;
  const outlineLevel = own.outlineLevel !== null ? (own.outlineLevel <= 8 ? own.outlineLevel : null) : ctx.styles.outlineLevel(styleId);
  const fromStyle = ctx.styles.numbering(styleId);
  const num = own.numId !== null ? { numId: own.numId, ilvl: own.ilvl ?? fromStyle?.ilvl ?? 0 } : fromStyle;
  const state = { size: ctx.styles.fontSize(styleId), minSize: null as number | null };
  const text = inlineText(node.children, state);
  let numberText: string | null = null;
  if (num && text.trim() !== '') {
    const n = ctx.numbering.next(num.numId, num.ilvl);
    if (n === null && num.numId !== '0' && !ctx.numbering.isDefined(num.numId)) {
      ctx.warn({ code: 'numbering-unresolved', message: `numbering ${num.numId} level ${num.ilvl} is not defined in numbering.xml; the paragraph keeps its text without a number` });
    }
    if (n) numberText = n.text + (n.suffix === 'nothing' ? '' : ' ');
  }
  return { kind: 'paragraph', text, outlineLevel, numberText, fontSize: state.minSize };
}

/** Characters mammoth writes for w:noBreakHyphen and w:softHyphen; not text whose size counts. */
const NON_BREAKING_HYPHEN = '\u2011';
const SOFT_HYPHEN = '\u00ad';

/**
 * A paragraph's text: tabs and line breaks become "\t" and "\n" (normalisation
 * decides later whether they are spaces); a run's font size is its own w:sz,
 * else the paragraph style's (mammoth gives points, we keep half-points).
 */
function inlineText(nodes: readonly Node[], state: { size: number; minSize: number | null }): string {
  let out = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text': {
        if (n.value === NON_BREAKING_HYPHEN) out += '-';
        else {
          if (n.value !== SOFT_HYPHEN && n.value.trim() !== '') state.minSize = Math.min(state.minSize ?? Infinity, state.size);
          out += n.value;
        }
        break;
      }
      case 'run': {
        const outer = state.size;
        if (n.fontSize !== null && n.fontSize > 0) state.size = n.fontSize * 2;
        out += inlineText(n.children, state);
        state.size = outer;
        break;
      }
      case 'hyperlink':
        out += inlineText(n.children, state);
        break;
      case 'tab':
        out += '\t';
        break;
      case 'break':
        out += '\n';
        break;
      case 'checkbox':
        out += n.checked ? '☒' : '☐';
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * A mammoth table as rows of cells with HTML merge semantics (mammoth's
 * colSpan/rowSpan). What mammoth drops, from our own row properties: a row
 * that starts after skipped grid columns (w:gridBefore) gets an empty cell
 * spanning them, as Word draws it; a legacy w:hMerge continuation cell widens
 * the cell to its left instead of standing alone.
 *
 * Spans are numbers the file claims (w:gridSpan="2147483647" is one
 * attribute): they are clamped here, where the document is read, to the
 * table's real size — no row reaches past the width of its w:tblGrid (or its
 * widest row of real cells), no cell down past the last row — so nothing
 * built from the model later (its grid, its plain text) can be made larger
 * than the file's own rows and cells.
 */
function table(node: Table, rowProps: readonly RowProps[], gridColumns: number, readCell: (nodes: readonly Node[]) => RawBlock[]): RawTable {
  const trs = node.children.map((tr) => ('children' in tr ? tr.children.filter((c) => c.type === 'tableCell') : []));
  let width = gridColumns;
  for (const cells of trs) width = Math.max(width, cells.length);
  const rows = trs.map((cells, i): RawCell[] => {
    const props = rowProps[i];
    const row: RawCell[] = [];
    let used = 0;
    const span = (claimed: number) => Math.max(1, Math.min(claimed, width - used));
    if (props && props.gridBefore > 0 && props.gridBefore < width) {
      row.push({ text: '', colspan: props.gridBefore, rowspan: 1 });
      used += props.gridBefore;
    }
    cells.forEach((tc, j) => {
      if (tc.type !== 'tableCell') return;
      // Read even when merged away, so the paragraph properties stay in step with mammoth's paragraphs.
      const text = cellText(readCell(tc.children));
      const left = row.at(-1);
      const colspan = span(tc.colSpan);
      if (props?.mergesLeft[j] && left) left.colspan += colspan;
      else row.push({ text, colspan, rowspan: Math.max(1, Math.min(tc.rowSpan, trs.length - i)) });
      used += colspan;
    });
    return row;
  });
  return { kind: 'table', rows };
}

/** A cell's paragraphs (with their Word numbers) one per line; a nested table's cells flattened row by row. */
function cellText(blocks: readonly RawBlock[]): string {
  return blocks
    .map((b) => (b.kind === 'paragraph' ? `${b.numberText ?? ''}${b.text}` : b.rows.map((r) => r.map((c) => c.text).join(' ')).join('\n')))
    .filter((t) => t.trim() !== '')
    .join('\n');
}

function countOf(node: Node, type: 'paragraph' | 'table'): number {
  const own = node.type === type ? 1 : 0;
  return own + ('children' in node ? node.children.reduce((sum, c) => sum + countOf(c, type), 0) : 0);
}
