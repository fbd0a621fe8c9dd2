import { spawn } from 'node:child_process';
import { userInfo } from 'node:os';
import { eq } from 'drizzle-orm';
import { blobKey } from '@budget-ingest/blob-store';
import { documents, sanitizeError } from '@budget-ingest/db';
import { generateToken, isLoopback, parseTokens, startReviewServer, Trust, type ReviewServer } from '@budget-ingest/review';
import { openCliRunner } from '../cli-runner.ts';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';

export interface ReviewOptions extends GlobalOptions {
  readonly port: string;
  readonly host: string;
  readonly open?: boolean;
  readonly readOnlyPublic?: boolean;
  /** Resolves when the server should stop (tests); SIGINT/SIGTERM otherwise. */
  readonly until?: Promise<void>;
  /** Called once the server listens (tests). */
  readonly onListening?: (server: ReviewServer) => void;
}

/**
 * `review`: the review and browsing app on the same database as every other command (embedded or
 * DATABASE_URL; no Redis needed). Writing needs a token: REVIEW_TOKEN (`label:secret`), or one made
 * now and printed. On the embedded database it holds the data dir while it runs, like `sql`.
 */
export async function reviewCommand(rt: Runtime, opts: ReviewOptions): Promise<number> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    rt.stderr(`budget-ingest review: --port ${opts.port} is not a port number`);
    return 2;
  }
  const ctx = await openDbContext(rt, opts);
  const tokens = ctx.config.reviewToken ? parseTokens(ctx.config.reviewToken) : [generateToken(userInfo().username || 'reviewer')];
  const loopback = isLoopback(opts.host);
  const trust = new Trust(tokens, loopback || opts.readOnlyPublic === true);
  let server: ReviewServer;
  try {
    server = await startReviewServer(
      {
        db: ctx.handle.db,
        trust,
        loopbackOnly: loopback,
        onError: (err, path) => ctx.logger.error({ err: sanitizeError(err), path }, 'review request failed'),
        readOriginal: (doc) => ctx.deps.blobs.get(doc.blobKey ?? blobKey(doc.sha256)),
        retry: async (documentId) => {
          const doc = (await ctx.handle.db.select({ documentId: documents.id, fileName: documents.fileName, sha256: documents.sha256 }).from(documents).where(eq(documents.id, documentId)))[0];
          if (!doc) return { status: 'no such document' };
          const runner = await openCliRunner(rt, ctx);
          try {
            const started = await runner.rerun(doc, 'extract');
            return { status: started.result?.status ?? 'queued' };
          } finally {
            await runner.close();
          }
        },
      },
      opts.host,
      port,
    );
  } catch (err) {
    await ctx.close();
    rt.stderr(`budget-ingest review: cannot listen on ${opts.host}:${port} (${(err as Error).message})`);
    return 1;
  }
  rt.stdout(`review app on ${ctx.handle.location}: ${server.url}/`);
  if (ctx.config.reviewToken) rt.stdout(`writing: log in with a REVIEW_TOKEN secret (reviewers: ${tokens.map((t) => t.label).join(', ')})`);
  else rt.stdout(`writing: log in at ${server.url}/login with this token (reviewer ${tokens[0]!.label}; set REVIEW_TOKEN=name:secret to choose): ${tokens[0]!.secret}`);
  rt.stdout(loopback || opts.readOnlyPublic ? 'reading: open to anyone who reaches this address' : 'reading: needs the token too on this address (--read-only-public opens it)');
  if (ctx.handle.kind === 'pglite') rt.stdout('(one process at a time may open the data dir: stop this with Ctrl-C before running other commands on it)');
  if (opts.open) openBrowser(`${server.url}/login#token=${encodeURIComponent(tokens[0]!.secret)}`);
  opts.onListening?.(server);
  await (opts.until ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }));
  await server.close();
  await ctx.close();
  return 0;
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}
