import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { staleReason } from '../scripts/load-entry.mjs';

// The bins run dist/ only while staleReason finds nothing: a build must never run against newer sources.
describe('the compiled build runs only while it matches the sources', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  function project(): { root: string; dist: URL; source: string } {
    const root = mkdtempSync(join(tmpdir(), 'bi-build-'));
    dirs.push(root);
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'dist'));
    const source = join(root, 'src/main.ts');
    writeFileSync(source, 'export const x = 1;\n');
    const st = statSync(source);
    writeFileSync(join(root, 'dist/build-info.json'), JSON.stringify({ entries: ['cli'], inputs: { 'src/main.ts': [st.size, st.mtimeMs] } }));
    return { root, dist: pathToFileURL(join(root, 'dist/')), source };
  }

  it('runs a build whose sources are unchanged', () => {
    const { root, dist } = project();
    expect(staleReason('cli', dist, root)).toBeNull();
    expect(staleReason('fetcher', dist, root)).toMatch(/no entry fetcher/);
  });

  it('refuses a build when a source was edited, even to the same size or an older mtime', () => {
    const { root, dist, source } = project();
    writeFileSync(source, 'export const y = 2;\n');
    utimesSync(source, new Date(2000, 0, 1), new Date(2000, 0, 1));
    expect(staleReason('cli', dist, root)).toBe('src/main.ts changed since the build');
  });

  it('refuses a build when a source is gone or there is no build', () => {
    const { root, dist, source } = project();
    rmSync(source);
    expect(staleReason('cli', dist, root)).toBe('src/main.ts was removed since the build');
    rmSync(join(root, 'dist/build-info.json'));
    expect(staleReason('cli', dist, root)).toMatch(/no build/);
  });
});
