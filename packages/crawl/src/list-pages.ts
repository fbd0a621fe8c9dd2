import { canonicalUrl } from './urls.ts';
import { extractEntries, parseListDate, type EntrySelectors, type ListEntry } from './links.ts';

/**
 * The list-page types: how to find the entries on one page, and which pages
 * come next. Pure: text in, values out; the crawler does the fetching.
 */

export interface ListPageResult {
  readonly entries: readonly ListEntry[];
  readonly warnings: readonly ListWarning[];
}

export type ListWarningCode = 'no-pagination' | 'no-entries' | 'bad-xml' | 'bad-json' | 'missing-field';
export interface ListWarning {
  readonly code: ListWarningCode;
  readonly message: string;
}

// ---------- TRS: index.html, index_1.html … with createPageHTML(N, cur, 'index', 'html') ----------

export interface TrsPagination {
  readonly pageCount: number;
  readonly prefix: string;
  readonly ext: string;
}

/**
 * Reads `createPageHTML(5, 0, "index", "html")`, and the newer
 * `createPageHTML('page_div', 5, 1, 'index', 'html', 71)`.
 */
export function parseTrsPagination(html: string): TrsPagination | null {
  const m = /createPageHTML\s*\(([^)]*)\)/.exec(html);
  if (!m?.[1]) return null;
  const args = m[1].split(',').map((a) => a.trim());
  const ints = args.filter((a) => /^['"]?\d+['"]?$/.test(a)).map((a) => Number(a.replace(/['"]/g, '')));
  const strs = args.filter((a) => /^['"].*['"]$/.test(a) && !/^['"]\d+['"]$/.test(a)).map((a) => a.slice(1, -1));
  const pageCount = ints[0];
  const prefix = strs.at(-2);
  const ext = strs.at(-1);
  if (pageCount === undefined || !prefix || !ext || pageCount < 1) return null;
  return { pageCount, prefix, ext };
}

/** The list pages after the first: `index_1.html` … `index_{N-1}.html`, capped at maxPages in all. */
export function trsPageUrls(firstPageUrl: string, p: TrsPagination, maxPages: number): string[] {
  const out: string[] = [];
  for (let i = 1; i < Math.min(p.pageCount, maxPages); i++) {
    const u = canonicalUrl(`${p.prefix}_${i}.${p.ext}`, firstPageUrl);
    if (u) out.push(u);
  }
  return out;
}

export function parseHtmlList(html: string, pageUrl: string, sel: EntrySelectors): ListPageResult {
  const entries = extractEntries(html, pageUrl, sel);
  return { entries, warnings: entries.length === 0 ? [{ code: 'no-entries', message: `no entry matches "${sel.entrySelector}"` }] : [] };
}

// ---------- Hanweb: /module/web/jpage/dataproxy.jsp returning <record><![CDATA[…]]></record> ----------

export interface HanwebListConfig {
  readonly columnId: string;
  readonly unitId?: string | undefined;
  readonly webId?: string | undefined;
  readonly perPage: number;
  readonly pagesPerRequest: number;
  readonly proxyPath: string;
}

/** The proxy URL for records [start, end] (1-based, inclusive). */
export function hanwebProxyUrl(seedUrl: string, cfg: HanwebListConfig, start: number, end: number): string {
  const u = new URL(cfg.proxyPath, seedUrl);
  u.searchParams.set('startrecord', String(start));
  u.searchParams.set('endrecord', String(end));
  u.searchParams.set('perpage', String(cfg.perPage));
  u.searchParams.set('columnid', cfg.columnId);
  if (cfg.unitId) u.searchParams.set('unitid', cfg.unitId);
  if (cfg.webId) u.searchParams.set('webid', cfg.webId);
  return u.toString();
}

/** Record windows to ask for after the first, given the total the first answer announced. */
export function hanwebNextWindows(cfg: HanwebListConfig, totalRecords: number, maxPages: number): Array<[number, number]> {
  const batch = cfg.perPage * cfg.pagesPerRequest;
  const limit = Math.min(totalRecords, maxPages * cfg.perPage);
  const out: Array<[number, number]> = [];
  for (let start = batch + 1; start <= limit; start += batch) out.push([start, Math.min(start + batch - 1, limit)]);
  return out;
}

export interface HanwebPage extends ListPageResult {
  readonly totalRecords: number | null;
}

export function parseHanwebXml(xml: string, pageUrl: string, sel: EntrySelectors): HanwebPage {
  const records = [...xml.matchAll(/<record>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/record>/gi)].map((m) => m[1] ?? '');
  const total = /<totalrecord>\s*(\d+)\s*<\/totalrecord>/i.exec(xml)?.[1];
  const warnings: ListWarning[] = [];
  if (!/<datastore|<recordset|<record>/i.test(xml)) warnings.push({ code: 'bad-xml', message: 'the data proxy answer has no <datastore>/<record>' });
  const entries: ListEntry[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    for (const e of extractEntries(r, pageUrl, { ...sel, itemSelector: sel.itemSelector })) {
      if (seen.has(e.url)) continue;
      seen.add(e.url);
      entries.push(e.date ? e : { ...e, date: parseListDate(r) });
    }
  }
  if (entries.length === 0 && warnings.length === 0) warnings.push({ code: 'no-entries', message: 'no record holds a link' });
  return { entries, totalRecords: total ? Number(total) : null, warnings };
}

// ---------- ?page=N ----------

export function queryPageUrl(seedUrl: string, param: string, page: number): string {
  const u = new URL(seedUrl);
  u.searchParams.set(param, String(page));
  return u.toString();
}

// ---------- JSON API ----------

export interface JsonListConfig {
  readonly items: string;
  readonly fields: { readonly url: string; readonly title: string; readonly date?: string | undefined };
  readonly totalPages?: string | undefined;
}

/** Reads `$.data.list[0].url`-style paths. */
export function readJsonPath(root: unknown, path: string): unknown {
  const tokens = path.replace(/^\$\.?/, '').match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let node: unknown = root;
  for (const t of tokens) {
    if (node === null || node === undefined) return undefined;
    if (t.startsWith('[')) node = Array.isArray(node) ? node[Number(t.slice(1, -1))] : undefined;
    else node = typeof node === 'object' ? (node as Record<string, unknown>)[t] : undefined;
  }
  return node;
}

export interface JsonPage extends ListPageResult {
  readonly totalPages: number | null;
}

export function parseJsonList(text: string, pageUrl: string, cfg: JsonListConfig): JsonPage {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    return { entries: [], totalPages: null, warnings: [{ code: 'bad-json', message: `not JSON: ${(err as Error).message}` }] };
  }
  const items = readJsonPath(root, cfg.items);
  if (!Array.isArray(items)) {
    return { entries: [], totalPages: null, warnings: [{ code: 'missing-field', message: `${cfg.items} is not an array` }] };
  }
  const warnings: ListWarning[] = [];
  const entries: ListEntry[] = [];
  for (const [i, item] of items.entries()) {
    const rawUrl = readJsonPath(item, cfg.fields.url);
    const url = typeof rawUrl === 'string' ? canonicalUrl(rawUrl, pageUrl) : null;
    if (!url) {
      warnings.push({ code: 'missing-field', message: `item ${i}: ${cfg.fields.url} is not a URL` });
      continue;
    }
    const title = readJsonPath(item, cfg.fields.title);
    const date = cfg.fields.date ? readJsonPath(item, cfg.fields.date) : undefined;
    entries.push({ url, title: typeof title === 'string' ? title.trim() : '', date: typeof date === 'string' || typeof date === 'number' ? parseListDate(String(date)) : null });
  }
  const total = cfg.totalPages ? Number(readJsonPath(root, cfg.totalPages)) : NaN;
  return { entries, totalPages: Number.isFinite(total) ? total : null, warnings };
}
