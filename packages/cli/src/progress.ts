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
