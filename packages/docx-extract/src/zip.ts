import { inflateRawSync } from 'node:zlib';
import { ExtractError, type ExtractLimits } from '@budget-ingest/doc-model';

/**
 * A ZIP reader for hostile input (DOCX and XLSX are ZIP archives). Before any
 * byte is inflated it checks the central directory: the entry count against
 * `maxZipEntries` and the sum of the declared sizes against
 * `maxUncompressedBytes`. While inflating it never lets an entry grow past
 * its declared size, nor the archive past the ceiling, so a zip bomb whose
 * headers lie fails after at most the declared bytes, not after filling memory.
 */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  readonly encrypted: boolean;
}

export interface ZipArchive {
  readonly entries: readonly ZipEntry[];
  has(name: string): boolean;
  /** The entry's bytes, or null when the archive has no such entry. */
  read(name: string): Uint8Array | null;
  readText(name: string): string | null;
  /** Bytes inflated so far (counted against the ceiling). */
  inflatedBytes(): number;
}

export type ZipLimits = Pick<ExtractLimits, 'maxUncompressedBytes' | 'maxZipEntries'>;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

export function openZip(bytes: Uint8Array, limits: ZipLimits): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  const count = view.getUint16(eocd + 10, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    // ZIP64: the real count is in the ZIP64 end record. An archive that needs ZIP64 for its entry
    // count is a zip bomb by its count alone; Office never writes ZIP64 for a document.
    const entries = zip64EntryCount(view, eocd) ?? count;
    if (entries > limits.maxZipEntries) {
      throw new ExtractError('zip-bomb', `the archive has ${entries} entries, over the MAX_ZIP_ENTRIES ceiling of ${limits.maxZipEntries}`);
    }
    throw new ExtractError('corrupt', 'ZIP64 archives are not supported for Office documents');
  }
  if (count > limits.maxZipEntries) {
    throw new ExtractError('zip-bomb', `the archive has ${count} entries, over the MAX_ZIP_ENTRIES ceiling of ${limits.maxZipEntries}`);
  }
  const entries: ZipEntry[] = [];
  let declared = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > view.byteLength || view.getUint32(p, true) !== CENTRAL_SIGNATURE) throw new ExtractError('corrupt', 'the ZIP central directory is damaged');
    const flags = view.getUint16(p + 8, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const entry: ZipEntry = {
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
      encrypted: (flags & 1) === 1,
    };
    declared += entry.uncompressedSize;
    if (declared > limits.maxUncompressedBytes) {
      throw new ExtractError('zip-bomb', `the archive declares more than ${limits.maxUncompressedBytes} uncompressed bytes (MAX_UNCOMPRESSED_BYTES)`);
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  const byName = new Map(entries.map((e) => [e.name.replace(/^\//, ''), e]));
  let inflated = 0;

  const read = (name: string): Uint8Array | null => {
    const entry = byName.get(name.replace(/^\//, ''));
    if (!entry) return null;
    if (entry.encrypted) throw new ExtractError('encrypted', `the archive entry ${entry.name} is encrypted`);
    const data = entryData(bytes, view, entry);
    const budget = limits.maxUncompressedBytes - inflated;
    let out: Uint8Array;
    if (entry.method === 0) {
      out = data;
    } else if (entry.method === 8) {
      // One byte over the declared size is enough to prove the header lies.
      const cap = Math.max(1, Math.min(entry.uncompressedSize + 1, budget + 1));
      try {
        out = inflateRawSync(data, { maxOutputLength: cap });
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new ExtractError('zip-bomb', `the entry ${entry.name} inflates past its declared ${entry.uncompressedSize} bytes or the MAX_UNCOMPRESSED_BYTES ceiling of ${limits.maxUncompressedBytes}`, { cause: err });
        }
        throw new ExtractError('corrupt', `the entry ${entry.name} cannot be inflated: ${(err as Error).message}`, { cause: err });
      }
    } else {
      throw new ExtractError('corrupt', `the entry ${entry.name} uses ZIP compression method ${entry.method}, which Office never writes`);
    }
    if (out.byteLength > entry.uncompressedSize || out.byteLength > budget) {
      throw new ExtractError('zip-bomb', `the entry ${entry.name} inflates past its declared ${entry.uncompressedSize} bytes or the MAX_UNCOMPRESSED_BYTES ceiling of ${limits.maxUncompressedBytes}`);
    }
    inflated += out.byteLength;
    return out;
  };

  return {
    entries,
    has: (name) => byName.has(name.replace(/^\//, '')),
    read,
    readText: (name) => {
      const data = read(name);
      return data === null ? null : new TextDecoder('utf-8').decode(data);
    },
    inflatedBytes: () => inflated,
  };
}

/**
 * Inflates every entry once, counting real bytes: proves an archive is safe
 * to hand to a library that inflates without limits. `inspect` sees each
 * entry's bytes (e.g. to refuse XML with a DTD before the library parses it).
 */
export function checkZipBombSafe(bytes: Uint8Array, limits: ZipLimits, inspect?: (name: string, data: Uint8Array) => void): ZipArchive {
  const zip = openZip(bytes, limits);
  for (const entry of zip.entries) {
    if (entry.name.endsWith('/')) continue;
    const data = zip.read(entry.name);
    if (data && inspect) inspect(entry.name, data);
  }
  return zip;
}

/** Entry count from the ZIP64 end record the locator (right before the classic end record) points to; null when absent. */
function zip64EntryCount(view: DataView, eocd: number): number | null {
  const locator = eocd - 20;
  if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) return null;
  const at = Number(view.getBigUint64(locator + 8, true));
  if (at + 56 > view.byteLength || view.getUint32(at, true) !== 0x06064b50) return null;
  return Number(view.getBigUint64(at + 32, true));
}

function findEndOfCentralDirectory(view: DataView): number {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let p = view.byteLength - 22; p >= min; p--) {
    if (view.getUint32(p, true) === EOCD_SIGNATURE) return p;
  }
  throw new ExtractError('corrupt', 'not a ZIP archive (no end of central directory): the file is truncated or not an Office document');
}

function entryData(bytes: Uint8Array, view: DataView, entry: ZipEntry): Uint8Array {
  const p = entry.localHeaderOffset;
  if (p + 30 > view.byteLength || view.getUint32(p, true) !== LOCAL_SIGNATURE) throw new ExtractError('corrupt', `the local header of ${entry.name} is damaged`);
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.byteLength) throw new ExtractError('corrupt', `the entry ${entry.name} runs past the end of the file (truncated download?)`);
  return bytes.subarray(start, end);
}
