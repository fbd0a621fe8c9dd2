import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';

const docs = join(import.meta.dirname, 'fixtures/corpus/docs');

interface Status {
  documents: number;
  reports: number;
  documentsByStatus: Record<string, number>;
}

// `status` on the embedded database answers from its cache while nothing has written the database
// since the answer was taken; any write makes it read the database again.
describe('status on the embedded database', () => {
  let dir: string;
  let inbox: string;
  const env = () => ({ BUDGET_INGEST_DATA_DIR: dir });
  const status = async () => JSON.parse((await cli(['status', '--json'], env())).stdout) as Status;
  const cacheFile = () => join(dir, 'status-cache.json');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bi-status-'));
    inbox = mkdtempSync(join(tmpdir(), 'bi-status-in-'));
    copyFileSync(join(docs, 'lusong-2023-perf.docx'), join(inbox, 'lusong-2023-perf.docx'));
    expect((await cli(['ingest', inbox], env())).code).toBe(0);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(inbox, { recursive: true, force: true });
  });

  it('answers a repeated status from the answer it kept, as long as the database is unchanged', async () => {
    const first = await status();
    expect(first.documentsByStatus).toEqual({ parsed: 1 });
    expect(existsSync(cacheFile())).toBe(true);
    // Tamper with the kept answer: if the second status prints it, it did not start the database.
    const kept = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { report: Status };
    kept.report.reports = 999;
    writeFileSync(cacheFile(), JSON.stringify(kept));
    expect((await status()).reports).toBe(999);
    expect((await cli(['status'], env())).stdout).toMatch(/^\s*999\s/m);
  });

  it('reads the database again once anything has written it', async () => {
    copyFileSync(join(docs, 'renhua-2021-perf.pdf'), join(inbox, 'renhua-2021-perf.pdf'));
    expect((await cli(['ingest', inbox], env())).code).toBe(0);
    const after = await status();
    expect(after.documents).toBe(2);
    expect(after.reports).not.toBe(999);
    // A reparse rewrites rows of the same documents: the counts may stay, the kept answer must not be trusted.
    writeFileSync(cacheFile(), JSON.stringify({ ...JSON.parse(readFileSync(cacheFile(), 'utf8')), report: { ...after, reports: 999 } }));
    expect((await cli(['reparse'], env())).code).toBe(0);
    expect((await status()).reports).toBe(after.reports);
  });

  it('ignores a cache it cannot read', async () => {
    writeFileSync(cacheFile(), '{not json');
    expect((await status()).documents).toBe(2);
  });
});
