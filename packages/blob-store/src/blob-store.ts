import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Original files, stored content-addressed by sha256 so that every worker on
 * every machine reads the same bytes by the key in `documents.blob_key`.
 */
export interface BlobStore {
  /** Stores the bytes (or the file at `path`) under their sha256; returns the key. Idempotent. */
  put(sha256: string, source: { bytes: Uint8Array } | { path: string }): Promise<string>;
  get(key: string): Promise<Uint8Array>;
  has(key: string): Promise<boolean>;
  /** Where the store lives, for messages. */
  readonly location: string;
}

/** Keys look like `sha256/ab/cd/abcd…`, so no directory grows past 65 536 entries. */
export function blobKey(sha256: string): string {
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

export function createLocalBlobStore(dir: string): BlobStore {
  const pathOf = (key: string) => join(dir, ...key.split('/'));
  return {
    location: dir,
    async put(sha256, source) {
      const key = blobKey(sha256);
      const target = pathOf(key);
      if (await exists(target)) return key;
      await mkdir(dirname(target), { recursive: true });
      // Write to a temp name and rename, so a crash never leaves a half file under the real key.
      const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
      if ('bytes' in source) await writeFile(tmp, source.bytes);
      else await copyFile(source.path, tmp);
      await rename(tmp, target);
      return key;
    },
    async get(key) {
      return new Uint8Array(await readFile(pathOf(key)));
    },
    has: (key) => exists(pathOf(key)),
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** sha256 of a file, streamed (files can be large). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
