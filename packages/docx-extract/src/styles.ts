import { attr, child, childElements, type XmlElement } from './xml.ts';

/** What a paragraph style contributes: its outline level (0-based, heading levels) and its numbering. */
export interface ParagraphStyle {
  readonly id: string;
  readonly name: string;
  readonly basedOn: string | null;
  readonly outlineLevel: number | null;
  readonly numId: string | null;
  readonly ilvl: number | null;
  /** Font size in half-points (w:sz), when the style sets one. */
  readonly fontSize: number | null;
}

export interface StyleSheet {
  /** Outline level (0-based) the style gives, following basedOn; null when body text. */
  outlineLevel(styleId: string | null): number | null;
  /** Numbering the style gives, following basedOn. */
  numbering(styleId: string | null): { numId: string; ilvl: number } | null;
  /** Font size in half-points the style gives, following basedOn, else the document default (Word's own default: 20). */
  fontSize(styleId: string | null): number;
}

const HEADING_NAME = /^(?:heading|标题)\s*(\d)$/i;

export function readStyles(root: XmlElement | null): StyleSheet {
  const styles = new Map<string, ParagraphStyle>();
  for (const s of root ? childElements(root, 'w:style') : []) {
    if (attr(s, 'w:type') !== 'paragraph') continue;
    const id = attr(s, 'w:styleId');
    if (id === undefined) continue;
    const pPr = child(s, 'w:pPr');
    const numPr = child(pPr, 'w:numPr');
    const lvl = attr(child(pPr, 'w:outlineLvl'), 'w:val');
    const ilvl = attr(child(numPr, 'w:ilvl'), 'w:val');
    styles.set(id, {
      id,
      name: attr(child(s, 'w:name'), 'w:val') ?? id,
      basedOn: attr(child(s, 'w:basedOn'), 'w:val') ?? null,
      outlineLevel: lvl === undefined ? null : Number(lvl),
      numId: attr(child(numPr, 'w:numId'), 'w:val') ?? null,
      ilvl: ilvl === undefined ? null : Number(ilvl),
      fontSize: halfPoints(child(child(s, 'w:rPr'), 'w:sz')),
    });
  }
  const defaults = child(root ?? undefined, 'w:docDefaults');
  const defaultSize = halfPoints(child(child(child(defaults, 'w:rPrDefault'), 'w:rPr'), 'w:sz')) ?? 20;
  const defaultStyleId = (root ? childElements(root, 'w:style') : []).find((st) => attr(st, 'w:type') === 'paragraph' && ['1', 'true', 'on'].includes(attr(st, 'w:default') ?? ''));
  const normalId = attr(defaultStyleId, 'w:styleId') ?? (styles.has('Normal') ? 'Normal' : null);
  const chain = (id: string | null): ParagraphStyle[] => {
    const out: ParagraphStyle[] = [];
    let cur = id === null ? undefined : styles.get(id);
    while (cur && out.length < 20 && !out.includes(cur)) {
      out.push(cur);
      cur = cur.basedOn === null ? undefined : styles.get(cur.basedOn);
    }
    return out;
  };
  return {
    outlineLevel(styleId) {
      for (const s of chain(styleId)) {
        if (s.outlineLevel !== null) return s.outlineLevel <= 8 ? s.outlineLevel : null;
        const m = HEADING_NAME.exec(s.name) ?? HEADING_NAME.exec(s.id);
        if (m) return Number(m[1]) - 1;
      }
      return null;
    },
    numbering(styleId) {
      for (const s of chain(styleId)) if (s.numId !== null) return { numId: s.numId, ilvl: s.ilvl ?? 0 };
      return null;
    },
    fontSize(styleId) {
      // A paragraph without a style has the default paragraph style (Normal).
      for (const s of chain(styleId ?? normalId)) if (s.fontSize !== null) return s.fontSize;
      return defaultSize;
    },
  };
}

function halfPoints(sz: XmlElement | undefined): number | null {
  const v = Number(attr(sz, 'w:val'));
  return Number.isFinite(v) && v > 0 ? v : null;
}
