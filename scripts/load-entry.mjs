// Loads a process entry point: the compiled one under dist/ (scripts/build.mjs)
// while it is up to date, else the TypeScript source through tsx. Checking is
// a stat of every compiled source (about 2 ms): a build older than the
// sources never runs, and editing a file needs no rebuild to take effect
// (it only starts slower until `npm run build`).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = new URL('../dist/', import.meta.url);

/** Why dist/<name>.mjs cannot run (missing, or which source changed), or null when it can. */
export function staleReason(name, dist = DIST, root = ROOT) {
  let info;
  try {
    info = JSON.parse(readFileSync(new URL('build-info.json', dist), 'utf8'));
  } catch {
    return 'no build (dist/build-info.json is missing)';
  }
  if (!info.entries.includes(name)) return `the build has no entry ${name}`;
  for (const [file, [size, mtimeMs]] of Object.entries(info.inputs)) {
    let st;
    try {
      st = statSync(join(root, file));
    } catch {
      return `${file} was removed since the build`;
    }
    if (st.size !== size || st.mtimeMs !== mtimeMs) return `${file} changed since the build`;
  }
  return null;
}

/**
 * Imports entry `name` (a key of ENTRIES in scripts/build.mjs) from the build,
 * or `sourceUrl` through tsx when the build is missing or stale; `onStale`
 * hears why. BUDGET_INGEST_FROM_SOURCE=1 always takes the sources.
 */
export async function loadEntry(name, sourceUrl, onStale = () => {}) {
  const reason = process.env.BUDGET_INGEST_FROM_SOURCE === '1' ? 'BUDGET_INGEST_FROM_SOURCE=1' : staleReason(name);
  if (reason === null) return import(new URL(`${name}.mjs`, DIST).href);
  onStale(reason);
  const { register } = await import('tsx/esm/api');
  register();
  return import(sourceUrl);
}
