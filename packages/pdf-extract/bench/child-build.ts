/**
 * Compiles bench/extract-child.ts to JavaScript next to this package (npm packages
 * stay external, loaded from node_modules with their patches), so that memory is
 * measured in a process like a worker's: tsx transpiling pdfjs alone adds ~180 MB.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const outDir = fileURLToPath(new URL('../.bench-build/', import.meta.url));
const entry = fileURLToPath(new URL('./extract-child.ts', import.meta.url));

let built: string | undefined;

async function childScript(): Promise<string> {
  if (built) return built;
  mkdirSync(outDir, { recursive: true });
  const outfile = `${outDir}extract-child.mjs`;
  // Workspace packages (@budget-ingest/*) are compiled in; every npm package stays external.
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error', plugins: [{ name: 'npm-external', setup(b) { b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('@budget-ingest/') ? undefined : { path: a.path, external: true })); } }] });
  built = outfile;
  return outfile;
}

/** Runs the compiled child with these arguments; its last stdout lines are JSON. */
export async function runChild(args: string[]): Promise<SpawnSyncReturns<string>> {
  return spawnSync(process.execPath, ['--expose-gc', await childScript(), ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
}
