/**
 * `budget-ingest review` as a user starts it on the zero-setup default: the embedded database, no
 * Redis, no REVIEW_TOKEN (it makes one and prints it). Reading is open on loopback; writing needs
 * the printed token; a request naming another host is refused (no DNS rebinding).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

describe('budget-ingest review on the embedded database', () => {
  let dataDir: string;
  let server: ChildProcess;
  let printed = '';
  let url: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bi-review-cmd-'));
    server = spawn(process.execPath, [join(ROOT, 'packages/cli/bin/budget-ingest.mjs'), 'review', '--port', '0', '--data-dir', dataDir], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`review did not start: ${printed}`)), 90_000);
      const seen = (b: Buffer) => {
        printed += b.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)\/[\s\S]*reading:/.exec(printed);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      server.stdout!.on('data', seen);
      server.stderr!.on('data', (b: Buffer) => (printed += b.toString()));
      server.once('exit', (code) => reject(new Error(`review exited ${code}: ${printed}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the pages and the API without Redis, and writes with the token it printed', async () => {
    expect(printed).toContain(join(dataDir, 'pglite'));
    const token = /with this token \(reviewer [^)]*\): (\S+)/.exec(printed)?.[1];
    expect(token).toBeDefined();

    expect((await fetch(`${url}/`)).status).toBe(200);
    expect(await (await fetch(`${url}/api/documents`)).json()).toEqual({ total: 0, page: 1, per_page: 50, documents: [] });
    const body = JSON.stringify({ report_id: 1, target: 'amount', action: 'confirm', value_key: 'amount|total_expenditure|actual|2024' });
    const post = (headers: Record<string, string>) => fetch(`${url}/api/corrections`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
    expect((await post({})).status).toBe(401);
    // With the token the write is let through, and fails only because there is no report 1.
    const withToken = await post({ Authorization: `Bearer ${token}` });
    expect(withToken.status).toBe(404);
    expect(await withToken.json()).toEqual({ error: 'no report 1' });
    const invalid = await fetch(`${url}/api/documents?status=nonsense`);
    expect(invalid.status).toBe(400);
  });

  it('answers only requests addressed to its loopback name', async () => {
    const { port } = new URL(url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: Number(port), path: '/', headers: { Host: `attacker.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});
