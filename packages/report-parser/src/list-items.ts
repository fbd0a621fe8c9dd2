/**
 * Lists of named figures after 其中 / 主要包括 / 主要用于: "基本工资100.46万元、
 * 津贴补贴215.94万元，…". Each entry is the words since the previous figure (list
 * punctuation and connectors removed) and its figure.
 */
import { labelled, moneyIn, type MoneyFigure } from './figures/index.ts';

export interface ListEntry {
  readonly name: string;
  readonly figure: MoneyFigure;
  /** Offset of the entry's name in the text. */
  readonly start: number;
}

const LIST_OPENER = /^(?:[,:]?(?:其中|主要包括|主要用于|包括|具体包括|主要是|分别为|用于)[^,;。\d]{0,8}?[:,]?|[:])/;

/** True when a list opens right after `pos` ("，其中：", "，主要包括："). */
export function listOpensAt(text: string, pos: number): number | null {
  const m = LIST_OPENER.exec(text.slice(pos));
  return m ? pos + m[0].length : null;
}

/** Entries from `from` up to `to`; names trimmed of connectors. */
export function listEntries(text: string, from: number, to: number = text.length): ListEntry[] {
  const slice = text.slice(from, to);
  const out: ListEntry[] = [];
  for (const { figure: fig, raw } of labelled(slice, moneyIn(slice))) {
    const lead = raw.match(/^[,;、:。\s]*(?:以及|和|及|另有|还有)?/)?.[0].length ?? 0;
    const name = raw
      .slice(lead)
      .replace(/(为|是|共|计|合计|共计|:)+$/, '')
      .replace(/^(其中|主要包括|包括|主要用于)[:]?/, '');
    out.push({ name, figure: { ...fig, start: fig.start + from, end: fig.end + from }, start: from + fig.start - raw.length + lead });
  }
  return withoutMarkers(out);
}

/** A list marker that cannot be part of a name: (1) / 1、 / 1. / 1) / ①. */
const MARKER = /^(?:\(\d{1,2}\)|\d{1,2}[、.)](?!\d)|[①-⑳])/;

/**
 * Entry names without their list markers. NFKC turns ① into a bare 1 glued to
 * the name (1委员活动经费): a leading number is taken for a marker only when the
 * entries count 1, 2, 3 … in order.
 */
function withoutMarkers(entries: readonly ListEntry[]): ListEntry[] {
  const counted = entries.length > 1 && entries.every((e, i) => new RegExp(`^${i + 1}(?!\\d)`).test(e.name));
  return entries.map((e, i) => {
    const marker = MARKER.exec(e.name)?.[0] ?? (counted ? String(i + 1) : '');
    return marker === '' ? e : { ...e, name: e.name.slice(marker.length), start: e.start + marker.length };
  });
}
