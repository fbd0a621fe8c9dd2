import { baseHref, canonicalUrl, decodeEntities } from './urls.ts';

/**
 * Hand-off pages: a detail page or download link whose only job is to send
 * the reader on, with `<meta http-equiv="refresh" content="0;url=…">` or a
 * script that assigns a literal URL (`location.href = '…'`,
 * `location.replace('…')`, `window.location = '…'`). TRS, 大汉 and the
 * 集约化 platforms publish attachments and moved articles this way. The
 * crawler follows one like a redirect (the fetcher re-checks scope and
 * robots.txt). A page that computes (sets a cookie, evals, builds the URL)
 * is not a hand-off: it stays for challenge detection. Pure: text in, URL out.
 */
export interface Handoff {
  readonly target: string;
  readonly how: 'meta-refresh' | 'script';
}

/** Pages longer than this in visible text are articles, whatever their scripts do. */
const MAX_VISIBLE_CHARS = 300;
/** A hand-off page links to little but its target (a "click here if not redirected" link). */
const MAX_LINKS = 3;

const META_REFRESH = /<meta\b[^>]*http-equiv\s*=\s*["']?refresh["']?[^>]*>/gi;
const SCRIPT_BLOCK = /<script\b[^>]*>([\s\S]*?)<\/script>/gi;
const LITERAL_ASSIGN = [
  /(?:^|[;{}\s(])(?:(?:window|self|top|document)\s*\.\s*)?location(?:\s*\.\s*href)?\s*=\s*(['"])([^'"\n]+)\1/,
  /(?:^|[;{}\s(])(?:(?:window|self|top|document)\s*\.\s*)?location\s*\.\s*(?:replace|assign)\s*\(\s*(['"])([^'"\n]+)\1\s*\)/,
];
/** Signs that a script computes rather than hands off: left to challenge detection. */
const COMPUTES = /document\s*\.\s*cookie|\beval\s*\(|String\s*\.\s*fromCharCode|\bFunction\s*\(|\$_ts|atob\s*\(|setCookie/;

export function findHandoff(html: string, pageUrl: string): Handoff | null {
  const head = html.slice(0, 50_000);
  if (visibleText(head).length > MAX_VISIBLE_CHARS) return null;
  if ((head.match(/<a\s[^>]*href/gi) ?? []).length > MAX_LINKS) return null;
  const scripts = [...head.matchAll(SCRIPT_BLOCK)].map((m) => m[1] ?? '').join('\n');
  if (COMPUTES.test(scripts)) return null;
  const base = baseHref(head, pageUrl);
  for (const m of head.matchAll(META_REFRESH)) {
    const content = /content\s*=\s*(["'])([\s\S]*?)\1/i.exec(m[0])?.[2] ?? /content\s*=\s*([^\s>]+)/i.exec(m[0])?.[1] ?? '';
    const url = /url\s*=\s*['"]?([^'"]+?)['"]?\s*$/i.exec(content.trim())?.[1];
    const target = url ? canonicalUrl(decodeEntities(url), base) : null;
    if (target && target !== canonicalUrl(pageUrl)) return { target, how: 'meta-refresh' };
  }
  for (const re of LITERAL_ASSIGN) {
    const m = re.exec(scripts);
    const target = m?.[2] ? canonicalUrl(m[2], base) : null;
    if (target && target !== canonicalUrl(pageUrl)) return { target, how: 'script' };
  }
  return null;
}

function visibleText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<style\b[\s\S]*?<\/style>/gi, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;|\s+/g, '');
}
