import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * A package's `exports` map is its public surface: what another package or a test may import. It
 * must tell the truth both ways: every target exists (a map pointing at a missing file promises an
 * API that is not there), and every entry has a user (an entry nobody imports is surface to keep
 * stable for no one). A process with no library users (a service) exports nothing.
 */
const root = join(import.meta.dirname, '..');

interface Workspace {
  readonly dir: string;
  readonly name: string;
  readonly exports: Readonly<Record<string, string>>;
  readonly bin: Readonly<Record<string, string>>;
}

/** Entries kept without an importer in this repository, each with the reason it is public. */
const DOCUMENTED_ENTRIES: Readonly<Record<string, string>> = {
  // The CLI resolves its own package to find its bin, to create a new embedded database in a child (context.ts).
  '@budget-ingest/cli/package.json': 'the CLI finds its own bin through it',
};

function workspaces(): Workspace[] {
  const globs = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  return globs.flatMap((glob) => {
    const parent = glob.replace(/\/\*$/, '');
    return readdirSync(join(root, parent))
      .map((d) => join(parent, d))
      .filter((d) => existsSync(join(root, d, 'package.json')))
      .map((dir) => {
        const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name: string; exports?: unknown; bin?: unknown };
        const exports = typeof pkg.exports === 'string' ? { '.': pkg.exports } : ((pkg.exports ?? {}) as Record<string, string>);
        const bin = typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : ((pkg.bin ?? {}) as Record<string, string>);
        return { dir, name: pkg.name, exports, bin };
      });
  });
}

/** Every source file of the repository (packages, services, root tests, scripts), relative to the root. */
function sources(dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'dist', 'fixtures', '.git', 'data'].includes(e.name) || (dir === '' && !['packages', 'services', 'test', 'scripts'].includes(e.name)) ? [] : sources(path);
    return /\.(ts|mts|mjs|js)$/.test(e.name) ? [path] : [];
  });
}

/** Specifier → files (outside the imported package) that import it. */
function importers(all: readonly Workspace[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sources()) {
    const text = readFileSync(join(root, file), 'utf8');
    // Import and export statements at the start of a line, and dynamic imports (not code quoted in a string).
    const statements = text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*['"](@budget-ingest\/[^'"]+)['"]|\bimport\(\s*['"](@budget-ingest\/[^'"]+)['"]/gm);
    for (const m of statements) {
      const spec = (m[1] ?? m[2])!;
      const owner = all.find((w) => spec === w.name || spec.startsWith(`${w.name}/`));
      if (owner && (file + '/').startsWith(owner.dir + '/')) continue;
      found.set(spec, [...(found.get(spec) ?? []), file]);
    }
  }
  return found;
}

describe('package surfaces', () => {
  const all = workspaces();

  it('point every exports and bin entry at a file that exists', () => {
    const missing = all.flatMap((w) =>
      [...Object.entries(w.exports), ...Object.entries(w.bin)].filter(([, target]) => !existsSync(join(root, w.dir, target))).map(([entry, target]) => `${w.name} ${entry} → ${target}`),
    );
    expect(missing).toEqual([]);
  });

  it('export only what another package or a test imports', () => {
    const used = importers(all);
    const unused = all.flatMap((w) =>
      Object.keys(w.exports)
        .map((entry) => (entry === '.' ? w.name : `${w.name}${entry.slice(1)}`))
        .filter((spec) => !used.has(spec) && !(spec in DOCUMENTED_ENTRIES)),
    );
    expect(unused).toEqual([]);
  });

  it('import every package through an entry its exports map declares', () => {
    const declared = new Set(all.flatMap((w) => Object.keys(w.exports).map((entry) => (entry === '.' ? w.name : `${w.name}${entry.slice(1)}`))));
    const undeclared = [...importers(all)].filter(([spec]) => !declared.has(spec)).map(([spec, files]) => `${spec} (${files.map((f) => relative('.', f)).join(', ')})`);
    expect(undeclared).toEqual([]);
  });
});
