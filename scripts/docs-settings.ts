/**
 * Rewrites the README's configuration table (between the settings-table markers) from the zod
 * schema of packages/config and its SETTING_DOCS: `npm run docs:settings`.
 * packages/config/src/settings-docs.test.ts fails when the committed table differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderSettingsTable } from '@budget-ingest/config';
import { replaceSettingsTable } from './settings-table-markers.ts';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const before = readFileSync(readme, 'utf8');
const after = replaceSettingsTable(before, renderSettingsTable());
if (after === before) console.log('README.md: the configuration table is up to date');
else {
  writeFileSync(readme, after);
  console.log('README.md: rewrote the configuration table');
}
