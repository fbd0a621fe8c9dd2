/**
 * What a downloaded body is, from its bytes first: a download script's URL
 * says nothing, and servers label files `application/octet-stream` or
 * `text/html` at will. Pure: bytes and header values in, a verdict out.
 */
export type SniffedKind = 'pdf' | 'ooxml' | 'zip' | 'ole' | 'rar' | '7z' | 'html' | 'unknown';

/**
 * Archive formats that no well-kept pure-JavaScript library reads (RAR's
 * readers are WebAssembly builds of unrar, 7z's of 7-Zip): recorded as
 * skipped with this reason, never stored as a document.
 */
export const UNSUPPORTED_ARCHIVES: Readonly<Record<string, string>> = {
  rar: 'a RAR archive: not read (no well-kept pure-JavaScript RAR reader); publish or fetch the files one by one, or as .zip',
  '7z': 'a 7z archive: not read (no well-kept pure-JavaScript 7z reader); publish or fetch the files one by one, or as .zip',
};

/** The document extensions a sniffed body can be stored under. */
export const DOCUMENT_EXTENSIONS = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'wps', 'et', 'zip'] as const;

/** Content types that name a document even when the bytes are not recognised. */
const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/kswps': 'wps',
  'application/vnd.ms-works': 'wps',
  'application/zip': 'zip',
};

/** Which OOXML format a zip holds, by the part names in its local headers or central directory. */
const OOXML_PARTS: ReadonlyArray<readonly [string, string]> = [
  ['word/', 'docx'],
  ['xl/', 'xlsx'],
];

const OLE_EXTENSIONS: readonly string[] = ['doc', 'xls', 'wps', 'et'];

export function sniffKind(head: Uint8Array): SniffedKind {
  const b = Buffer.from(head.subarray(0, 1024));
  if (b.includes('%PDF-')) return 'pdf';
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return Buffer.from(head).includes('[Content_Types].xml') ? 'ooxml' : 'zip';
  if (b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'ole';
  if (b.subarray(0, 6).equals(Buffer.from('Rar!\x1a\x07', 'latin1'))) return 'rar';
  if (b.subarray(0, 6).equals(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))) return '7z';
  // Read as latin1, a UTF-8 BOM is "\xef\xbb\xbf".
  if (/^(\xef\xbb\xbf)?\s*<(!doctype\s+html|html|head|body|script|meta|title)\b/i.test(b.toString('latin1'))) return 'html';
  return 'unknown';
}

export interface ResponseFacts {
  /** The first and last 64 KiB of the body (a zip lists its parts at the end). */
  readonly head: Uint8Array;
  readonly tail: Uint8Array;
  readonly contentType: string | null;
  /** Extensions the response or the link declared (Content-Disposition name, URL), lower case. */
  readonly declaredExtensions: readonly string[];
}

export type DocumentVerdict =
  | { readonly document: true; readonly extension: string; readonly evidence: string }
  | { readonly document: false; readonly html: boolean; readonly evidence: string };

/** Whether a response is a document, and the extension to store it under. */
export function judgeDocument(r: ResponseFacts): DocumentVerdict {
  const kind = sniffKind(r.head);
  const mediaType = (r.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const declared = r.declaredExtensions.find((e) => (DOCUMENT_EXTENSIONS as readonly string[]).includes(e));
  switch (kind) {
    case 'pdf':
      return { document: true, extension: 'pdf', evidence: 'bytes start with %PDF-' };
    case 'ooxml': {
      const parts = Buffer.concat([Buffer.from(r.head), Buffer.from(r.tail)]).toString('latin1');
      const ext = OOXML_PARTS.find(([prefix]) => parts.includes(prefix))?.[1] ?? declared ?? 'docx';
      return { document: true, extension: ext, evidence: `an Office Open XML zip (${ext})` };
    }
    case 'zip':
      return { document: true, extension: 'zip', evidence: 'a zip archive' };
    case 'ole': {
      // doc, xls, wps and et share the container; the declared name or the type tells them apart.
      const typed = DOCUMENT_TYPES[mediaType];
      const ext = [declared, typed].find((e) => e !== undefined && OLE_EXTENSIONS.includes(e)) ?? (typed === 'xlsx' ? 'xls' : 'doc');
      return { document: true, extension: ext, evidence: `an OLE2 compound file (${ext})` };
    }
    case 'rar':
    case '7z':
      return { document: false, html: false, evidence: UNSUPPORTED_ARCHIVES[kind] ?? kind };
    case 'html':
      return { document: false, html: true, evidence: `an HTML page (${mediaType || 'no Content-Type'})` };
    case 'unknown': {
      const typed = DOCUMENT_TYPES[mediaType];
      if (typed) return { document: true, extension: typed, evidence: `Content-Type ${mediaType}` };
      if (/^text\/html|^application\/xhtml/.test(mediaType)) return { document: false, html: true, evidence: `an HTML page (${mediaType})` };
      return { document: false, html: false, evidence: `not a document: ${mediaType || 'no Content-Type'}, bytes match no document format` };
    }
  }
}
