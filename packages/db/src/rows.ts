/** The rows of a raw `db.execute(sql…)`: an array from PGlite, `{ rows }` from node-postgres. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
