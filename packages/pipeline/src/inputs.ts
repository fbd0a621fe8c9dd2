import { constants, type Stats } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export interface ResolvedInputs {
  readonly files: string[];
  /** Arguments that name nothing. */
  readonly missing: string[];
  /** Folders (and files) found but not readable: reported per path, the others go on. */
  readonly unreadable: { readonly path: string; readonly reason: string }[];
  /**
   * Paths that are not regular files or folders (a FIFO, a device, a link to
   * /dev/zero), named or found in a folder: never opened (reading a FIFO
   * waits for a writer for ever, /dev/zero never ends), reported per path.
   */
  readonly skipped: { readonly path: string; readonly reason: string }[];
}

/**
 * Expands the `ingest` arguments: files as given, folders recursively,
 * globs. An argument that exists is a path, even when it holds glob
 * characters (`部门预算(公开版).pdf`, `file [1].pdf`). Hidden files and
 * folders are skipped in folders (editor and OS droppings). Symbolic links
 * are followed, but no folder is walked twice (by device and inode), so a
 * link loop (`up -> ..`) lists nothing twice. A missing path or an
 * unreadable folder is reported, not fatal for the others.
 */
export async function resolveInputs(args: readonly string[], cwd: string): Promise<ResolvedInputs> {
  const walk = new Walk();
  const missing: string[] = [];
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    const info = await stat(abs).catch((err: NodeJS.ErrnoException) => err);
    if (!(info instanceof Error)) {
      if (info.isDirectory()) await walk.folder(abs, info);
      else walk.file(abs, info);
      continue;
    }
    if (isDynamicPattern(arg)) {
      // Not onlyFiles: that would drop a FIFO or a device without a word; folders a pattern matches are not walked.
      const found = await glob(arg, { cwd, absolute: true, onlyFiles: false, dot: false });
      const entries: [string, Stats][] = [];
      for (const f of found) {
        // stat follows links: a link to /dev/zero is a character device here.
        const s = await stat(f).catch(() => null);
        if (s && !s.isDirectory()) entries.push([f.replace(/\/$/, ''), s]);
      }
      if (entries.length === 0) missing.push(arg);
      for (const [f, s] of entries) walk.file(f, s);
      continue;
    }
    if (info.code === 'ENOENT' || info.code === 'ENOTDIR') missing.push(arg);
    else walk.unreadable.push({ path: abs, reason: describeFsError(info) });
  }
  return { files: [...walk.files.values()].sort(), missing, unreadable: walk.unreadable, skipped: walk.skipped };
}

class Walk {
  /** dev:ino → first path seen, so a file reached twice (hard link, symlink) is listed once. */
  readonly files = new Map<string, string>();
  readonly unreadable: { path: string; reason: string }[] = [];
  readonly skipped: { path: string; reason: string }[] = [];
  private readonly seenFolders = new Set<string>();

  file(path: string, info: Stats): void {
    if (!info.isFile()) {
      this.skipped.push({ path, reason: notRegularReason(info) });
      return;
    }
    const id = `${info.dev}:${info.ino}`;
    if (!this.files.has(id)) this.files.set(id, path);
  }

  async folder(path: string, info: { dev: number; ino: number }): Promise<void> {
    const id = `${info.dev}:${info.ino}`;
    if (this.seenFolders.has(id)) return;
    this.seenFolders.add(id);
    let names: string[];
    try {
      names = (await readdir(path)).sort();
    } catch (err) {
      this.unreadable.push({ path, reason: describeFsError(err as NodeJS.ErrnoException) });
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const child = join(path, name);
      // stat, not lstat: links are followed; a dangling link is reported like any unreadable path.
      const s = await stat(child).catch((err: NodeJS.ErrnoException) => err);
      if (s instanceof Error) this.unreadable.push({ path: child, reason: describeFsError(s) });
      else if (s.isDirectory()) await this.folder(child, s);
      else this.file(child, s);
    }
  }
}

/** Code of a path that is not a regular file, in messages and on the CLI's line. */
export const NOT_A_REGULAR_FILE = 'not-a-regular-file';

/** "not a regular file (a FIFO)". */
export function notRegularReason(info: Stats): string {
  const kind = info.isFIFO() ? 'a FIFO' : info.isCharacterDevice() ? 'a character device' : info.isBlockDevice() ? 'a block device' : info.isSocket() ? 'a socket' : 'not a file';
  return `not a regular file (${kind})`;
}

/** Thrown by assertRegularFile; the CLI reports the path as skipped, like resolveInputs does. */
export class NotRegularFileError extends Error {
  override readonly name = 'NotRegularFileError';
  readonly code = NOT_A_REGULAR_FILE;
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/**
 * Checks, on the opened file itself, that `path` is a regular file before it
 * is read: opened without blocking (a FIFO's open would wait for a writer),
 * then fstat, so a path swapped for a FIFO or a device after resolveInputs
 * looked at it is refused too. Returns its size.
 */
export async function assertRegularFile(path: string): Promise<number> {
  const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await fh.stat();
    if (!info.isFile()) throw new NotRegularFileError(path, notRegularReason(info));
    return info.size;
  } finally {
    await fh.close();
  }
}

/** "permission denied (EACCES)" from a Node file-system error. */
export function describeFsError(err: NodeJS.ErrnoException): string {
  const words: Record<string, string> = { EACCES: 'permission denied', EPERM: 'operation not permitted', ENOENT: 'no such file (a dangling link?)', ELOOP: 'too many levels of symbolic links', EIO: 'input/output error' };
  return err.code ? `${words[err.code] ?? err.message} (${err.code})` : err.message;
}

/** True for an error of reading an input file (permissions, I/O), as opposed to a database or blob-store failure. */
export function isFsReadError(err: unknown): err is NodeJS.ErrnoException {
  const e = err as NodeJS.ErrnoException | null;
  return typeof e?.code === 'string' && typeof e.syscall === 'string' && ['EACCES', 'EPERM', 'ENOENT', 'EISDIR', 'ELOOP', 'EIO', 'ENXIO'].includes(e.code);
}
