import type { TextLine } from './types.ts';

/** A page's lines with the page size, as the header/footer detector needs them. */
export interface PageLines {
  readonly height: number;
  readonly lines: readonly TextLine[];
}

const PAGE_NUMBER = [
  /^[-—–‐_~·•\u2500-\u257F\s]*\d{1,4}[-—–‐_~·•\u2500-\u257F\s]*$/u,
  /^第\s*\d{1,4}\s*页(\s*[,，]?\s*共\s*\d{1,4}\s*页)?$/u,
  /^\d{1,4}\s*\/\s*\d{1,4}$/u,
  /^page\s*\d{1,4}(\s*of\s*\d{1,4})?$/iu,
];

/** True for text that is only a page number: "6", "-6-", "— 6 —", "第6页 共32页", "6/32". */
export function isPageNumber(text: string): boolean {
  const t = text.trim();
  return PAGE_NUMBER.some((re) => re.test(t));
}

const MARGIN = 0.15;

/**
 * A table's caption states the unit of its figures ("部门：某某局  单位：万元",
 * "编制单位：…  单位：元"). Printed above the table on every page, it repeats
 * like a running header, but it belongs to the table: without it the table's
 * figures lose their unit.
 */
const UNIT_CAPTION = /单位\s*[:：]\s*(?:人民币)?\s*(?:亿元|万元|千元|元)/;

/** True for a line that states the unit of a table's figures. */
export function isUnitCaption(text: string): boolean {
  return UNIT_CAPTION.test(text);
}

/**
 * Finds running headers, footers and page numbers: the first or last lines
 * of a page, inside its top or bottom band, that are a page number or whose
 * text (digits ignored) repeats in the same band on several pages. Returns, per page, the set of
 * line indices to drop.
 */
export function findPageFurniture(pages: readonly PageLines[]): Set<number>[] {
  const key = (line: TextLine): string => line.text.replace(/\d+/g, '#').replace(/\s+/g, '');
  const bandOf = (page: PageLines, line: TextLine): 'top' | 'bottom' | null =>
    line.y1 <= page.height * MARGIN ? 'top' : line.y0 >= page.height * (1 - MARGIN) ? 'bottom' : null;
  const counts = new Map<string, number>();
  for (const page of pages) {
    const seen = new Set<string>();
    for (const line of page.lines) {
      const band = bandOf(page, line);
      if (band) seen.add(`${band}|${key(line)}`);
    }
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const repeatsNeeded = Math.max(3, Math.ceil(pages.length * 0.3));
  return pages.map((page) => {
    const drop = new Set<number>();
    const isFurniture = (i: number): boolean => {
      const line = page.lines[i]!;
      const band = bandOf(page, line);
      if (band === null || isUnitCaption(line.text)) return false;
      return isPageNumber(line.text) || (counts.get(`${band}|${key(line)}`) ?? 0) >= repeatsNeeded;
    };
    // Peel furniture from the top and the bottom of the page; text between body lines is body.
    for (let i = 0; i < page.lines.length && isFurniture(i); i++) drop.add(i);
    for (let i = page.lines.length - 1; i >= 0 && !drop.has(i) && isFurniture(i); i--) drop.add(i);
    return drop;
  });
}
