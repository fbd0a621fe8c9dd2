import type { ExtractionWarning } from '@budget-ingest/doc-model';
import type { NumberingCounter } from './numbering.ts';
import type { StyleSheet } from './styles.ts';
import type { RawBlock } from './raw.ts';
import { readTable } from './table-reader.ts';
import { attr, child, childElements, type XmlElement } from './xml.ts';

export interface BodyContext {
  readonly styles: StyleSheet;
  readonly numbering: NumberingCounter;
  readonly warn: (w: ExtractionWarning) => void;
}

/** Body children that carry no text of the document, known and skipped (anything else is reported once). */
const IGNORED_BLOCK = new Set(['w:sectPr', 'w:tcPr', 'w:bookmarkStart', 'w:bookmarkEnd', 'w:proofErr', 'w:permStart', 'w:permEnd', 'w:commentRangeStart', 'w:commentRangeEnd', 'w:moveFromRangeStart', 'w:moveFromRangeEnd', 'w:moveToRangeStart', 'w:moveToRangeEnd', 'w:del', 'w:moveFrom', 'w:altChunk']);
const CONTAINERS = new Set(['w:sdt', 'w:sdtContent', 'w:customXml', 'w:ins', 'w:moveTo', 'w:smartTag']);
/** Run-level containers whose runs are part of the paragraph's text. */
const INLINE_CONTAINERS = new Set(['w:hyperlink', 'w:ins', 'w:moveTo', 'w:smartTag', 'w:customXml', 'w:sdt', 'w:sdtContent', 'w:fldSimple', 'mc:AlternateContent', 'mc:Choice', 'w:dir', 'w:bdo']);
const IGNORED_INLINE = new Set(['w:pPr', 'w:rPr', 'w:del', 'w:moveFrom', 'w:instrText', 'w:delText', 'w:bookmarkStart', 'w:bookmarkEnd', 'w:proofErr', 'w:lastRenderedPageBreak', 'w:commentRangeStart', 'w:commentRangeEnd', 'w:commentReference', 'w:footnoteReference', 'w:endnoteReference', 'w:sdtPr', 'w:sdtEndPr', 'w:fldChar', 'w:annotationRef', 'w:separator', 'w:continuationSeparator', 'w:permStart', 'w:permEnd', 'mc:Fallback', 'w:object', 'w:pict', 'w:drawing', 'w:rsid', 'w:footnoteRef', 'w:endnoteRef', 'w:ptab', 'w:dayShort', 'w:monthShort', 'w:yearShort', 'w:dayLong', 'w:monthLong', 'w:yearLong', 'w:pgNum', 'w:contentPart', 'w:oMath', 'w:oMathPara']);

/** Reads the blocks of w:body (or a table cell, or a text box) in document order. */
export function readBlocks(container: XmlElement, ctx: BodyContext): RawBlock[] {
  const out: RawBlock[] = [];
  for (const el of childElements(container)) {
    if (el.name === 'w:p') out.push(...readParagraph(el, ctx));
    else if (el.name === 'w:tbl') out.push(readTable(el, (tc) => readBlocks(tc, ctx)));
    else if (CONTAINERS.has(el.name)) out.push(...readBlocks(el, ctx));
    else if (!IGNORED_BLOCK.has(el.name)) warnUnknown(ctx, el.name);
  }
  return out;
}

/** A paragraph, followed by the paragraphs of any text boxes anchored in it. */
function readParagraph(p: XmlElement, ctx: BodyContext): RawBlock[] {
  const pPr = child(p, 'w:pPr');
  const styleId = attr(child(pPr, 'w:pStyle'), 'w:val') ?? null;
  const ownLevel = attr(child(pPr, 'w:outlineLvl'), 'w:val');
  const outlineLevel = ownLevel !== undefined ? (Number(ownLevel) <= 8 ? Number(ownLevel) : null) : ctx.styles.outlineLevel(styleId);
  const numPr = child(pPr, 'w:numPr');
  const numId = attr(child(numPr, 'w:numId'), 'w:val');
  const ilvl = attr(child(numPr, 'w:ilvl'), 'w:val');
  const fromStyle = ctx.styles.numbering(styleId);
  const num = numId !== undefined ? { numId, ilvl: Number(ilvl ?? fromStyle?.ilvl ?? 0) } : fromStyle;
  const textBoxes: RawBlock[] = [];
  const run: RunState = { size: ctx.styles.fontSize(styleId), minSize: null, textBoxes };
  const text = inlineText(p, ctx, run);
  let numberText: string | null = null;
  if (num && text.trim() !== '') {
    const n = ctx.numbering.next(num.numId, num.ilvl);
    if (n === null && num.numId !== '0' && !ctx.numbering.isDefined(num.numId)) {
      ctx.warn({ code: 'numbering-unresolved', message: `numbering ${num.numId} level ${num.ilvl} is not defined in numbering.xml; the paragraph keeps its text without a number` });
    }
    if (n) numberText = n.text + (n.suffix === 'nothing' ? '' : ' ');
  }
  return [{ kind: 'paragraph', text, outlineLevel, numberText, fontSize: run.minSize }, ...textBoxes];
}

/**
 * The paragraph's text: runs in order; tabs and line breaks become "\t" and
 * "\n" (normalisation decides later whether they are spaces); field codes,
 * deleted text and drawings are skipped; text boxes become blocks of their own.
 */
interface RunState {
  /** Font size of the current run (its own w:sz, else the paragraph style's). */
  size: number;
  minSize: number | null;
  readonly textBoxes: RawBlock[];
}

function inlineText(el: XmlElement, ctx: BodyContext, state: RunState): string {
  let out = '';
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    switch (c.name) {
      case 'w:t': {
        const t = c.children.filter((x): x is string => typeof x === 'string').join('');
        if (t.trim() !== '') state.minSize = Math.min(state.minSize ?? Infinity, state.size);
        out += t;
        break;
      }
      case 'w:r': {
        const outer = state.size;
        const sz = Number(attr(child(child(c, 'w:rPr'), 'w:sz'), 'w:val'));
        if (Number.isFinite(sz) && sz > 0) state.size = sz;
        out += inlineText(c, ctx, state);
        state.size = outer;
        break;
      }
      case 'w:tab':
        out += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        out += '\n';
        break;
      case 'w:noBreakHyphen':
        out += '-';
        break;
      case 'w:softHyphen':
        break;
      case 'w:sym': {
        const code = attr(c, 'w:char');
        if (code && /^[0-9a-f]{4}$/i.test(code)) {
          const cp = parseInt(code, 16);
          // Symbol fonts map to the private use area F0xx; keep only real characters.
          if (cp < 0xe000 || cp > 0xf8ff) out += String.fromCodePoint(cp);
        }
        break;
      }
      case 'w:drawing':
      case 'w:pict':
      case 'mc:AlternateContent':
        for (const box of findTextBoxes(c)) state.textBoxes.push(...readBlocks(box, ctx));
        break;
      default:
        if (INLINE_CONTAINERS.has(c.name)) out += inlineText(c, ctx, state);
        else if (!IGNORED_INLINE.has(c.name)) warnUnknown(ctx, c.name);
    }
  }
  return out;
}

/** w:txbxContent inside a drawing; in mc:AlternateContent only the first choice (the fallback repeats it). */
function findTextBoxes(el: XmlElement): XmlElement[] {
  if (el.name === 'w:txbxContent') return [el];
  if (el.name === 'mc:AlternateContent') {
    const first = childElements(el, 'mc:Choice')[0] ?? child(el, 'mc:Fallback');
    return first ? findTextBoxes(first) : [];
  }
  return childElements(el).flatMap(findTextBoxes);
}

const warnedUnknown = new WeakMap<BodyContext, Set<string>>();
function warnUnknown(ctx: BodyContext, name: string): void {
  const seen = warnedUnknown.get(ctx) ?? new Set<string>();
  warnedUnknown.set(ctx, seen);
  if (seen.has(name)) return;
  seen.add(name);
  ctx.warn({ code: 'unknown-element', message: `the DOCX holds <${name}> elements, which are not read` });
}
