import { timingSafeEqual } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isWildcardHost } from './listen-address.ts';

/**
 * Who may do what on the queue dashboard. Reading needs nothing on loopback
 * and the token anywhere else; every change (pause, resume, retry, promote,
 * clean, empty, obliterate: bull-board's PUT/PATCH/POST/DELETE routes) needs
 * the token. Every request must name, in its Host header, a name this
 * server really has: a web page whose own host name was re-pointed at
 * 127.0.0.1 (DNS rebinding) sends its own name and is refused.
 */
export interface DashboardAccess {
  readonly token: string;
  readonly loopback: boolean;
  /** Host names (lower case, no port) requests may carry. */
  readonly hosts: ReadonlySet<string>;
}

export const TOKEN_COOKIE = 'budget_ingest_dashboard';

/** The names a browser may use for this server: loopback names, plus, off loopback, the address given, the machine's name and addresses, and DASHBOARD_ALLOWED_HOSTS. */
export function dashboardHosts(listenHost: string, loopback: boolean, extra: readonly string[]): Set<string> {
  const hosts = new Set(['localhost', '127.0.0.1', '::1', ...extra.map((h) => h.toLowerCase())]);
  if (!loopback) {
    if (!isWildcardHost(listenHost)) hosts.add(listenHost.replace(/^\[(.*)\]$/, '$1').toLowerCase());
    hosts.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) hosts.add(a.address.toLowerCase());
  }
  return hosts;
}

/** The host name of a Host header, without its port ("[::1]:3000" → "::1"). */
export function hostOf(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(header) ?? /^([^:]+)(?::\d+)?$/.exec(header);
  return m ? m[1]!.toLowerCase() : null;
}

export function dashboardGuard(access: DashboardAccess): RequestHandler {
  const expected = Buffer.from(access.token, 'utf8');
  const matches = (presented: string | null) => {
    if (presented === null) return false;
    const b = Buffer.from(presented, 'utf8');
    return b.length === expected.length && timingSafeEqual(b, expected);
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const host = hostOf(req.headers.host);
    if (host === null || !access.hosts.has(host)) {
      res.status(403).type('text/plain').send(`host ${JSON.stringify(req.headers.host ?? '')} is not one of this dashboard's names (a guard against DNS rebinding); add it to DASHBOARD_ALLOWED_HOSTS if it is\n`);
      return;
    }
    const url = new URL(req.originalUrl, 'http://x');
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null) {
      if (!matches(queryToken)) {
        res.status(401).type('text/plain').send('wrong dashboard token\n');
        return;
      }
      // Kept in a cookie that only this site's own pages send, then out of the address bar and history.
      res.cookie(TOKEN_COOKIE, access.token, { httpOnly: true, sameSite: 'strict', path: '/' });
      url.searchParams.delete('token');
      res.redirect(303, `${url.pathname}${url.search}`);
      return;
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    const authorized = matches(bearer) || matches(cookieValue(req.headers.cookie, TOKEN_COOKIE));
    if (!access.loopback && !authorized) {
      res.status(401).type('text/plain').send('this dashboard needs its token: open it with ?token=… (printed by `dashboard`, or DASHBOARD_TOKEN), or send Authorization: Bearer …\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      if (!authorized) {
        res.status(403).json({ error: 'the dashboard is read-only without its token: open it with ?token=… (printed by `dashboard`, or DASHBOARD_TOKEN)' });
        return;
      }
      // A change must come from this dashboard's own pages (or a script with no Origin).
      const origin = req.headers.origin;
      if (origin !== undefined && hostOf(safeHost(origin)) !== host) {
        res.status(403).json({ error: 'a change must come from the dashboard itself (Origin does not match Host)' });
        return;
      }
    }
    next();
  };
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
