/**
 * URL handling: one canonical spelling per resource, so the same file linked
 * as `./P0.pdf`, `P0.pdf#page=2` or `HTTP://Host:80/dir/P0.pdf` is fetched
 * once and recorded once.
 */
export function canonicalUrl(href: string, base?: string): string | null {
  const trimmed = href.trim().replace(/[\r\n\t]/g, '');
  if (!trimmed || /^(javascript|mailto|tel|data|about):/i.test(trimmed) || trimmed.startsWith('#')) return null;
  let u: URL;
  try {
    u = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  // WHATWG URL already lower-cases the host and drops default ports.
  u.pathname = u.pathname.replace(/\/{2,}/g, '/');
  return u.toString();
}

export function hostOf(url: string): string {
  return new URL(url).host.toLowerCase();
}

/** Server-script extensions: a URL ending in one is a program (a download script, a list), never the file itself. */
export const SCRIPT_EXTENSIONS: ReadonlySet<string> = new Set(['jsp', 'do', 'action', 'asp', 'aspx', 'php', 'ashx', 'cgi']);

/** The lower-case extension of a URL's path, or of a query value naming a file (`download.jsp?file=a.pdf`). */
export function fileExtension(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const fromPath = /\.([a-z0-9]{2,5})$/i.exec(u.pathname)?.[1]?.toLowerCase() ?? null;
  if (fromPath && !SCRIPT_EXTENSIONS.has(fromPath)) return fromPath;
  for (const v of u.searchParams.values()) {
    const m = /\.([a-z0-9]{2,5})$/i.exec(v)?.[1];
    if (m) return m.toLowerCase();
  }
  return fromPath;
}

/** The page's `<base href>`, resolved against its URL, or the URL itself. */
export function baseHref(html: string, pageUrl: string): string {
  const href = /<base\b[^>]*\bhref\s*=\s*(["'])([^"']+)\1/i.exec(html)?.[2] ?? /<base\b[^>]*\bhref\s*=\s*([^\s>"']+)/i.exec(html)?.[1];
  if (!href) return pageUrl;
  try {
    const u = new URL(decodeEntities(href.trim()), pageUrl);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : pageUrl;
  } catch {
    return pageUrl;
  }
}

/** The two entity spellings of `&` that turn up inside attribute URLs. */
export function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&#0*38;/g, '&');
}
