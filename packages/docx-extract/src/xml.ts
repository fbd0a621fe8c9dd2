import { XMLParser } from 'fast-xml-parser';
import { ExtractError } from '@budget-ingest/doc-model';

/** A plain XML element: name with its prefix ("w:p"), attributes, children in document order. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}
export type XmlNode = XmlElement | string;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Entities are decoded here, in one pass (decodeEntities): the parser expands none.
  processEntities: false,
  htmlEntities: false,
});

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The five predefined XML entities and numeric character references; nothing else exists without a DTD. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref.toLowerCase()] ?? whole;
    const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return Number.isInteger(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

/**
 * Parses one OOXML part. Office never writes a DTD, so any DOCTYPE is refused
 * before parsing: no entity can be declared, hence none expanded (billion laughs).
 */
export function parseXml(text: string, part: string): XmlElement {
  refuseDtd(text, part);
  let raw: unknown;
  try {
    raw = parser.parse(text);
  } catch (err) {
    throw new ExtractError('corrupt', `${part} is not well-formed XML: ${(err as Error).message}`, { cause: err });
  }
  const roots = toNodes(raw).filter((n): n is XmlElement => typeof n !== 'string');
  const root = roots[0];
  if (!root) throw new ExtractError('corrupt', `${part} has no root element`);
  return root;
}

/** Throws when XML declares a DTD or entities (Office never writes one), so no parser downstream can expand them. */
export function refuseDtd(text: string, part: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new ExtractError('corrupt', `${part} declares a DTD or entities, which Office never writes; refused (entity expansion is off)`);
}

function toNodes(raw: unknown): XmlNode[] {
  if (!Array.isArray(raw)) return [];
  const out: XmlNode[] = [];
  for (const item of raw as Record<string, unknown>[]) {
    for (const [key, value] of Object.entries(item)) {
      if (key === ':@') continue;
      if (key === '#text') out.push(decodeEntities(String(value)));
      else out.push({ name: key, attrs: decodeAttrs(item[':@'] as Record<string, unknown> | undefined), children: toNodes(value) });
    }
  }
  return out;
}

function decodeAttrs(raw: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) out[k] = decodeEntities(String(v));
  return out;
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** Attribute by local name ("w:val" or "val"). */
export function attr(el: XmlElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  return el.attrs[name] ?? el.attrs[`w:${name}`];
}

/** Text content of an element (all text descendants). */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** OOXML on/off properties: <w:b/>, <w:b w:val="true"/>, <w:b w:val="0"/>. */
export function isOn(el: XmlElement | undefined): boolean {
  if (!el) return false;
  const v = attr(el, 'w:val');
  return v === undefined || !['0', 'false', 'off'].includes(v);
}
