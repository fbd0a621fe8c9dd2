import { runCli } from '@budget-ingest/cli';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `budget-ingest ARGS` in this process with a private environment; returns its exit code and output. */
export async function cli(args: readonly string[], env: Record<string, string | undefined> = {}, cwd = process.cwd()): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    { env: { LOG_LEVEL: 'silent', PATH: process.env.PATH, ...env }, cwd, stdout: (l) => out.push(l), stderr: (l) => err.push(l), stdoutIsTty: false },
    ['node', 'budget-ingest', ...args],
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
