import type { SourceFormat } from '@budget-ingest/doc-model';

export type SniffedFormat = SourceFormat | 'unknown';

export interface Sniffed {
  readonly format: SniffedFormat;
  readonly mediaType: string | null;
}

const MEDIA_TYPES: Record<SourceFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  wps: 'application/vnd.ms-works',
};

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Detects the format from the bytes, never from the file name alone: portals
 * serve .doc files that are really DOCX, and PDFs with a few junk bytes before
 * the header. The name only breaks ties the bytes cannot (an OLE container is
 * DOC, XLS or WPS; a ZIP is DOCX or XLSX by its entries).
 */
export function sniffFormat(bytes: Uint8Array, fileName = ''): Sniffed {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const found = (format: SourceFormat): Sniffed => ({ format, mediaType: MEDIA_TYPES[format] });
  // PDF readers accept the header anywhere in the first 1024 bytes.
  if (indexOf(bytes.subarray(0, 1024), PDF) >= 0) return found('pdf');
  if (startsWith(bytes, ZIP)) {
    const head = latin1(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
    if (head.includes('word/')) return found('docx');
    if (head.includes('xl/')) return found('xlsx');
    if (ext === 'docx' || ext === 'xlsx') return found(ext);
    // The central directory sits at the end of the archive.
    const tail = latin1(bytes.subarray(Math.max(0, bytes.length - 64 * 1024)));
    if (tail.includes('word/')) return found('docx');
    if (tail.includes('xl/')) return found('xlsx');
    return { format: 'unknown', mediaType: 'application/zip' };
  }
  if (startsWith(bytes, OLE)) {
    const body = utf16Names(bytes.subarray(0, Math.min(bytes.length, 512 * 1024)));
    if (body.includes('WordDocument')) return found(ext === 'wps' ? 'wps' : 'doc');
    if (body.includes('Workbook') || body.includes('Book')) return found('xls');
    if (ext === 'doc' || ext === 'xls' || ext === 'wps') return found(ext);
    return { format: 'unknown', mediaType: 'application/x-ole-storage' };
  }
  return { format: 'unknown', mediaType: null };
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function indexOf(bytes: Uint8Array, magic: readonly number[]): number {
  outer: for (let i = 0; i + magic.length <= bytes.length; i++) {
    for (let j = 0; j < magic.length; j++) if (bytes[i + j] !== magic[j]) continue outer;
    return i;
  }
  return -1;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** OLE directory entry names are UTF-16LE; dropping the zero bytes makes them searchable. */
function utf16Names(bytes: Uint8Array): string {
  return latin1(bytes).replaceAll('\0', '');
}
