import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

export interface LoggerSettings {
  readonly level: string;
  /** 'auto' is pretty when stderr is a terminal, JSON otherwise. */
  readonly format: 'json' | 'pretty' | 'auto';
  readonly name?: string;
}

/**
 * Logs go to stderr so that commands whose stdout is data (export, extract,
 * parse-number) stay pipeable.
 */
export function createLogger(settings: LoggerSettings): Logger {
  const pretty = settings.format === 'pretty' || (settings.format === 'auto' && process.stderr.isTTY === true);
  const options: LoggerOptions = { level: settings.level, base: settings.name ? { service: settings.name } : {} };
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, ignore: 'pid,hostname' } } });
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
