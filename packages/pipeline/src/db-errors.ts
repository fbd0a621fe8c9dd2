/**
 * Postgres SQLSTATE classes that say "this row cannot be stored", not "the
 * database is unwell": 22 data exception (bad encoding, value out of range),
 * 23 integrity constraint violation, 54 program limit exceeded (a jsonb too
 * large). Such an error belongs to the document in hand: it fails that
 * document with the cause and the run goes on. Anything else (connection
 * lost, server shutting down) is ours, and is thrown so it can be retried.
 */
const DATA_ERROR_CLASSES = ['22', '23', '54'];

/** The database's own message for an error that rejects the document's data, or null. */
export function rejectedDataCause(err: unknown): string | null {
  // drizzle wraps the driver's error ("Failed query: …") in `cause`: walk down to the one with a SQLSTATE.
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      return DATA_ERROR_CLASSES.includes(e.code.slice(0, 2)) ? `${String(e.message)} (SQLSTATE ${e.code})` : null;
    }
  }
  return null;
}
