/** Per-document lines; on a terminal, with a progress bar kept under them. */
export interface Progress {
  /** A finished document's line (null: counted, not printed, as under --quiet). */
  line(text: string | null): void;
  /** The document now being read: the bar shows how many are done and its name. */
  working(label: string): void;
  stop(): void;
}

export interface ProgressOutput {
  readonly write: (line: string) => void;
  /** The bar under the lines (the screen's); absent or no-op when stdout is not a terminal. */
  readonly bar?: (text: string | null) => void;
}

const WIDTH = 24;

export function createProgress(total: number, tty: boolean, out: ProgressOutput): Progress {
  const bar = out.bar;
  if (!tty || total < 2 || !bar) return { line: (text) => text !== null && out.write(text), working: () => undefined, stop: () => undefined };
  let done = 0;
  let label = '';
  const render = () => {
    const filled = Math.round((done / total) * WIDTH);
    return `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)} ${done}/${total} documents${label ? ` | ${label}` : ''}`;
  };
  bar(render());
  return {
    line: (text) => {
      done++;
      if (text !== null) out.write(text);
      bar(render());
    },
    working: (l) => {
      label = l;
      bar(render());
    },
    stop: () => bar(null),
  };
}

/**
 * `--progress` for one file's OCR pages: the screen's bar on a terminal, else
 * one line per page read (on stderr, so stdout stays the command's output).
 */
export function createPageProgress(bar: ((text: string | null) => void) | undefined, writeErr: (line: string) => void): { onPage: (p: { done: number; total: number; page: number }) => void; stop: () => void } {
  if (!bar) return { onPage: (p) => writeErr(`ocr: page ${p.page} read (${p.done}/${p.total})`), stop: () => undefined };
  return {
    onPage: (p) => {
      const filled = Math.round((p.done / Math.max(1, p.total)) * WIDTH);
      bar(`${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)} ${p.done}/${p.total} pages read by OCR | page ${p.page}`);
    },
    stop: () => bar(null),
  };
}
