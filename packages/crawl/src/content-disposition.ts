import iconv from 'iconv-lite';
import { isValidUtf8 } from './charset.ts';

/**
 * The file name in a Content-Disposition header. Node hands header values
 * over as latin1 strings, so raw bytes (UTF-8 or GBK sent unencoded, as many
 * Chinese servers do) are recovered from the string's char codes.
 * Preference: RFC 5987 `filename*=` > `filename=` (percent-decoded when it
 * looks percent-encoded, otherwise raw bytes decoded as UTF-8 or GB18030).
 */
export function parseContentDispositionFileName(header: string | null | undefined): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([^;]+)/i.exec(header);
  if (star?.[1]) {
    const m = /^\s*"?([\w-]+)'[^']*'([^";]*)"?\s*$/.exec(star[1]);
    if (m?.[1] && m[2] !== undefined) {
      const decoded = percentDecode(m[2], m[1]);
      if (decoded) return cleanFileName(decoded);
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:\\.|[^"\\])*)"|([^;]*))/i.exec(header);
  const value = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  if (!value) return null;
  if (/%[0-9a-f]{2}/i.test(value)) {
    const decoded = percentDecode(value, 'utf-8') ?? percentDecode(value, 'gb18030');
    if (decoded) return cleanFileName(decoded);
  }
  return cleanFileName(decodeRawHeader(value));
}

/** Recovers text sent as raw 8-bit bytes in a header: UTF-8 when valid, else GB18030. */
export function decodeRawHeader(value: string): string {
  if (!/[\x80-\xff]/.test(value)) return value;
  if ([...value].some((c) => c.charCodeAt(0) > 0xff)) return value;
  const bytes = Buffer.from(value, 'latin1');
  return isValidUtf8(bytes) ? bytes.toString('utf8') : iconv.decode(bytes, 'gb18030');
}

/** Percent-decodes with a charset; null when the result is not sensible text in it. */
export function percentDecode(value: string, charset: string): string | null {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '%' && /^[0-9a-f]{2}$/i.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '+' ) {
      bytes.push(0x20);
    } else {
      const code = value.charCodeAt(i);
      if (code > 0x7f) return null;
      bytes.push(code);
    }
  }
  const buf = Buffer.from(bytes);
  const cs = charset.toLowerCase();
  if (cs === 'utf-8' || cs === 'utf8') return isValidUtf8(buf) ? buf.toString('utf8') : null;
  if (!iconv.encodingExists(cs)) return null;
  const text = iconv.decode(buf, cs === 'gbk' || cs === 'gb2312' ? 'gb18030' : cs);
  return text.includes('\ufffd') ? null : text;
}

/** A file name from a URL's last path segment, percent-decoded as UTF-8 or GBK. */
export function fileNameFromUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const seg = path.split('/').pop() ?? '';
  if (!seg) return null;
  return cleanFileName(percentDecode(seg, 'utf-8') ?? percentDecode(seg, 'gb18030') ?? seg);
}

/** Drops directories and characters no file system likes. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return base.replace(/[\u0000-\u001f<>:"|?*]/g, '_').trim() || 'unnamed';
}
