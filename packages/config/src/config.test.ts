import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded database under ./data and in-process stages', () => {
    const cfg = loadConfig({}, {}, '/work');
    expect(cfg.databaseUrl).toBeNull();
    expect(cfg.redisUrl).toBeNull();
    expect(cfg.dataDir).toBe('/work/data');
    expect(cfg.blobDir).toBe('/work/data/blobs');
  });

  it('lets --data-dir win over BUDGET_INGEST_DATA_DIR', () => {
    const cfg = loadConfig({ BUDGET_INGEST_DATA_DIR: '/env' }, { dataDir: 'cli' }, '/work');
    expect(cfg.dataDir).toBe('/work/cli');
  });

  it('names the setting that is wrong', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ MAX_PAGES: 'lots' })).toThrow(/MAX_PAGES/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).databaseUrl).toBeNull();
  });
});

describe('the data directory', () => {
  const project = () => {
    const root = mkdtempSync(join(tmpdir(), 'bi-project-'));
    mkdirSync(join(root, 'reports/2024'), { recursive: true });
    return root;
  };

  it('is found upwards like git: a command run from a subfolder uses the budget-ingest.json of its project', () => {
    const root = project();
    try {
      writeFileSync(join(root, 'budget-ingest.json'), '{ "dataDir": "store" }');
      const cfg = loadConfig({}, {}, join(root, 'reports/2024'));
      expect(cfg).toMatchObject({ dataDir: join(root, 'store'), dataDirFrom: 'project-file', projectFile: join(root, 'budget-ingest.json'), blobDir: join(root, 'store/blobs') });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('takes a .budget-ingest file too (data beside it by default), the flag over the environment over the file', () => {
    const root = project();
    try {
      writeFileSync(join(root, '.budget-ingest'), '{}');
      const cwd = join(root, 'reports');
      expect(loadConfig({}, {}, cwd)).toMatchObject({ dataDir: join(root, 'data'), dataDirFrom: 'project-file' });
      expect(loadConfig({ BUDGET_INGEST_DATA_DIR: '/env-data' }, {}, cwd)).toMatchObject({ dataDir: '/env-data', dataDirFrom: 'env', projectFile: null });
      expect(loadConfig({ BUDGET_INGEST_DATA_DIR: '/env-data' }, { dataDir: 'flag' }, cwd)).toMatchObject({ dataDir: join(cwd, 'flag'), dataDirFrom: 'flag' });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('is ./data of the current folder, said so, when no project file is found; a broken one stops with its name', () => {
    const root = project();
    try {
      expect(loadConfig({}, {}, root)).toMatchObject({ dataDir: join(root, 'data'), dataDirFrom: 'default', projectFile: null });
      writeFileSync(join(root, 'budget-ingest.json'), '{ dataDir: nope');
      expect(() => loadConfig({}, {}, join(root, 'reports'))).toThrow(/budget-ingest\.json: not valid JSON/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
