import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express from 'express';
import { assertQueueMode } from '@budget-ingest/config';
import { createQueues, createRedis } from '@budget-ingest/pipeline';
import { openContext, type GlobalOptions, type Runtime } from '../context.ts';

/** `dashboard`: bull-board over the pipeline's queues, on localhost by default. */
export async function dashboardCommand(rt: Runtime, opts: GlobalOptions & { port: string; host: string }): Promise<number> {
  const ctx = openContext(rt, opts);
  const { redisUrl } = assertQueueMode(ctx.config);
  const redis = createRedis(redisUrl, 'producer');
  const queues = createQueues(redis, ctx.config.queuePrefix);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath('/');
  createBullBoard({ queues: [queues.fetch, queues.extract, queues.parse].map((q) => new BullMQAdapter(q)), serverAdapter });
  const app = express();
  app.use('/', serverAdapter.getRouter());
  const port = Number(opts.port);
  const server = app.listen(port, opts.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  rt.stdout(`queue dashboard on http://${opts.host}:${port}/ (Ctrl-C stops it)`);
  return new Promise<number>((resolve) => {
    const stop = () => {
      server.close();
      void queues.close().then(() => {
        redis.disconnect();
        resolve(0);
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
