import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';

/*
 * `sql` as a user runs it: a separate process serving a data dir, with real
 * psql-protocol clients (node-postgres, raw sockets) and other budget-ingest
 * commands as separate processes on the same data dir.
 */
const BIN = join(import.meta.dirname, '../packages/cli/bin/budget-ingest.mjs');
const samples = join(import.meta.dirname, '../samples');
const run = promisify(execFile);
let dataDir: string;
let out: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bi-sql-'));
  out = mkdtempSync(join(tmpdir(), 'bi-sql-out-'));
  const ingest = await cli(['ingest', join(samples, 'lusong-2023-perf.docx'), join(samples, 'lusong-2023-table.xlsx')], { BUDGET_INGEST_DATA_DIR: dataDir });
  expect(ingest.code).toBe(0);
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

interface Served {
  readonly proc: ChildProcess;
  readonly url: string;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', BUDGET_INGEST_DATA_DIR: dataDir, ...extra });

async function startSql(args: string[] = [], extra: Record<string, string> = {}): Promise<Served> {
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const proc = spawn(process.execPath, [BIN, 'sql', '--port', port, ...args], { env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sql did not start:\n${stdout}\n${stderr}`)), 90_000);
    proc.stdout!.on('data', () => {
      const m = /psql "([^"]+)"/.exec(stdout);
      if (m && stdout.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(() => reject(new Error(`sql exited during start:\n${stdout}\n${stderr}`)));
  });
  return { proc, url, stdout: () => stdout, stderr: () => stderr, exited };
}

async function stop(s: Served): Promise<number | null> {
  s.proc.kill('SIGTERM');
  return s.exited;
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Sends bytes on a raw socket; resolves true once the server closed it, false if it was still open after 5 s. */
function rawSend(port: number, bytes: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    const timer = setTimeout(() => (s.destroy(), resolve(false)), 5000);
    s.on('data', () => {}); // read, so the server's end of the connection is seen
    s.on('error', () => {});
    s.on('close', () => (clearTimeout(timer), resolve(true)));
    s.on('connect', () => s.write(bytes));
  });
}

describe('other commands while `sql` serves the data dir', () => {
  it('status --json and export --format csv answer through the server while a client is connected', async () => {
    const served = await startSql();
    const client = new pg.Client({ connectionString: served.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM report_overview');
      const status = await run(process.execPath, [BIN, 'status', '--json'], { env: env(), timeout: 60_000 });
      const s = JSON.parse(status.stdout) as { documents: number; documentsByStatus: Record<string, number>; reports: number };
      expect(s.documents).toBe(2);
      expect(s.documentsByStatus).toEqual({ parsed: 2 });
      const exported = await run(process.execPath, [BIN, 'export', '--format', 'csv', '--table', 'report_overview', '--out', out], { env: env(), timeout: 60_000 });
      expect(exported.stdout).toMatch(/wrote \d+ row/);
      const lines = readFileSync(join(out, 'report_overview.csv'), 'utf8').trim().split('\n');
      expect(lines.length - 1).toBe(rows[0]!.n);
      expect(rows[0]!.n).toBeGreaterThan(0);
      // The connected client is still served.
      expect((await client.query('SELECT 1 AS x')).rows[0]).toEqual({ x: 1 });
    } finally {
      await client.end();
      expect(await stop(served)).toBe(0);
    }
    // The server's announcement goes with it; the next command opens the database itself.
    expect(existsSync(join(dataDir, 'pglite', 'budget-ingest.server.json'))).toBe(false);
    const after = await cli(['status', '--json'], { BUDGET_INGEST_DATA_DIR: dataDir });
    expect(after.code).toBe(0);
  });
});

describe('`sql` under malformed clients', () => {
  it('stays idle (no spin), answers a real client, and exits on SIGTERM', async () => {
    const served = await startSql();
    const port = Number(new URL(served.url).port);
    try {
      const startup = Buffer.concat([Buffer.from([0, 0, 0, 41, 0, 3, 0, 0]), Buffer.from('user\0postgres\0database\0postgres\0\0')]);
      const closed = [
        await rawSend(port, Buffer.from([0x7f, 0xff, 0xff, 0xff, 0, 3, 0, 0])), // a startup packet claiming 2 GB
        await rawSend(port, Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')), // random bytes
        await rawSend(port, Buffer.concat([startup, Buffer.from([0x51, 0, 0, 0, 4])])), // a short Query
        await rawSend(port, Buffer.concat([startup, Buffer.from([0x7a, 0, 0, 0, 4])])), // an unknown message type
      ];
      expect(closed).toEqual([true, true, true, true]);
      const cpu0 = cpuSeconds(served.proc.pid!);
      await new Promise((r) => setTimeout(r, 2000));
      const spent = cpuSeconds(served.proc.pid!) - cpu0;
      expect(spent).toBeLessThan(0.5);
      const client = new pg.Client({ connectionString: served.url, query_timeout: 5000 });
      await client.connect();
      expect((await client.query('SELECT count(*)::int AS n FROM documents')).rows[0]).toEqual({ n: 2 });
      await client.end();
    } finally {
      const t0 = Date.now();
      expect(await stop(served)).toBe(0);
      expect(Date.now() - t0).toBeLessThan(10_000);
    }
  });
});

describe('`sql` beyond loopback', () => {
  it('warns, generates and prints a password, refuses a client without it, and lets commands through', async () => {
    const served = await startSql(['--host', '0.0.0.0']);
    try {
      expect(served.stderr()).toMatch(/warning: `sql` listens on 0\.0\.0\.0, beyond this machine's loopback/);
      const password = decodeURIComponent(new URL(served.url).password);
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(served.stdout()).toMatch(/password was generated for this run; set SQL_PASSWORD/);
      const port = Number(new URL(served.url).port);
      const without = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', password: 'not-it' });
      await expect(without.connect()).rejects.toMatchObject({ code: '28P01' });
      const withIt = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', password });
      await withIt.connect();
      expect((await withIt.query('SELECT 1 AS x')).rows[0]).toEqual({ x: 1 });
      await withIt.end();
      // A command on the data dir finds the server and its password by itself.
      const status = await run(process.execPath, [BIN, 'status', '--json'], { env: env(), timeout: 60_000 });
      expect((JSON.parse(status.stdout) as { documents: number }).documents).toBe(2);
    } finally {
      expect(await stop(served)).toBe(0);
    }
  });

  it('uses SQL_PASSWORD when set, on loopback too', async () => {
    const served = await startSql([], { SQL_PASSWORD: 'chosen-password-1' });
    try {
      const port = Number(new URL(served.url).port);
      await expect(new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', password: 'wrong-password' }).connect()).rejects.toMatchObject({ code: '28P01' });
      const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', password: 'chosen-password-1' });
      await c.connect();
      await c.end();
    } finally {
      expect(await stop(served)).toBe(0);
    }
  });
});
