/**
 * Runs one external tool (pdftoppm, tesseract) with a deadline and an
 * address-space ceiling: a page that hangs or balloons the engine ends that
 * process alone, and the caller turns it into a warning on that page.
 */
import { spawn } from 'node:child_process';

export interface ToolRun {
  readonly stdout: Buffer;
  readonly stderr: string;
}

export class ToolError extends Error {
  override readonly name = 'ToolError';
  constructor(
    readonly reason: 'timeout' | 'failed' | 'missing',
    message: string,
  ) {
    super(message);
  }
}

export interface ToolLimits {
  readonly timeoutMs: number;
  /** Address-space ceiling in MiB (through util-linux's prlimit when it is installed), or null for none. */
  readonly memoryMb: number | null;
  readonly prlimit: string | null;
  readonly env?: Record<string, string | undefined>;
}

export function runTool(bin: string, args: readonly string[], limits: ToolLimits): Promise<ToolRun> {
  const [cmd, argv] =
    limits.memoryMb !== null && limits.prlimit !== null ? [limits.prlimit, [`--as=${limits.memoryMb * 1024 * 1024}`, '--', bin, ...args]] : [bin, [...args]];
  return new Promise((resolve, reject) => {
    // Its own process group, so that a timeout ends whatever the tool started too (a wrapper's children hold its pipes open).
    const proc = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: limits.env, detached: true });
    const killGroup = () => {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        proc.kill('SIGKILL');
      }
    };
    const out: Buffer[] = [];
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, limits.timeoutMs);
    proc.stdout.on('data', (b: Buffer) => out.push(b));
    proc.stderr.on('data', (b: Buffer) => {
      if (err.length < 4000) err += b.toString();
    });
    proc.on('error', (e) => {
      clearTimeout(timer);
      reject(new ToolError('missing', `${bin} could not be started: ${e.message}`));
    });
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      const name = bin.split('/').pop();
      if (timedOut) reject(new ToolError('timeout', `${name} took longer than ${limits.timeoutMs / 1000} s and was stopped`));
      else if (code !== 0) reject(new ToolError('failed', `${name} ended with ${signal ? `signal ${signal}` : `exit code ${code}`}${err.trim() ? `: ${err.trim().split('\n').slice(-2).join(' ')}` : ''}`));
      else resolve({ stdout: Buffer.concat(out), stderr: err });
    });
  });
}
