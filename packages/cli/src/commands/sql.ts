import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { announceServedDatabase, embeddedDatabaseDir, redact } from '@budget-ingest/db';
import { startSqlServer } from '@budget-ingest/sql-server';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';
import { beyondLoopbackWarning, isLoopbackHost, isWildcardHost, localAddressFor } from '../listen-address.ts';

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
 * (@budget-ingest/sql-server), so psql and BI tools work on the zero-setup
 * default too. While it runs it is the database's one owner: other commands
 * on the same data dir find it (budget-ingest.server.json beside the lock)
 * and go through it. With DATABASE_URL there is nothing to serve: it prints
 * the psql command.
 */
export async function sqlCommand(rt: Runtime, opts: SqlOptions): Promise<number> {
  const ctx = await openDbContext(rt, opts);
  const pglite = ctx.handle.pglite;
  if (!pglite) {
    const already = ctx.config.databaseUrl === null;
    rt.stdout(already ? `the embedded database is served already: ${ctx.handle.location}` : `the database is a Postgres server already: psql "${redact(ctx.config.databaseUrl ?? '')}"`);
    await ctx.close();
    return already ? 1 : 0;
  }
  const loopback = isLoopbackHost(opts.host);
  // Off loopback a password is never optional: the one set, or one made for this run.
  const password = ctx.config.sql.password ?? (loopback ? null : randomBytes(18).toString('base64url'));
  if (!loopback) rt.stderr(beyondLoopbackWarning('sql', opts.host));
  let server;
  try {
    server = await startSqlServer({
      db: pglite,
      host: opts.host,
      port: Number(opts.port),
      password,
      idleInTransactionTimeoutMs: ctx.config.sql.idleInTransactionTimeoutMs,
      maxConnections: ctx.config.sql.maxConnections,
      onClose: (c) => ctx.logger.debug({ connection: c.id, remote: c.remote, reason: c.reason }, 'sql connection closed'),
    });
  } catch (err) {
    await ctx.close();
    throw err;
  }
  const unannounce = announceServedDatabase(embeddedDatabaseDir(ctx.config.dataDir), { host: localAddressFor(opts.host), port: server.port, password });
  const shownHost = isWildcardHost(opts.host) ? hostname() : opts.host.includes(':') && !opts.host.startsWith('[') ? `[${opts.host}]` : opts.host;
  const url = `postgresql://postgres${password ? `:${encodeURIComponent(password)}` : ''}@${shownHost}:${server.port}/postgres?sslmode=disable`;
  rt.stdout(`embedded database ${ctx.handle.location} is served on ${opts.host}:${server.port}; connect with:`);
  rt.stdout(`  psql "${url}"`);
  if (password && !ctx.config.sql.password) rt.stdout('(the password was generated for this run; set SQL_PASSWORD to choose one)');
  rt.stdout(
    `other budget-ingest commands on this data dir (status, export, ingest …) go through this server while it runs; clients take turns one transaction at a time, and one idle for ${ctx.config.sql.idleInTransactionTimeoutMs / 1000} s inside a transaction is disconnected (SQL_IDLE_IN_TRANSACTION_TIMEOUT_MS). Ctrl-C stops it.`,
  );
  opts.onListening?.(url);
  await (opts.until ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }));
  unannounce();
  await server.stop();
  await ctx.close();
  return 0;
}
