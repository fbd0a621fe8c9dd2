import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import dockerignore from '@balena/dockerignore';

export const ROOT = join(import.meta.dirname, '../..');

export interface Instruction {
  readonly op: string;
  readonly args: string;
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
export function readDockerfile(path = join(ROOT, 'Dockerfile')): Instruction[] {
  const text = readFileSync(path, 'utf8').replace(/\\\n/g, ' ');
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}

/** Whether .dockerignore leaves a path (relative to the repository) out of the build context. */
export function contextFilter(): (rel: string) => boolean {
  const lines = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const ig = dockerignore({ ignorecase: false }).add(lines);
  return (rel) => ig.ignores(rel);
}

/** Every file of the build context (what `docker build .` would send), relative paths and total bytes. */
export function buildContext(): { files: string[]; bytes: number } {
  const ignored = contextFilter();
  const files: string[] = [];
  let bytes = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const rel = dir === '' ? e.name : `${dir}/${e.name}`;
      if (ignored(rel)) continue;
      if (e.isDirectory()) walk(rel);
      else if (e.isFile()) {
        files.push(rel);
        bytes += statSync(join(ROOT, rel)).size;
      }
    }
  };
  walk('');
  return { files, bytes };
}

/**
 * Replays the Dockerfile's COPY steps into `dest` from the build context only (a file .dockerignore
 * leaves out is not there, as in a real build). Returns the sources of each COPY.
 */
export function replayCopies(dest: string, instructions: readonly Instruction[]): string[][] {
  const ctx = new Set(buildContext().files);
  let workdir = '/';
  const sources: string[][] = [];
  for (const ins of instructions) {
    if (ins.op === 'WORKDIR') workdir = ins.args;
    if (ins.op !== 'COPY') continue;
    const parts = ins.args.split(/\s+/);
    const to = parts.pop()!;
    sources.push(parts);
    const target = join(dest, to.startsWith('/') ? relative(workdir, to) : to);
    for (const src of parts) {
      const files = [...ctx].filter((f) => f === src || f.startsWith(`${src}/`));
      if (files.length === 0) throw new Error(`COPY ${src}: not in the build context`);
      for (const f of files) {
        // A file goes into a destination folder (ending in /) under its own name; a folder's contents go into the destination.
        const file = f === src ? (to.endsWith('/') ? join(target, src.split('/').pop()!) : target) : join(target, relative(src, f));
        mkdirSync(dirname(file), { recursive: true });
        cpSync(join(ROOT, f), file);
      }
    }
  }
  return sources;
}

/**
 * What `npm ci` leaves in node_modules, without downloading it again: the repository's installed
 * packages linked in, and the workspace packages pointing at the copies in `dest` (not the repository's).
 */
export function linkInstalledModules(dest: string): void {
  const mods = join(dest, 'node_modules');
  mkdirSync(mods, { recursive: true });
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name === '@budget-ingest' || name === '.bin') continue;
    symlinkSync(join(ROOT, 'node_modules', name), join(mods, name));
  }
  mkdirSync(join(mods, '@budget-ingest'));
  for (const group of ['packages', 'services']) {
    for (const pkg of readdirSync(join(dest, group))) {
      const name = (JSON.parse(readFileSync(join(dest, group, pkg, 'package.json'), 'utf8')) as { name: string }).name.replace('@budget-ingest/', '');
      symlinkSync(join(dest, group, pkg), join(mods, '@budget-ingest', name));
      const nested = join(ROOT, group, pkg, 'node_modules');
      // Copied, not linked: npm ci puts a workspace's own versions inside the image, and the build compiles them in
      // only when they resolve there (a link would resolve to this checkout instead).
      if (existsSync(nested) && lstatSync(nested).isDirectory()) cpSync(nested, join(dest, group, pkg, 'node_modules'), { recursive: true });
    }
  }
}
