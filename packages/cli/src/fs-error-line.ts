import { relative } from 'node:path';

const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EEXIST: 'already exists and is not a folder',
  ENOTDIR: 'is not a folder (or a part of its path is a file)',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENAMETOOLONG: 'name too long',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  ELOOP: 'too many levels of symbolic links',
};

/**
 * A file-system error as the one line the rest of the CLI prints (`export: out.csv: already exists
 * and is not a folder`), instead of Node's `EEXIST: file already exists, mkdir '…'` or an object
 * dump; null for anything that is not one.
 */
export function fsErrorLine(err: unknown, cwd: string): string | null {
  const e = err as NodeJS.ErrnoException | null;
  if (typeof e?.code !== 'string' || typeof e.syscall !== 'string') return null;
  const words = WORDS[e.code] ?? e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  const where = e.path === undefined ? '' : `${rel(e.path, cwd)}: `;
  return `${where}${words} (${e.code})`;
}

function rel(path: string, cwd: string): string {
  const r = relative(cwd, path);
  return r === '' || r.startsWith('..') ? path : r;
}
