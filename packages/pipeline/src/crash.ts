import { inspect } from 'node:util';
import { sanitizeError } from '@budget-ingest/db/errors';

/**
 * Replaces Node's crash dump for an uncaught error: Node prints every
 * property of the error, and a node-postgres error carries its client, with
 * the connection's cancel key (secretKey) and password. This prints the
 * sanitized error instead (message, code, stack, causes) and exits 1.
 */
export function exitOnCrashSanitized(write: (text: string) => void = (t) => process.stderr.write(t)): void {
  const crash = (kind: string) => (err: unknown) => {
    write(`${kind}: ${inspect(sanitizeError(err), { depth: 6, breakLength: 120 })}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled rejection'));
}
