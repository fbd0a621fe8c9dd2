import { extname } from 'node:path';
import { cleanFileName, fileNameFromUrl, parseContentDispositionFileName } from './content-disposition.ts';
import { DOCUMENT_EXTENSIONS } from './document-format.ts';
import { SCRIPT_EXTENSIONS } from './urls.ts';

/**
 * The stored name of a downloaded file: the Content-Disposition name, else a
 * readable (non-ASCII) name in the URL, else the link text, else the URL's
 * last segment. A name that says nothing (附件1, 下载, 点击下载, a bare
 * number: see GENERIC_NAMES) gives way to the next one that says something;
 * when none does, it is prefixed with the title of the entry or detail page
 * (`2023年县财政局部门预算-附件1.pdf`), so two departments' 附件1.pdf stay
 * apart. Whichever it is ends in the sniffed format's extension, never in a
 * download script's (`自评报告.pdf.jsp` → `自评报告.pdf`), and is at most
 * MAX_NAME_BYTES of UTF-8.
 */
export function chooseFileName(contentDisposition: string | null, url: string, linkText: string, sniffedExtension: string | null, title?: string | null): string {
  const fromHeader = parseContentDispositionFileName(contentDisposition);
  const fromUrl = fileNameFromUrl(url);
  const text = linkText.replace(/\s+/g, ' ').trim();
  const linkName = text ? cleanFileName(text) : null;
  return nameFromCandidates([fromHeader, fromUrl && /[^ -~]/.test(fromUrl) ? fromUrl : null, linkName, fromUrl], sniffedExtension, title, linkName);
}

/**
 * The first candidate name that says something; else the title plus
 * `generic` (the link text, as the reader saw it) or the first candidate.
 */
export function nameFromCandidates(names: ReadonlyArray<string | null>, sniffedExtension: string | null, title?: string | null, preferred?: string | null): string {
  const candidates = names.filter((n): n is string => !!n);
  const telling = candidates.find((n) => !isGenericName(n));
  if (telling) return bounded(withExtension(telling, sniffedExtension));
  const generic = preferred && stemOf(preferred) ? preferred : (candidates[0] ?? 'unnamed');
  const t = (title ?? '').replace(/\s+/g, ' ').trim();
  if (!t) return bounded(withExtension(generic, sniffedExtension));
  return bounded(withExtension(`${cleanFileName(t)}-${stemOf(generic)}${extname(generic)}`, sniffedExtension));
}

/**
 * Link texts and file names that name no document: what portals print
 * beside every attachment. Matched on the name without its extension,
 * whitespace and brackets removed.
 */
export const GENERIC_NAMES: readonly RegExp[] = [
  /^附件[0-9０-９一二三四五六七八九十]*[:：]?$/,
  /^(点击|请点击)?(下载|查看|浏览|打开|预览|阅读)(附件|文件|原文|全文|此文件|文档)?$/,
  /^(附件|文件|原文|全文|正文|文档)(下载|链接|预览)?$/,
  /^(在线)?预览$/,
  /^\d+$/,
  /^(file|attach|attachment|download|downfile|getfile|showfile|document|doc)[-_]?\d*$/i,
  // Serial names a CMS gives uploads (TRS P020230105, W020230105_1, t20230105_1): unique, but they say nothing.
  /^[A-Za-z]{0,2}\d[\d_-]*$/,
  /^unnamed$/,
];

export function isGenericName(name: string): boolean {
  const stem = stemOf(name).replace(/[\s()（）[\]【】<>《》"'“”]/g, '');
  return stem === '' || GENERIC_NAMES.some((re) => re.test(stem));
}

function stemOf(name: string): string {
  const ext = extname(name).slice(1).toLowerCase();
  return ext && (KNOWN.has(ext) || SCRIPT_EXTENSIONS.has(ext)) ? stemOf(name.slice(0, -(ext.length + 1))) : name;
}

/** File systems allow 255 bytes per name; the rest is kept for a suffix an export may add. */
export const MAX_NAME_BYTES = 200;

/** Cuts the stem (never the extension) on a character boundary to fit MAX_NAME_BYTES. */
function bounded(name: string): string {
  if (Buffer.byteLength(name) <= MAX_NAME_BYTES) return name;
  const ext = extname(name);
  let stem = name.slice(0, name.length - ext.length);
  while (stem.length > 0 && Buffer.byteLength(stem + ext) > MAX_NAME_BYTES) stem = [...stem].slice(0, -1).join('');
  return stem + ext;
}

const KNOWN = new Set<string>(DOCUMENT_EXTENSIONS);

function withExtension(name: string, sniffed: string | null): string {
  let base = name;
  let ext = extname(base).slice(1).toLowerCase();
  if (SCRIPT_EXTENSIONS.has(ext)) {
    base = base.slice(0, -(ext.length + 1));
    ext = extname(base).slice(1).toLowerCase();
  }
  if (!sniffed || ext === sniffed) return base || 'unnamed';
  // A known document extension that the bytes contradict is replaced; anything else is kept and the real one appended.
  if (KNOWN.has(ext)) return `${base.slice(0, -(ext.length + 1))}.${sniffed}`;
  return `${base || 'unnamed'}.${sniffed}`;
}
