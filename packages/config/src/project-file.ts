import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The names a project file may have, looked for in this order in each folder. */
export const PROJECT_FILE_NAMES = ['budget-ingest.json', '.budget-ingest'] as const;

export interface ProjectFile {
  /** Absolute path of the file found. */
  readonly path: string;
  /** The data directory it names, absolute (relative to the file's folder); default `data` beside it. */
  readonly dataDir: string;
}

export class ProjectFileError extends Error {
  override readonly name = 'ProjectFileError';
}

/**
 * Finds the nearest `budget-ingest.json` (or `.budget-ingest`) in `cwd` or a folder above it, the way
 * git finds its repository: a command run from any subfolder of a project uses the project's data
 * directory, never a new `./data` where it happens to stand. The file is JSON, e.g.
 * `{ "dataDir": "data" }`, paths relative to the file's own folder.
 */
export function findProjectFile(cwd: string): ProjectFile | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of PROJECT_FILE_NAMES) {
      const path = join(dir, name);
      if (existsSync(path) && statSync(path).isFile()) return readProjectFile(path);
    }
    if (dirname(dir) === dir) return null;
  }
}

function readProjectFile(path: string): ProjectFile {
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? {} : JSON.parse(text);
  } catch (err) {
    throw new ProjectFileError(`${path}: not valid JSON (${(err as Error).message})`);
  }
  const dataDir = (parsed as { dataDir?: unknown } | null)?.dataDir ?? 'data';
  if (typeof parsed !== 'object' || parsed === null || typeof dataDir !== 'string' || dataDir === '') {
    throw new ProjectFileError(`${path}: expected an object like {"dataDir": "data"}`);
  }
  return { path, dataDir: resolve(dirname(path), dataDir) };
}
