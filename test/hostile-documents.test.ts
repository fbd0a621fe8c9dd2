import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, migrate } from '@budget-ingest/db';
import { findSoffice } from '@budget-ingest/extract';
import { cli } from './support/cli.ts';
import { readDocuments } from './support/documents-table.ts';
import { bigSheetXlsx, makeHostileFolder } from './support/hostile-files.ts';
import { watchPeakRss } from './support/peak-rss.ts';

const docs = join(import.meta.dirname, 'fixtures/corpus/docs');
const BIN = join(import.meta.dirname, '../packages/cli/bin/budget-ingest.mjs');
const GiB = 1024 * 1024 * 1024;
const made: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('hostile documents, embedded database (in-process run)', () => {
  it('ingests a folder of good and hostile files: every file ends final with its code, the good are parsed, the process tree under 1.5 GB, no request from the converter, a second ingest changes nothing', async () => {
    const inbox = tempDir('bi-hostile-');
    const data = tempDir('bi-hostile-data-');
    const requests: string[] = [];
    const listener = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const linkUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/logo.png`;
    const expected = await makeHostileFolder(inbox, docs, { linkUrl, soffice: findSoffice(null, process.env.PATH ?? '') });
    // The ingest in a process of its own, so that its tree (it, its extraction children, LibreOffice) is what is measured.
    const started = performance.now();
    const proc = spawn(process.execPath, [BIN, 'ingest', inbox, '--json', '--data-dir', data, '--allow-failures'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const watch = watchPeakRss(proc.pid!);
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => proc.on('close', resolve));
    const peak = watch.stop();
    listener.close();
    expect(code, stderr).toBe(0);
    // One JSON line per file, then the summary: the symlink loop (sub/up -> ..) adds nothing, the newline in a name breaks no line.
    expect(stdout.trim().split('\n')).toHaveLength(expected.size + 1);
    // The FIFO and the link to /dev/zero: one line each, never opened (the run did not hang on them).
    expect(stderr).toContain(`budget-ingest: skipped ${join(inbox, 'pipe.pdf')}: not a regular file (a FIFO) [not-a-regular-file]`);
    expect(stderr).toContain(`budget-ingest: skipped ${join(inbox, 'zero.pdf')}: not a regular file (a character device) [not-a-regular-file]`);
    const rows = await readDocuments({ dataDir: data });
    for (const [name, want] of expected) expect({ name, status: rows.get(name)?.status, code: rows.get(name)?.errorCode ?? null }).toEqual({ name, ...want });
    expect(rows.get('nul-text.pdf')!.warnings!.map((w) => w.code)).toContain('text-sanitized');
    expect(requests).toEqual([]);
    expect(peak.bytes, `peak ${Math.round(peak.bytes / 1048576)} MiB in ${peak.command}`).toBeLessThan(1.5 * GiB);
    expect(peak.treeBytes, `the ingest's process tree peaked at ${Math.round(peak.treeBytes / 1048576)} MiB`).toBeLessThan(1.5 * GiB);
    console.log(`hostile folder, embedded (${expected.size} files, ${Math.round((performance.now() - started) / 1000)} s): process tree peak RSS ${Math.round(peak.treeBytes / 1048576)} MiB; largest process ${Math.round(peak.bytes / 1048576)} MiB (${peak.command})`);

    const again = await cli(['ingest', inbox, '--data-dir', data, '--allow-failures']);
    expect(again.code).toBe(0);
    const lines = again.stdout.split('\n').filter((l) => /^\[\s*\d+\/\d+\]/.test(l));
    expect(lines).toHaveLength(expected.size);
    expect(lines.every((l) => l.endsWith('(unchanged)'))).toBe(true);
    expect(again.stdout).toContain('line\\nbreak [1].pdf');
  }, 600_000);

  it('fails a document the database refuses (load-failed, with the cause) and goes on with the others', async () => {
    const data = tempDir('bi-refused-');
    const inbox = tempDir('bi-refused-in-');
    copyFileSync(join(docs, 'renhua-2021-perf.pdf'), join(inbox, 'renhua.pdf'));
    copyFileSync(join(docs, 'lusong-2023-perf.docx'), join(inbox, 'lusong.docx'));
    const handle = await createDb({ databaseUrl: null, dataDir: data });
    try {
      await migrate(handle);
      // A real constraint violation from the real database, for one of the two documents.
      await handle.db.execute(sql`ALTER TABLE document_contents ADD CONSTRAINT refuse_lusong CHECK (plain_text NOT LIKE '%芦淞%')`);
    } finally {
      await handle.close();
    }
    const run = await cli(['ingest', inbox, '--data-dir', data, '--allow-failures']);
    expect(run.code, run.stderr).toBe(0);
    const rows = await readDocuments({ dataDir: data });
    expect(rows.get('renhua.pdf')).toMatchObject({ status: 'parsed' });
    expect(rows.get('lusong.docx')).toMatchObject({ status: 'failed', errorCode: 'load-failed', errorMessage: expect.stringMatching(/refuse_lusong.*SQLSTATE 23514/) });
  }, 180_000);

  it('fails a document whose extraction outgrows MAX_EXTRACT_MEMORY_MB as out-of-memory, goes on, and retry-failed takes it again', async () => {
    const data = tempDir('bi-oom-');
    const inbox = tempDir('bi-oom-in-');
    writeFileSync(join(inbox, 'rows-150k.xlsx'), bigSheetXlsx(150_000, 2));
    copyFileSync(join(docs, 'lusong-2023-perf.docx'), join(inbox, 'lusong.docx'));
    const env = { MAX_EXTRACT_MEMORY_MB: '256' };
    const run = await cli(['ingest', inbox, '--data-dir', data, '--allow-failures'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/lusong\.docx.*parsed/);
    expect(run.stdout).toMatch(/rows-150k\.xlsx.*failed.*MAX_EXTRACT_MEMORY_MB/);
    expect((await readDocuments({ dataDir: data })).get('rows-150k.xlsx')).toMatchObject({ status: 'failed', errorCode: 'out-of-memory' });
    const retry = await cli(['retry-failed', '--data-dir', data], env);
    expect(retry.stdout).toMatch(/rows-150k\.xlsx\s+failed.*MAX_EXTRACT_MEMORY_MB/);
    // A run in which a document ends failed again exits 1, as ingest does, unless --allow-failures.
    expect(retry.code).toBe(1);
  }, 240_000);

  it('extract FILE reads in a child with the limits: a file past MAX_EXTRACT_MEMORY_MB ends with its code, not a crash', async () => {
    const inbox = tempDir('bi-oom-x-');
    writeFileSync(join(inbox, 'rows-150k.xlsx'), bigSheetXlsx(150_000, 2));
    const run = await cli(['extract', join(inbox, 'rows-150k.xlsx'), '--format', 'text'], { MAX_EXTRACT_MEMORY_MB: '256' });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/rows-150k\.xlsx: .*MAX_EXTRACT_MEMORY_MB.*\[out-of-memory → status failed\]/);
    expect(run.stdout).toBe('');
  }, 240_000);

  it('after a kill -9 mid-extraction: no child left, status lists the unfinished document, the lock is stale at once, retry-failed ends it', async () => {
    const data = tempDir('bi-killed-');
    const inbox = tempDir('bi-killed-in-');
    writeFileSync(join(inbox, 'rows-150k.xlsx'), bigSheetXlsx(150_000, 2));
    // --log-level debug on the command line: the debug line says when extraction starts.
    const proc = spawn(process.execPath, [BIN, 'ingest', inbox, '--data-dir', data, '--log-level', 'debug'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_FORMAT: 'json' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no debug line about extraction:\n${err}`)), 90_000);
      proc.stderr.on('data', () => err.includes('extracting in a child process') && (clearTimeout(timer), resolve()));
      proc.on('exit', () => reject(new Error(`ingest exited early:\n${err}`)));
    });
    expect(err.split('\n').some((l) => l.includes('"level":20'))).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(proc.pid!, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 10_000));
    // The extraction child saw its parent go and exited: nothing of the process group is left.
    expect(spawnSync('pgrep', ['-g', String(proc.pid)]).stdout.toString().trim()).toBe('');

    const status = await cli(['status', '--json', '--data-dir', data]);
    expect(status.code, status.stderr).toBe(0);
    // (The lock's own message goes to the process's stderr; packages/db/src/connect.test.ts checks it.)
    expect(JSON.parse(status.stdout).unfinished).toEqual([expect.objectContaining({ fileName: 'rows-150k.xlsx', status: 'pending' })]);
    const retry = await cli(['retry-failed', '--data-dir', data], { MAX_EXTRACT_MEMORY_MB: '256' });
    expect(retry.stdout).toMatch(/rows-150k\.xlsx\s+failed/);
    expect(JSON.parse((await cli(['status', '--json', '--data-dir', data])).stdout).unfinished).toEqual([]);
  }, 240_000);

  it('reports an unreadable file and an unreadable folder per path, goes on, and prints the summary (as a user who cannot read them)', () => {
    const inbox = tempDir('bi-eacces-');
    const data = tempDir('bi-eacces-data-');
    chmodSync(inbox, 0o755);
    chmodSync(data, 0o777);
    copyFileSync(join(docs, 'lusong-2023-perf.docx'), join(inbox, 'lusong.docx'));
    copyFileSync(join(docs, 'renhua-2021-perf.pdf'), join(inbox, 'secret.pdf'));
    chmodSync(join(inbox, 'lusong.docx'), 0o644);
    chmodSync(join(inbox, 'secret.pdf'), 0o000);
    mkdirSync(join(inbox, 'locked'), { mode: 0o700 });
    writeFileSync(join(inbox, 'locked', 'hidden.pdf'), readFileSync(join(docs, 'renhua-2021-perf.pdf')));
    // su keeps the environment: without DATABASE_URL / REDIS_URL (set under CI) this is the embedded, in-process run.
    const cmd = `cd ${JSON.stringify(join(import.meta.dirname, '..'))} && env -u DATABASE_URL -u REDIS_URL LOG_LEVEL=silent HOME=/tmp ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ingest ${JSON.stringify(inbox)} --data-dir ${JSON.stringify(data)}`;
    const run = spawnSync('su', ['nobody', '-s', '/bin/bash', '-c', cmd], { encoding: 'utf8', timeout: 400_000 });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain(`cannot read ${join(inbox, 'locked')}: permission denied (EACCES)`);
    expect(run.stdout).toMatch(/lusong\.docx.*parsed/);
    expect(run.stdout).toMatch(/secret\.pdf.*failed.*cannot read the file: permission denied \(EACCES\)/);
    expect(run.stdout).toMatch(/documents\s+new/);
    expect(basename(inbox)).toMatch(/^bi-eacces-/);
  }, 420_000);
});
