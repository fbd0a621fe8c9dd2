import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { isValidUtf8 } from './charset.ts';

/**
 * Reading a downloaded .zip member by member (yauzl, which reads the central
 * directory and checks every member's real size against it). Portals publish
 * all departments' reports as one archive; each member becomes a document of
 * its own. The limits are checked on the declared sizes before anything is
 * expanded, and on the real bytes while expanding.
 */
export interface ArchiveLimits {
  /** Most members (files and folders) in one archive. */
  readonly maxMembers: number;
  /** Largest expanded member. */
  readonly maxMemberBytes: number;
  /** Most expanded bytes of all members together. */
  readonly maxTotalBytes: number;
  /** Highest expanded ÷ compressed size of a member over 1 MiB (documents compress 1–10×, bombs 1000×). */
  readonly maxRatio: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxMembers: 1000, maxMemberBytes: 200 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024, maxRatio: 100 };

/** Members this small are exempt from the ratio test: a page of zeros compresses far, and is harmless. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export class ArchiveRefused extends Error {
  override readonly name = 'ArchiveRefused';
  constructor(
    readonly code: 'zip-bomb' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

export interface ArchiveEntry {
  /** The member's path inside the archive, decoded (UTF-8 flag, Info-ZIP Unicode path, valid UTF-8, else GB18030). */
  readonly name: string;
  readonly size: number;
  readonly encrypted: boolean;
  readonly entry: Entry;
}

export interface OpenArchive {
  readonly entries: readonly ArchiveEntry[];
  /** Expands one member to a file under `dir`, hashed on the way; the caller removes `path`. */
  extract(e: ArchiveEntry, dir: string): Promise<{ path: string; sha256: string; byteSize: number }>;
  close(): void;
}

/** Opens an archive and lists its files (not folders); refuses it whole when its directory breaks a limit. */
export async function openArchive(path: string, limits: ArchiveLimits): Promise<OpenArchive> {
  let zip: ZipFile;
  try {
    zip = await new Promise<ZipFile>((resolve, reject) => yauzl.open(path, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (err, z) => (err ? reject(err) : resolve(z))));
  } catch (err) {
    throw new ArchiveRefused('corrupt', `not a readable zip archive: ${(err as Error).message}`);
  }
  try {
    if (zip.entryCount > limits.maxMembers) throw new ArchiveRefused('zip-bomb', `${zip.entryCount} members, over the limit of ${limits.maxMembers}`);
    const entries = await readDirectory(zip);
    let total = 0;
    const files: ArchiveEntry[] = [];
    for (const entry of entries) {
      const name = memberName(entry);
      if (name.endsWith('/')) continue;
      total += entry.uncompressedSize;
      if (entry.uncompressedSize > limits.maxMemberBytes) throw new ArchiveRefused('zip-bomb', `${name} expands to ${entry.uncompressedSize} bytes, over the limit of ${limits.maxMemberBytes}`);
      if (total > limits.maxTotalBytes) throw new ArchiveRefused('zip-bomb', `the members expand to more than ${limits.maxTotalBytes} bytes`);
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) throw new ArchiveRefused('zip-bomb', `${name} expands ${Math.round(ratio)}× (over ${limits.maxRatio}×)`);
      files.push({ name, size: entry.uncompressedSize, encrypted: (entry.generalPurposeBitFlag & 0x1) !== 0, entry });
    }
    return {
      entries: files,
      extract: (e, dir) => extractEntry(zip, e, dir, limits.maxMemberBytes),
      close: () => zip.close(),
    };
  } catch (err) {
    zip.close();
    if (err instanceof ArchiveRefused) throw err;
    throw new ArchiveRefused('corrupt', `the archive's directory is unreadable: ${(err as Error).message}`);
  }
}

function readDirectory(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const out: Entry[] = [];
    zip.on('entry', (e: Entry) => {
      out.push(e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(out));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/**
 * A member's name: UTF-8 when the archive says so (flag bit 11, or an
 * Info-ZIP Unicode Path field), or when the bytes are valid UTF-8; otherwise
 * GB18030, which is what Windows in Chinese writes.
 */
export function memberName(entry: Pick<Entry, 'generalPurposeBitFlag' | 'extraFields'> & { fileName: string | Buffer; fileNameRaw?: Buffer }): string {
  const raw = Buffer.isBuffer(entry.fileName) ? entry.fileName : (entry.fileNameRaw ?? Buffer.from(entry.fileName));
  let name: string;
  const unicodePath = entry.extraFields.find((f) => f.id === 0x7075 && f.data.length > 5 && f.data[0] === 1);
  if ((entry.generalPurposeBitFlag & 0x800) !== 0 || isValidUtf8(raw)) name = raw.toString('utf8');
  else if (unicodePath) name = unicodePath.data.subarray(5).toString('utf8');
  else name = iconv.decode(raw, 'gb18030');
  return name.replace(/\\/g, '/');
}

async function extractEntry(zip: ZipFile, e: ArchiveEntry, dir: string, cap: number): Promise<{ path: string; sha256: string; byteSize: number }> {
  const path = join(dir, `member-${randomBytes(8).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > cap) return cb(new ArchiveRefused('zip-bomb', `${e.name} expands past ${cap} bytes`));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    const stream = await zip.openReadStreamPromise(e.entry);
    await pipeline(stream, meter, createWriteStream(path));
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  return { path, sha256: hash.digest('hex'), byteSize: size };
}
