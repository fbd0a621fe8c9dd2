import iconv from 'iconv-lite';

/**
 * Which charset a page is in: the HTTP header first, then a `<meta>` in the
 * first 4 KiB (or an XML declaration), then sniffing (valid UTF-8 or not).
 * GBK and GB2312 are decoded as GB18030, their superset: sites that say
 * "gb2312" routinely use characters outside it.
 */
export type CharsetSource = 'override' | 'header' | 'bom' | 'meta' | 'sniff';

export interface DetectedCharset {
  /** A label iconv-lite decodes: utf-8, gb18030, big5, … */
  readonly charset: string;
  readonly source: CharsetSource;
}

export function normalizeCharset(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (l === 'utf8' || l === 'utf-8') return 'utf-8';
  if (['gbk', 'gb2312', 'gb_2312-80', 'gb18030', 'x-gbk', 'cp936', 'euc-cn'].includes(l)) return 'gb18030';
  if (l === 'big5' || l === 'big5-hkscs') return 'big5';
  return iconv.encodingExists(l) ? l : null;
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = contentType ? /charset\s*=\s*["']?([\w-]+)/i.exec(contentType) : null;
  return m?.[1] ? normalizeCharset(m[1]) : null;
}

export function detectCharset(bytes: Uint8Array, contentType?: string | null, override?: string | null): DetectedCharset {
  if (override) {
    const o = normalizeCharset(override);
    if (o) return { charset: o, source: 'override' };
  }
  const fromHeader = charsetFromContentType(contentType);
  if (fromHeader) return { charset: fromHeader, source: 'header' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', source: 'bom' };
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const meta =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head);
  if (meta?.[1]) {
    const m = normalizeCharset(meta[1]);
    if (m) return { charset: m, source: 'meta' };
  }
  return { charset: isValidUtf8(bytes) ? 'utf-8' : 'gb18030', source: 'sniff' };
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function decodeText(bytes: Uint8Array, charset: string): string {
  const text = iconv.decode(Buffer.from(bytes), charset);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decodes a page with the detected charset. */
export function toText(bytes: Uint8Array, contentType?: string | null, override?: string | null): { text: string; charset: DetectedCharset } {
  const charset = detectCharset(bytes, contentType, override);
  return { text: decodeText(bytes, charset.charset), charset };
}
