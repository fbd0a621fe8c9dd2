import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createReviewApp, type ReviewDeps } from './app.ts';

export interface ReviewServer {
  /** `http://host:port`, the port the system gave when 0 was asked. */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the review app on host:port (port 0: any free port). */
export async function startReviewServer(deps: ReviewDeps, host: string, port: number): Promise<ReviewServer> {
  const app = createReviewApp(deps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Browsers keep connections open; closing them lets the process end at once.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
