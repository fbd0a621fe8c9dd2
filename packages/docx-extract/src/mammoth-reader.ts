import type mammothModule from 'mammoth';
import { ExtractError, type ExtractLimits } from '@budget-ingest/doc-model';
import { refuseDtd } from './xml.ts';
import { checkZipBombSafe, type ZipArchive } from './zip.ts';

/** The parts of mammoth's document tree we read (mammoth/lib/documents.js); mammoth ships no types for it. */
export type MammothNode =
  | MammothDocument
  | { readonly type: 'hyperlink' | 'tableRow'; readonly children: readonly MammothNode[] }
  | { readonly type: 'paragraph'; readonly children: readonly MammothNode[]; readonly styleId: string | null }
  | { readonly type: 'run'; readonly children: readonly MammothNode[]; readonly fontSize: number | null }
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'table'; readonly children: readonly MammothNode[] }
  | { readonly type: 'tableCell'; readonly children: readonly MammothNode[]; readonly colSpan: number; readonly rowSpan: number }
  | { readonly type: 'checkbox'; readonly checked: boolean }
  | { readonly type: 'tab' | 'break' | 'image' | 'noteReference' | 'commentReference' | 'bookmarkStart' };

export interface MammothDocument {
  readonly type: 'document';
  readonly children: readonly MammothNode[];
}

/** The XML parts that passed our checks, read from memory (not inflated, nor counted, a second time). */
export type CheckedParts = Pick<ZipArchive, 'readText'>;

export interface MammothRead {
  readonly parts: CheckedParts;
  readonly document: MammothDocument;
  /** mammoth's own warnings ("An unrecognised element was ignored: w:x"). */
  readonly messages: readonly string[];
}

/** Parts mammoth reads: XML and relationships. Images are never converted, so never read. */
const XML_PART = /\.(?:xml|rels)$/i;

/**
 * Reads the DOCX body with mammoth, after the archive has passed our own
 * ceilings: checkZipBombSafe inflates every entry once with the entry-count
 * and size limits and refuses any XML part that declares a DTD. mammoth never
 * opens the ZIP itself (its JSZip inflates without limits): it is handed a
 * file object that serves only the parts that passed those checks.
 */
export async function readWithMammoth(bytes: Uint8Array, limits: ExtractLimits): Promise<MammothRead> {
  const parts = new Map<string, Uint8Array>();
  checkZipBombSafe(bytes, limits, (name, data) => {
    if (!XML_PART.test(name)) return;
    const key = name.replace(/^\//, '');
    refuseDtd(new TextDecoder('utf-8').decode(data), key);
    parts.set(key, data);
  });
  const file = {
    exists: (name: string) => parts.has(name.replace(/^\//, '')),
    read: async (name: string, encoding?: string) => {
      const data = parts.get(name.replace(/^\//, ''));
      if (!data) throw new ExtractError('corrupt', `${name} is not an XML part of the DOCX`);
      return encoding ? new TextDecoder(encoding).decode(data) : data;
    },
    write: () => {
      throw new Error('read only');
    },
    toArrayBuffer: () => {
      throw new Error('read only');
    },
  };
  let document: MammothDocument | undefined;
  // Loaded on first use, like ExcelJS: processes that never read a DOCX do not pay its start.
  const { default: mammoth } = await import('mammoth');
  // `file` is mammoth's own input kind for an opened archive (lib/unzip.js); its typings only list path/buffer.
  const input = { file } as unknown as Parameters<typeof mammothModule.convertToHtml>[0];
  const result = await mammoth.convertToHtml(input, {
    transformDocument: (doc: MammothDocument): MammothDocument => {
      document = doc;
      // Nothing left to render: the HTML mammoth writes next is empty and no image is read.
      return { ...doc, children: [] };
    },
  });
  if (!document) throw new ExtractError('corrupt', 'mammoth returned no document');
  const readText = (name: string): string | null => {
    const data = parts.get(name.replace(/^\//, ''));
    return data === undefined ? null : new TextDecoder('utf-8').decode(data);
  };
  return { parts: { readText }, document, messages: result.messages.map((m) => m.message) };
}
