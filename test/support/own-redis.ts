/**
 * A Redis server of the test's own, so a test can stop, restart or lock it
 * without disturbing the shared one other tests use.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OwnRedis {
  readonly port: number;
  readonly url: string;
  start(): void;
  /** Stops the server; with appendonly the AOF keeps the queues for the next start. */
  stop(): void;
  /** Stops it (if running) and removes its directory. */
  dispose(): void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Not started yet: call start(). `persistence` is the append-only file production needs; `password` sets requirepass. */
export async function ownRedis(opts: { persistence: boolean; password?: string }): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bi-own-redis-'));
  const auth = opts.password ? ['-a', opts.password, '--no-auth-warning'] : [];
  const cli = (...args: string[]) => execFileSync('redis-cli', ['-p', String(port), ...auth, ...args], { stdio: 'pipe' }).toString();
  let running = false;
  const stop = () => {
    if (!running) return;
    try {
      cli('shutdown', opts.persistence ? 'save' : 'nosave');
    } catch {
      // shutdown closes the connection before answering
    }
    for (let i = 0; i < 50; i++) {
      try {
        cli('ping');
        execFileSync('sleep', ['0.1']);
      } catch {
        break;
      }
    }
    running = false;
  };
  return {
    port,
    url: opts.password ? `redis://:${opts.password}@127.0.0.1:${port}` : `redis://127.0.0.1:${port}`,
    start() {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', opts.persistence ? 'yes' : 'no', '--dir', dir, '--daemonize', 'yes', '--pidfile', join(dir, 'redis.pid'), '--logfile', join(dir, 'redis.log')];
      if (opts.password) args.push('--requirepass', opts.password);
      execFileSync('redis-server', args);
      running = true;
      for (let i = 0; i < 50; i++) {
        try {
          if (cli('ping').includes('PONG')) return;
        } catch {
          // not up yet
        }
        execFileSync('sleep', ['0.1']);
      }
      throw new Error(`redis-server on port ${port} did not start`);
    },
    stop,
    dispose() {
      stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
