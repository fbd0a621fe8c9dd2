import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { prettyFactory } from 'pino-pretty';

export type { Logger };

export interface LoggerSettings {
  readonly level: string;
  /** 'auto' is pretty when stderr is a terminal, JSON otherwise. */
  readonly format: 'json' | 'pretty' | 'auto';
  readonly name?: string;
  /**
   * Where each log line goes instead of stderr, written synchronously (the CLI's screen, which keeps
   * its progress bar under the lines). With a sink, pretty logs are one line each.
   */
  readonly sink?: (line: string) => void;
  /** Whether a sink is a terminal (for 'auto'), and whether it may get colours (NO_COLOR unset). */
  readonly sinkIsTty?: boolean;
  readonly colorize?: boolean;
}

/**
 * Logs go to stderr so that commands whose stdout is data (export, extract,
 * parse-number) stay pipeable.
 */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = { level: settings.level, base: settings.name ? { service: settings.name } : {} };
  if (settings.sink) {
    const sink = settings.sink;
    const pretty = settings.format === 'pretty' || (settings.format === 'auto' && settings.sinkIsTty === true);
    // On a terminal: one short line, without the ids and counters a person does not read (JSON logs keep them).
    const toLine = pretty ? prettyFactory({ colorize: settings.colorize === true, singleLine: true, errorLikeObjectKeys: [], ignore: 'pid,hostname,service,documentId,sha256,pages,reports,warnings', translateTime: 'HH:MM:ss' }) : (s: string) => s;
    const stream: DestinationStream = { write: (json: string) => sink(toLine(json).replace(/\n+$/, '')) };
    return pino(options, stream);
  }
  const pretty = settings.format === 'pretty' || (settings.format === 'auto' && process.stderr.isTTY === true);
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 2, colorize: settings.colorize ?? true, ignore: 'pid,hostname' } } });
  }
  return pino(options, pino.destination({ dest: 2, sync: true }));
}

/** A logger that drops everything, for tests and library callers that pass none. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** A JSON logger writing each line to `stream` (tests read what a service logged). */
export function streamLogger(level: string, stream: { write(line: string): void }): Logger {
  return pino({ level }, stream);
}
