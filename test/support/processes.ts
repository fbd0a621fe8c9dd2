import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../../packages/cli/bin/budget-ingest.mjs');

export interface WorkerProcess {
  readonly proc: ChildProcess;
  readonly output: () => string;
  /** Sends a signal to the worker and its sandboxed children (they share a process group). */
  kill(signal: NodeJS.Signals): void;
  exited(): Promise<number | null>;
}

/** Starts `budget-ingest workers` as a real separate process; resolves once it is consuming. */
export async function startWorkerProcess(env: Record<string, string>, args: readonly string[] = [], cwd?: string): Promise<WorkerProcess> {
  const proc = spawn(process.execPath, [BIN, 'workers', ...args], {
    ...(cwd ? { cwd } : {}),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${out}`)), 60_000);
    const check = () => {
      if (out.includes('workers running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`worker exited during start:\n${out}`));
    });
  });
  return {
    proc,
    output: () => out,
    kill: (signal) => {
      try {
        process.kill(-proc.pid!, signal);
      } catch {
        // already gone
      }
    },
    exited: () => exit,
  };
}
