import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noPostgres, noRedis, redisUrl, serverDatabaseUrl } from './support/services.ts';

/*
 * The queue dashboard as a browser or a script meets it: `budget-ingest
 * dashboard` as its own process, real HTTP requests, bull-board over a real Redis.
 */
const BIN = join(import.meta.dirname, '../packages/cli/bin/budget-ingest.mjs');
const prefix = `dash_${randomBytes(4).toString('hex')}`;

interface Running {
  readonly port: number;
  readonly token: string;
  readonly stdout: string;
  readonly stderr: string;
  stop(): Promise<number | null>;
}

async function startDashboard(host: string, extraEnv: Record<string, string> = {}): Promise<Running> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const proc = spawn(process.execPath, [BIN, 'dashboard', '--port', String(port), '--host', host], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', REDIS_URL: redisUrl!, DATABASE_URL: serverDatabaseUrl!, QUEUE_PREFIX: prefix, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const token = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dashboard did not start:\n${stdout}\n${stderr}`)), 90_000);
    proc.stdout!.on('data', () => {
      const m = /\?token=([A-Za-z0-9_-]+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(() => reject(new Error(`dashboard exited during start:\n${stdout}\n${stderr}`)));
  });
  return {
    port,
    token,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    stop: () => {
      proc.kill('SIGTERM');
      return exited;
    },
  };
}

function http(port: number, method: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(noRedis || noPostgres)('the queue dashboard', () => {
  let dash: Running;
  let extract: Queue;
  beforeAll(async () => {
    dash = await startDashboard('127.0.0.1');
    extract = new Queue('extract', { connection: { url: redisUrl! }, prefix });
  });
  afterAll(async () => {
    await extract?.obliterate({ force: true }).catch(() => {});
    await extract?.close();
    expect(await dash?.stop()).toBe(0);
  });

  it('shows the queues on loopback without a token', async () => {
    const page = await http(dash.port, 'GET', '/api/queues', { host: `127.0.0.1:${dash.port}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('extract');
    expect((await http(dash.port, 'GET', '/', { host: `localhost:${dash.port}` })).status).toBe(200);
  });

  it('refuses a Host that is not its own (DNS rebinding)', async () => {
    const r = await http(dash.port, 'GET', '/api/queues', { host: `rebind.attacker.example:${dash.port}` });
    expect(r.status).toBe(403);
    expect(r.body).toMatch(/DNS rebinding/);
  });

  it('refuses to pause a queue without the token, and pauses it with the token', async () => {
    const refused = await http(dash.port, 'PUT', '/api/queues/extract/pause', { host: `127.0.0.1:${dash.port}` });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatch(/read-only without its token/);
    expect(await extract.isPaused()).toBe(false);
    const wrong = await http(dash.port, 'PUT', '/api/queues/extract/pause', { host: `127.0.0.1:${dash.port}`, authorization: 'Bearer not-the-token-at-all-000' });
    expect(wrong.status).toBe(403);
    const done = await http(dash.port, 'PUT', '/api/queues/extract/pause', { host: `127.0.0.1:${dash.port}`, authorization: `Bearer ${dash.token}` });
    expect(done.status).toBeLessThan(300);
    expect(await extract.isPaused()).toBe(true);
    await extract.resume();
  });

  it('refuses a change sent from another site, even with the cookie', async () => {
    const r = await http(dash.port, 'PUT', '/api/queues/extract/pause', {
      host: `127.0.0.1:${dash.port}`,
      cookie: `budget_ingest_dashboard=${dash.token}`,
      origin: 'http://attacker.example',
    });
    expect(r.status).toBe(403);
    expect(await extract.isPaused()).toBe(false);
  });

  it('prints the token with the address', () => {
    expect(dash.stdout).toContain(`?token=${dash.token}`);
  });
});

describe.skipIf(noRedis || noPostgres)('the queue dashboard beyond loopback', () => {
  it('warns, and shows nothing without the token; the token in the address becomes a cookie', async () => {
    const dash = await startDashboard('0.0.0.0', { DASHBOARD_TOKEN: 'a-token-chosen-by-the-operator' });
    try {
      expect(dash.stderr).toMatch(/warning: `dashboard` listens on 0\.0\.0\.0/);
      expect(dash.token).toBe('a-token-chosen-by-the-operator');
      const host = `127.0.0.1:${dash.port}`;
      expect((await http(dash.port, 'GET', '/api/queues', { host })).status).toBe(401);
      const login = await http(dash.port, 'GET', `/?token=${dash.token}`, { host });
      expect(login.status).toBe(303);
      const cookie = String((login.headers['set-cookie'] as string[])[0]).split(';')[0]!;
      expect(cookie).toBe(`budget_ingest_dashboard=${dash.token}`);
      expect((await http(dash.port, 'GET', '/api/queues', { host, cookie })).status).toBe(200);
      expect((await http(dash.port, 'GET', '/?token=wrong', { host })).status).toBe(401);
    } finally {
      expect(await dash.stop()).toBe(0);
    }
  });
});
