import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'packages/cli/bin/budget-ingest.mjs');

export interface TerminalRun {
  readonly code: number;
  /** The bytes the terminal received (escape codes included). */
  readonly raw: string;
  /** What the screen shows at the end: escape codes applied (a \r or a line clear overwrites), one entry per line. */
  readonly screen: string[];
}

function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * Runs `budget-ingest ARGS` in a real pseudo-terminal (util-linux `script`), as a person at a
 * terminal sees it: stdout and stderr are both the terminal.
 */
export function runInTerminal(args: readonly string[], env: Record<string, string> = {}, cwd = ROOT): TerminalRun {
  const command = [process.execPath, BIN, ...args].map(shellQuote).join(' ');
  const r = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TERM: 'xterm-256color', ...env },
    encoding: 'utf8',
    timeout: 180_000,
  });
  const raw = r.stdout;
  return { code: r.status ?? -1, raw, screen: renderScreen(raw) };
}

/** Applies carriage returns and "clear line" codes the way a terminal does, then drops the remaining escape codes. */
export function renderScreen(raw: string): string[] {
  const lines: string[] = [];
  for (const physical of raw.replaceAll('\r\n', '\n').split('\n')) {
    // Everything before the last \r or line clear on a line was overwritten.
    // eslint-disable-next-line no-control-regex
    const parts = physical.split(/\r|\x1b\[2K|\x1b\[1G/);
    // eslint-disable-next-line no-control-regex
    lines.push((parts.at(-1) ?? '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''));
  }
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  return lines;
}
