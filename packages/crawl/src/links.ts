import { load, type CheerioAPI } from 'cheerio';
import { classifyAttachmentLink, type AttachmentRules } from './attachment-links.ts';
import { baseHref, canonicalUrl } from './urls.ts';

/** One entry of a list page: a link to a detail page (or straight to a file). */
export interface ListEntry {
  readonly url: string;
  readonly title: string;
  /** ISO date (YYYY-MM-DD) when the list shows one. */
  readonly date: string | null;
}

export interface EntrySelectors {
  readonly itemSelector: string;
  readonly entrySelector: string;
  readonly dateSelector?: string | undefined;
}

export interface AttachmentLink {
  readonly url: string;
  /** The link's text or title: often the only readable name of the file. */
  readonly text: string;
}

/** Entries of an HTML list page (or of an HTML fragment from a data proxy), in page order, deduplicated. Relative links resolve against `<base href>` when the page has one. */
export function extractEntries(html: string, pageUrl: string, sel: EntrySelectors): ListEntry[] {
  const baseUrl = baseHref(html, pageUrl);
  const $ = load(html);
  const out: ListEntry[] = [];
  const seen = new Set<string>();
  $(sel.entrySelector).each((_i, el) => {
    const a = $(el);
    const href = a.attr('href') ?? '';
    const url = canonicalUrl(href, baseUrl) ?? hrefFromOnclick(a.attr('onclick') ?? '', baseUrl);
    if (!url || seen.has(url)) return;
    seen.add(url);
    const title = (a.attr('title') ?? a.text()).replace(/\s+/g, ' ').trim();
    const item = a.closest(sel.itemSelector);
    const scope = item.length > 0 ? item : a.parent();
    const dateText = sel.dateSelector ? scope.find(sel.dateSelector).first().text() : scope.text();
    out.push({ url, title, date: parseListDate(dateText) });
  });
  return out;
}

/** A document viewer page whose query names the document: pdf.js's `viewer.html?file=…`. */
export interface ViewerRule {
  /** Case-insensitive regular expression (source) on the viewer URL's path. */
  readonly path: string;
  /** The query parameter holding the document's URL (relative to the viewer, as pdf.js reads it). */
  readonly param: string;
}

export interface LinkOptions {
  /** Also take the sources of `<iframe>`, `<frame>`, `<embed>` and `<object data>` anywhere on the page. */
  readonly embeds?: boolean;
  readonly viewers?: readonly ViewerRule[];
}

/** The element-attribute pairs that embed a document in a page. */
const EMBEDS: ReadonlyArray<readonly [string, string]> = [
  ['iframe', 'src'],
  ['frame', 'src'],
  ['embed', 'src'],
  ['object', 'data'],
];

/**
 * Every link under `selector` (`<a href>`, and URLs quoted inside
 * `onclick`), then, with `embeds`, every embedded document of the page, once
 * each, in page order; relative URLs resolve against `<base href>`. A link
 * to a viewer page becomes the document it shows.
 */
export function extractLinks(html: string, pageUrl: string, selector: string, opts: LinkOptions = {}): AttachmentLink[] {
  const baseUrl = baseHref(html, pageUrl);
  const $: CheerioAPI = load(html);
  const out: AttachmentLink[] = [];
  const seen = new Set<string>();
  const add = (url: string | null, text: string) => {
    const target = url ? unwrapViewer(url, opts.viewers ?? []) : null;
    if (!target || seen.has(target)) return;
    seen.add(target);
    out.push({ url: target, text: text.replace(/\s+/g, ' ').trim() });
  };
  $(selector).each((_i, el) => {
    const a = $(el);
    const text = a.attr('title') ?? a.text();
    const href = a.attr('href');
    if (href) add(canonicalUrl(href, baseUrl), text);
    for (const q of quotedUrls(a.attr('onclick') ?? '')) add(canonicalUrl(q, baseUrl), text);
  });
  if (opts.embeds) {
    for (const [tag, attr] of EMBEDS) {
      $(`${tag}[${attr}]`).each((_i, el) => {
        const e = $(el);
        add(canonicalUrl(e.attr(attr) ?? '', baseUrl), e.attr('title') ?? '');
      });
    }
  }
  return out;
}

/** The document a viewer URL shows (`/pdfjs/web/viewer.html?file=%2Fupload%2Fa.pdf` → `/upload/a.pdf`), or the URL itself. */
export function unwrapViewer(url: string, viewers: readonly ViewerRule[]): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  for (const v of viewers) {
    if (!new RegExp(v.path, 'i').test(u.pathname)) continue;
    const file = u.searchParams.get(v.param);
    const target = file ? canonicalUrl(file, url) : null;
    if (target) return target;
  }
  return url;
}

/** The links under `selector` that are attachments or attachment candidates (see attachment-links.ts), with why. */
export function extractAttachments(html: string, baseUrl: string, selector: string, rules: AttachmentRules, opts: LinkOptions = {}): Array<AttachmentLink & { readonly why: string; readonly candidate: boolean }> {
  return extractLinks(html, baseUrl, selector, opts).flatMap((l) => {
    const v = classifyAttachmentLink(l.url, l.text, rules);
    return v.take ? [{ ...l, why: v.why, candidate: v.candidate }] : [];
  });
}

/** The first quoted path or URL inside an onclick handler: `window.open('/a/b.html')`, `down("x.pdf")`. */
export function hrefFromOnclick(onclick: string, baseUrl: string): string | null {
  for (const q of quotedUrls(onclick)) {
    const u = canonicalUrl(q, baseUrl);
    if (u) return u;
  }
  return null;
}

function quotedUrls(js: string): string[] {
  const out: string[] = [];
  for (const m of js.matchAll(/(['"])((?:https?:\/\/|\.{0,2}\/)?[^'"\s()]+?\.[a-z0-9]{2,5}(?:\?[^'"\s]*)?)\1/gi)) {
    if (m[2]) out.push(m[2]);
  }
  return out;
}

/** `2023-01-05`, `2023/1/5`, `2023年1月5日`, `[2023.01.05]` → `2023-01-05`. */
export function parseListDate(text: string): string | null {
  const m = /((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(text);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
