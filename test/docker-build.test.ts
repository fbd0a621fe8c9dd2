import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContext, contextFilter, linkInstalledModules, readDockerfile, replayCopies } from './support/docker-context.ts';

/**
 * No Docker engine here (nor in CI): the image's build is replayed step by step. The COPY steps copy
 * from the build context as .dockerignore leaves it into a folder standing for /app; `npm ci` is
 * replayed by linking the installed packages (the registry's bytes are the same) and running its
 * postinstall build; then the CLI and the fetcher run from that folder as the image's ENTRYPOINT would.
 */
describe('the Dockerfile, replayed without Docker', () => {
  let app: string;
  beforeAll(() => {
    app = mkdtempSync(join(tmpdir(), 'bi-image-'));
  });
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('sends a small build context: no node_modules, data, .git or test fixtures', () => {
    const { files, bytes } = buildContext();
    expect(files.some((f) => /(^|\/)node_modules\//.test(f) || f.startsWith('data/') || f.startsWith('.git/') || f.startsWith('test/'))).toBe(false);
    // 643 MB before .dockerignore; the sources, lock file, samples and migrations are a few MB.
    expect(bytes).toBeLessThan(40 * 1024 * 1024);
    const ignored = contextFilter();
    expect(['.env', 'data/pglite/base', 'packages/cli/node_modules/commander/index.js', 'inbox/a.pdf'].every(ignored)).toBe(true);
  });

  it('copies everything the build reads (tsconfig.base.json included) and builds with no warning', () => {
    const steps = readDockerfile();
    const copied = replayCopies(app, steps).flat();
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'tsconfig.base.json', 'packages', 'services', 'scripts', 'patches', 'migrations', 'config']));
    const runs = steps.filter((s) => s.op === 'RUN').map((s) => s.args);
    expect(runs.some((r) => r.includes('npm ci'))).toBe(true);
    linkInstalledModules(app);
    // npm ci's postinstall, as the image runs it: patch-package's patches are in the linked packages already.
    const build = spawnSync(process.execPath, ['scripts/build.mjs', '--strict'], { cwd: app, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    expect(build.stderr).not.toMatch(/warning|▲ \[WARNING\]/i);
    expect(existsSync(join(app, 'dist/cli.mjs'))).toBe(true);
  }, 180_000);

  it('runs the CLI and migrates an embedded database from the image\'s files', () => {
    const env = { PATH: process.env.PATH ?? '', HOME: app, NODE_ENV: 'production', BUDGET_INGEST_DATA_DIR: join(app, 'data') };
    const version = spawnSync(process.execPath, ['packages/cli/bin/budget-ingest.mjs', '--version'], { cwd: app, encoding: 'utf8', env });
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const migrate = spawnSync(process.execPath, ['packages/cli/bin/budget-ingest.mjs', 'migrate'], { cwd: app, encoding: 'utf8', env });
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/created \d+ table\(s\)/);
  }, 120_000);

  it('the fetcher without a portals config exits 0 with one clear line, so compose\'s on-failure restart does not loop', () => {
    const env = { PATH: process.env.PATH ?? '', HOME: app, PORTALS_CONFIG: join(app, 'config/portals.yaml'), DATABASE_URL: 'postgres://x@127.0.0.1:1/x', REDIS_URL: 'redis://127.0.0.1:1' };
    const run = spawnSync(process.execPath, ['services/fetcher/bin/fetcher.mjs'], { cwd: app, encoding: 'utf8', env, timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^fetcher: no portals config at .*config\/portals\.yaml: nothing to crawl; copy config\/portals\.example\.yaml/)]);
  }, 120_000);
});
