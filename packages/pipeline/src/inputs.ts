import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/**
 * Expands the `ingest` arguments: files as given, folders recursively,
 * globs. Hidden files and folders are skipped in folders (editor and OS
 * droppings); a missing path is reported, not fatal for the others.
 */
export async function resolveInputs(args: readonly string[], cwd: string): Promise<{ files: string[]; missing: string[] }> {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const arg of args) {
    if (isDynamicPattern(arg)) {
      const found = await glob(arg, { cwd, absolute: true, onlyFiles: true, dot: false });
      if (found.length === 0) missing.push(arg);
      found.forEach((f) => files.add(f));
      continue;
    }
    const abs = resolve(cwd, arg);
    const info = await stat(abs).catch(() => null);
    if (!info) missing.push(arg);
    else if (info.isDirectory()) (await glob('**/*', { cwd: abs, absolute: true, onlyFiles: true, dot: false })).forEach((f) => files.add(f));
    else files.add(abs);
  }
  return { files: [...files].sort(), missing };
}
