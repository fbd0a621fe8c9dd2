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
