import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaceSettingsTable } from '../../../scripts/settings-table-markers.ts';
import { envSchema } from './config.ts';
import { renderSettingsTable } from './settings-docs.ts';

describe("the README's configuration table", () => {
  it('is the one npm run docs:settings writes from the schema (run it after changing a setting)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(replaceSettingsTable(readme, renderSettingsTable())).toBe(readme);
  });

  it('has a row for every setting, with the default the schema fills in', () => {
    const table = renderSettingsTable();
    for (const name of Object.keys(envSchema.shape)) expect(table).toContain(`| \`${name}\` |`);
    expect(table).toContain('| `JOB_LOCK_MS` | 60000 |');
    expect(table).toContain('| `SANDBOX_EXTRACT` | `false` |');
    expect(table).toContain('| `MAX_FILE_BYTES` | 209715200 (200 MiB) |');
  });
});
