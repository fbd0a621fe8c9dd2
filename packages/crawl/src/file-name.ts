import { extname } from 'node:path';
import { cleanFileName, fileNameFromUrl, parseContentDispositionFileName } from './content-disposition.ts';
import { DOCUMENT_EXTENSIONS } from './document-format.ts';
import { SCRIPT_EXTENSIONS } from './urls.ts';

/**
 * The stored name of a downloaded file: the Content-Disposition name, else a
 * readable (non-ASCII) name in the URL, else the link text, else the URL's
 * last segment. Whichever it is ends in the sniffed format's extension, and
 * never in a download script's (`自评报告.pdf.jsp` → `自评报告.pdf`).
 */
export function chooseFileName(contentDisposition: string | null, url: string, linkText: string, sniffedExtension: string | null): string {
  const fromHeader = parseContentDispositionFileName(contentDisposition);
  if (fromHeader) return withExtension(fromHeader, sniffedExtension);
  const fromUrl = fileNameFromUrl(url);
  if (fromUrl && /[^ -~]/.test(fromUrl)) return withExtension(fromUrl, sniffedExtension);
  const text = linkText.replace(/\s+/g, ' ').trim();
  if (text) return withExtension(cleanFileName(text), sniffedExtension);
  return withExtension(fromUrl ?? 'unnamed', sniffedExtension);
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
