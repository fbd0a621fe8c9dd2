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

/**
 * `--progress` for one file's OCR pages: a bar on a terminal, else one line
 * per page read (on stderr, so stdout stays the command's output).
 */
export function createPageProgress(tty: boolean, writeErr: (line: string) => void): { onPage: (p: { done: number; total: number; page: number }) => void; stop: () => void } {
  if (!tty) return { onPage: (p) => writeErr(`ocr: page ${p.page} read (${p.done}/${p.total})`), stop: () => undefined };
  let bar: cliProgress.SingleBar | null = null;
  return {
    onPage: (p) => {
      if (!bar) {
        bar = new cliProgress.SingleBar({ format: ' {bar} {value}/{total} pages read by OCR | page {page}', hideCursor: true, clearOnComplete: true, stream: process.stderr }, cliProgress.Presets.shades_classic);
        bar.start(p.total, 0, { page: p.page });
      }
      bar.update(p.done, { page: p.page });
    },
    stop: () => bar?.stop(),
  };
}
