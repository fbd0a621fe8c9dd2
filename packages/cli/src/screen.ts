import { displayWidth } from './format.ts';
import { toTerminalText } from './terminal-text.ts';

/**
 * The terminal as the CLI shares it between its lines (stdout), its messages
 * and logs (stderr) and one progress bar kept under them. Every line goes
 * through here, so a bar is cleared before a line is written and drawn again
 * after it: nothing is printed into the middle of the bar, and no line is
 * left waiting in a buffer when the run ends.
 */
export interface Screen {
  out(line: string): void;
  err(line: string): void;
  /** Shows (or replaces) the bar under the lines; null removes it. Ignored unless stdout is a terminal. */
  bar(text: string | null): void;
}

interface Stream {
  write(s: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

const CLEAR_LINE = '\r\x1b[2K';

export function createScreen(stdout: Stream, stderr: Stream): Screen {
  let shown: string | null = null;
  const tty = stdout.isTTY === true;
  const clear = () => {
    if (shown !== null) stdout.write(CLEAR_LINE);
  };
  const draw = () => {
    if (shown !== null) stdout.write(fitWidth(shown, (stdout.columns || 80) - 1));
  };
  return {
    out(line) {
      clear();
      // On a terminal, what we print to stdout is never an escape sequence a document planted (logs' colours go to stderr).
      stdout.write(`${tty ? toTerminalText(line) : line}\n`);
      draw();
    },
    err(line) {
      clear();
      // Messages and logs: their colours stay, anything else a name or a document planted goes.
      stderr.write(`${stderr.isTTY === true ? toTerminalText(line, { keepColours: true }) : line}\n`);
      draw();
    },
    bar(text) {
      if (!tty) return;
      clear();
      shown = text;
      draw();
    },
  };
}

/** Cuts a line to the terminal's width (CJK characters take two columns), so the bar never wraps. */
export function fitWidth(s: string, columns: number): string {
  if (displayWidth(s) <= columns) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > columns - 1) break;
    out += ch;
  }
  return `${out}…`;
}
