import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { redact } from '@budget-ingest/db';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';

export interface SqlOptions extends GlobalOptions {
  readonly port: string;
  readonly host: string;
  /** Resolves when the server should stop (tests); SIGINT/SIGTERM otherwise. */
  readonly until?: Promise<void>;
  /** Called once the server listens (tests). */
  readonly onListening?: (url: string) => void;
}

/**
 * `sql`: the embedded database over the Postgres wire protocol
 * (pglite-socket), so psql and BI tools work on the zero-setup default too.
 * With DATABASE_URL there is nothing to serve: it prints the psql command.
 */
export async function sqlCommand(rt: Runtime, opts: SqlOptions): Promise<number> {
  const ctx = await openDbContext(rt, opts);
  if (!ctx.handle.pglite) {
    rt.stdout(`the database is a Postgres server already: psql "${redact(ctx.config.databaseUrl ?? '')}"`);
    await ctx.close();
    return 0;
  }
  const port = Number(opts.port);
  const server = new PGLiteSocketServer({ db: ctx.handle.pglite, host: opts.host, port, maxConnections: 8 });
  await server.start();
  const url = `postgresql://postgres@${opts.host}:${port}/postgres?sslmode=disable`;
  rt.stdout(`embedded database ${ctx.handle.location} is served on ${opts.host}:${port}; connect with:`);
  rt.stdout(`  psql "${url}"`);
  rt.stdout('(one process at a time may open the data dir: stop this with Ctrl-C before running other commands on it)');
  opts.onListening?.(url);
  await (opts.until ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }));
  await server.stop();
  await ctx.close();
  return 0;
}
