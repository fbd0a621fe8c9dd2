import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const run = (...args: string[]) => execFileSync(process.execPath, ['scripts/docs-graph.mjs', ...args], { cwd: root, encoding: 'utf8', stdio: 'pipe' });

describe("docs/architecture.md's dependency diagram", () => {
  it('is the one npm run docs:graph draws from the package.json dependencies (run it after changing one)', () => {
    expect(run('--check')).toContain('matches');
  });

  it('fails the check when an arrow is missing or extra', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bi-docs-graph-'));
    try {
      const doc = join(dir, 'architecture.md');
      writeFileSync(doc, readFileSync(join(root, 'docs/architecture.md'), 'utf8').replace('  db --> contract & docmodel\n', '  db --> reportparser\n'));
      expect(() => run('--check', '--doc', doc)).toThrow(/differs from the package.json dependencies/);
      run('--doc', doc);
      expect(readFileSync(doc, 'utf8')).toContain('  db --> contract & docmodel\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
