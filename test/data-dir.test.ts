import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';

const SAMPLES = join(import.meta.dirname, '../samples');

describe('one data directory per project, whatever folder a command runs from', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'bi-proj-'));
    writeFileSync(join(root, 'budget-ingest.json'), '{ "dataDir": "data" }\n');
    mkdirSync(join(root, 'inbox/2023'), { recursive: true });
    copyFileSync(join(SAMPLES, 'lusong-2023-perf.docx'), join(root, 'inbox/2023/lusong-2023-perf.docx'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('migrate on an empty database says which migrations it applied and what they created; again, that nothing changed', async () => {
    const first = await cli(['migrate'], {}, root);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe(`budget-ingest: creating a new embedded database in ${join(root, 'data')} (from ${join(root, 'budget-ingest.json')})`);
    expect(first.stdout).toMatch(/^applied \d+ migration\(s\) to the embedded database .*: 0000_init, /m);
    expect(first.stdout).toMatch(/^created \d+ table\(s\): amounts, .*documents/m);
    expect(first.stdout).toMatch(/^created 12 view\(s\): .*report_overview/m);
    const again = await cli(['migrate'], {}, root);
    expect(again.stdout).toMatch(/^schema up to date .*; nothing to apply: 16 tables and 12 views$/);
    expect(again.stderr).toBe('');
  });

  it('uses the project\'s data directory from a subfolder, prints it, and never makes a ./data there', async () => {
    const sub = join(root, 'inbox/2023');
    const run = await cli(['ingest', '.'], {}, sub);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`into the embedded database in ${join(root, 'data')} (from ${join(root, 'budget-ingest.json')})`);
    expect(existsSync(join(sub, 'data'))).toBe(false);
  });

  it('never ingests the data directory itself', async () => {
    const run = await cli(['ingest', '.', '--allow-failures'], {}, root);
    expect(run.stderr).toMatch(/^budget-ingest: left out \d+ file\(s\) inside the data directory /m);
    const lines = run.stdout.split('\n').filter((l) => /^\[\d+\/\d+\]/.test(l));
    // Only the inbox's document and the project file itself, nothing of data/.
    expect(lines.map((l) => l.replace(/\s+.*$/, ''))).toHaveLength(2);
    expect(run.stdout).not.toMatch(/data\/(pglite|blobs)/);
  });
});
