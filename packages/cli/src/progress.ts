import cliProgress from 'cli-progress';

/** Per-document lines; on a terminal, with a progress bar kept under them. */
export interface Progress {
  line(text: string): void;
  tick(label: string): void;
  stop(): void;
}

export function createProgress(total: number, tty: boolean, write: (line: string) => void): Progress {
  if (!tty || total < 2) return { line: write, tick: () => undefined, stop: () => undefined };
  const multi = new cliProgress.MultiBar(
    { format: ' {bar} {value}/{total} documents | {label}', hideCursor: true, clearOnComplete: true, stream: process.stdout },
    cliProgress.Presets.shades_classic,
  );
  const bar = multi.create(total, 0, { label: '' });
  return {
    line: (text) => multi.log(`${text}\n`),
    tick: (label) => bar.increment(1, { label }),
    stop: () => multi.stop(),
  };
}
