import { randomBytes } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express from 'express';
import { assertQueueMode } from '@budget-ingest/config';
import { createQueues, createRedis } from '@budget-ingest/pipeline';
import { openContext, type GlobalOptions, type Runtime } from '../context.ts';
import { dashboardGuard, dashboardHosts } from '../dashboard-access.ts';
import { beyondLoopbackWarning, isLoopbackHost } from '../listen-address.ts';

export interface DashboardOptions extends GlobalOptions {
  readonly port: string;
  readonly host: string;
  /** Resolves when the server should stop (tests); SIGINT/SIGTERM otherwise. */
  readonly until?: Promise<void>;
  /** Called once the server listens (tests), with its port and token. */
  readonly onListening?: (port: number, token: string) => void;
}

/**
 * `dashboard`: bull-board over the pipeline's queues, on localhost by
 * default. Read-only without its token (dashboard-access.ts); off loopback,
 * nothing without it.
 */
export async function dashboardCommand(rt: Runtime, opts: DashboardOptions): Promise<number> {
  const ctx = openContext(rt, opts);
  const { redisUrl } = assertQueueMode(ctx.config);
  const loopback = isLoopbackHost(opts.host);
  const token = ctx.config.dashboard.token ?? randomBytes(24).toString('base64url');
  if (!loopback) rt.stderr(beyondLoopbackWarning('dashboard', opts.host));
  const redis = createRedis(redisUrl, 'producer');
  const queues = createQueues(redis, ctx.config.queuePrefix);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath('/');
  createBullBoard({ queues: [queues.fetch, queues.extract, queues.parse].map((q) => new BullMQAdapter(q)), serverAdapter });
  const app = express();
  app.disable('x-powered-by');
  app.use(dashboardGuard({ token, loopback, hosts: dashboardHosts(opts.host, loopback, ctx.config.dashboard.allowedHosts) }));
  app.use('/', serverAdapter.getRouter());
  const server = app.listen(Number(opts.port), opts.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : Number(opts.port);
  const base = `http://${opts.host.includes(':') && !opts.host.startsWith('[') ? `[${opts.host}]` : opts.host}:${port}/`;
  rt.stdout(loopback ? `queue dashboard on ${base} (read-only; Ctrl-C stops it)` : `queue dashboard on ${base} (its token is needed to see it; Ctrl-C stops it)`);
  rt.stdout(`with the token, changes too (pause, retry, clean, empty): ${base}?token=${token}${ctx.config.dashboard.token ? '' : ' (generated for this run; set DASHBOARD_TOKEN to choose one)'}`);
  opts.onListening?.(port, token);
  await (opts.until ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await queues.close();
  redis.disconnect();
  return 0;
}
