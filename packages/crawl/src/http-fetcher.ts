import { createHash, randomBytes } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { detectChallengeInBytes, type ChallengeEvidence } from './challenge.ts';
import type { Politeness } from './portal-config.ts';
import { backoffDelay, parseRetryAfter, type HostScheduler } from './host-scheduler.ts';
import { isHostInScope, isPrivateAddress } from './network-scope.ts';
import { parseRobots, robotsBlocked, robotsForStatus, type RobotsRules } from './robots.ts';
import { canonicalUrl, hostOf } from './urls.ts';

/**
 * The crawler's only way out to the network. Every request is checked
 * against the source's scope (hosts, robots.txt, private addresses) before
 * it is sent, and again for every redirect; goes through the host scheduler
 * (one at a time per host, polite delays); retries 429/503 with Retry-After;
 * caps and streams bodies (files to disk, hashed on the way).
 */

export type SkipReason = 'out-of-scope' | 'private-address' | 'robots-disallowed' | 'too-many-redirects' | 'request-budget';
export type FailReason = 'http-error' | 'too-large' | 'timeout' | 'network' | 'retry-after-too-long' | 'truncated';

export interface Validators {
  readonly etag?: string | null | undefined;
  readonly lastModified?: string | null | undefined;
}

interface Common {
  /** The URL asked for. */
  readonly url: string;
  /** Where the answer came from, after redirects. */
  readonly finalUrl: string;
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
}

export type PageOutcome =
  | (Common & { readonly type: 'ok'; readonly body: Buffer; readonly etag: string | null; readonly lastModified: string | null })
  | (Common & { readonly type: 'not-modified' })
  | { readonly type: 'skipped'; readonly url: string; readonly reason: SkipReason; readonly detail: string }
  | { readonly type: 'failed'; readonly url: string; readonly reason: FailReason; readonly status: number | null; readonly detail: string }
  /** A WAF/JS challenge on a non-2xx answer (521 加速乐, 412 瑞数 …), or robots.txt of the host answered by one. */
  | { readonly type: 'blocked'; readonly url: string; readonly at: string; readonly status: number; readonly contentType: string | null; readonly evidence: ChallengeEvidence };

export type FileOutcome =
  | (Common & { readonly type: 'ok'; readonly path: string; readonly sha256: string; readonly byteSize: number; readonly etag: string | null; readonly lastModified: string | null })
  | Exclude<PageOutcome, { type: 'ok' }>;

export interface RequestEvent {
  readonly url: string;
  readonly host: string;
  readonly status: number | null;
  readonly attempt: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly error?: string;
}

export interface HttpFetcherOptions {
  readonly politeness: Politeness;
  readonly userAgent: string;
  readonly scopeHosts: readonly string[];
  readonly allowPrivateNetwork: boolean;
  readonly scheduler: HostScheduler;
  /** Where downloads are written before the sink takes them. */
  readonly tmpDir: string;
  readonly onRequest?: (e: RequestEvent) => void;
  /** Tells why a URL was not fetched (robots, scope, …). */
  readonly onSkip?: (url: string, reason: SkipReason, detail: string) => void;
  /** The source's `encoding` override, for reading challenge pages sent with an error status. */
  readonly encoding?: string | undefined;
  /** Name resolution (default: the system's, `dns.lookup`); every address it gives is judged before connecting. */
  readonly dnsLookup?: typeof dnsLookup;
}

/** How much of a non-2xx answer is read to see whether it is a challenge page. */
const ERROR_BODY_BYTES = 64 * 1024;

const MAX_REDIRECTS = 5;
const RETRY_STATUSES = new Set([429, 503]);

type HopResult =
  | { type: 'error'; err: Error }
  | { type: 'retry'; status: number; retryAfter: number | null }
  | { type: 'redirect'; location: string }
  | { type: 'done'; outcome: PageOutcome | FileOutcome };

class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';
}

/** A body that ended before it was whole: the download deadline cut it, or the connection closed early. */
class BodyTruncated extends Error {
  override readonly name = 'BodyTruncated';
}

type Refusal = { readonly reason: SkipReason; readonly detail: string };
type RobotsBlock = { readonly blocked: ChallengeEvidence; readonly at: string; readonly status: number; readonly contentType: string | null };

export class HttpFetcher {
  private readonly robots = new Map<string, Promise<RobotsRules>>();
  private requests = 0;

  constructor(private readonly opts: HttpFetcherOptions) {}

  get requestCount(): number {
    return this.requests;
  }

  /** An HTML/XML/JSON page, read into memory up to maxPageBytes. */
  fetchPage(url: string, validators?: Validators): Promise<PageOutcome> {
    return this.fetch(url, 'page', validators) as Promise<PageOutcome>;
  }

  /** A file, streamed to a temporary file and hashed; the caller removes `path`. */
  fetchFile(url: string, validators?: Validators): Promise<FileOutcome> {
    return this.fetch(url, 'file', validators) as Promise<FileOutcome>;
  }

  /** The robots.txt rules of a URL's host, read once per fetcher. */
  robotsFor(url: string): Promise<RobotsRules> {
    const u = new URL(url);
    const key = `${u.protocol}//${u.host}`;
    let rules = this.robots.get(key);
    if (!rules) {
      rules = this.loadRobots(`${key}/robots.txt`);
      this.robots.set(key, rules);
    }
    return rules;
  }

  private async loadRobots(robotsUrl: string): Promise<RobotsRules> {
    const res = await this.fetch(robotsUrl, 'robots');
    let rules: RobotsRules;
    if (res.type === 'ok' && 'body' in res) {
      // A challenge served as robots.txt with 200 is a block too, not an empty rule set.
      const challenge = detectChallengeInBytes({ status: res.status, setCookies: res.headers['set-cookie'] ?? [], body: res.body, contentType: firstHeader(res.headers['content-type']), override: this.opts.encoding });
      rules = challenge ? robotsBlocked(robotsUrl, res.status, firstHeader(res.headers['content-type']), challenge) : parseRobots(robotsUrl, res.body.toString('utf8'), this.opts.userAgent);
    } else if (res.type === 'blocked') rules = robotsBlocked(robotsUrl, res.status, res.contentType, res.evidence);
    else if (res.type === 'skipped' && res.reason === 'private-address') rules = { ...robotsForStatus(null), refused: { reason: 'private-address', detail: res.detail } };
    else if (res.type === 'failed' || res.type === 'skipped') rules = robotsForStatus(res.type === 'failed' ? res.status : null);
    else rules = robotsForStatus(404);
    this.opts.scheduler.setCrawlDelay(hostOf(robotsUrl), rules.crawlDelayMs);
    return rules;
  }

  /** Why a URL would not be fetched (scope, private address, robots.txt, budget), or null: for dry runs, which fetch no file. */
  async refusal(url: string): Promise<Refusal | null> {
    const r = await this.check(url, 'file');
    if (r && 'blocked' in r) return { reason: 'robots-disallowed', detail: `robots.txt of ${new URL(url).host} is a challenge page: ${r.blocked.evidence}` };
    return r;
  }

  private async check(url: string, kind: 'page' | 'file' | 'robots'): Promise<Refusal | RobotsBlock | null> {
    const u = new URL(url);
    if (!isHostInScope(u.host, this.opts.scopeHosts)) return { reason: 'out-of-scope', detail: `${u.host} is not among ${this.opts.scopeHosts.join(', ')}` };
    // An address literal in any spelling (the URL parser has already turned 2130706433, 0177.0.0.1 and 127.1 into 127.0.0.1).
    if (!this.opts.allowPrivateNetwork && isPrivateAddress(u.hostname)) {
      return { reason: 'private-address', detail: `${u.hostname} is a private address` };
    }
    if (kind !== 'robots') {
      const rules = await this.robotsFor(url);
      if (rules.challenge) return { blocked: rules.challenge.evidence, at: rules.challenge.at, status: rules.challenge.status, contentType: rules.challenge.contentType };
      if (rules.refused) return rules.refused;
      if (!rules.isAllowed(url)) return { reason: 'robots-disallowed', detail: `robots.txt of ${u.host} (${rules.origin}) disallows ${u.pathname}` };
    }
    if (this.requests >= this.opts.politeness.maxRequests) return { reason: 'request-budget', detail: `the crawl already made ${this.requests} requests` };
    return null;
  }

  private async fetch(url: string, kind: 'page' | 'file' | 'robots', validators?: Validators): Promise<PageOutcome | FileOutcome> {
    let current = url;
    for (let redirects = 0; ; redirects++) {
      const refusal = await this.check(current, kind);
      if (refusal && 'blocked' in refusal) return { type: 'blocked', url, at: refusal.at, status: refusal.status, contentType: refusal.contentType, evidence: refusal.blocked };
      if (refusal) {
        this.opts.onSkip?.(current, refusal.reason, refusal.detail);
        return { type: 'skipped', url, ...refusal };
      }
      const step = await this.withRetries(url, current, kind, redirects === 0 ? validators : undefined);
      if (step.type !== 'redirect') return step.outcome;
      if (redirects + 1 > MAX_REDIRECTS) {
        this.opts.onSkip?.(url, 'too-many-redirects', `more than ${MAX_REDIRECTS} redirects`);
        return { type: 'skipped', url, reason: 'too-many-redirects', detail: `more than ${MAX_REDIRECTS} redirects` };
      }
      current = step.location;
    }
  }

  /**
   * One hop, with retries on 429/503 and network errors. The host's slot is
   * held until the body is read, so the polite delay runs from the end of
   * the download.
   */
  private async withRetries(
    url: string,
    current: string,
    kind: 'page' | 'file' | 'robots',
    validators?: Validators,
  ): Promise<{ type: 'redirect'; location: string } | { type: 'done'; outcome: PageOutcome | FileOutcome }> {
    const p = this.opts.politeness;
    const host = hostOf(current);
    const policy = { minDelayMs: p.minDelayMs, jitter: p.jitter, concurrency: p.perHostConcurrency };
    for (let attempt = 0; ; attempt++) {
      this.requests++;
      let startedAt = 0;
      let status: number | null = null;
      let error: string | undefined;
      const step = await this.opts.scheduler.run(host, policy, async (): Promise<HopResult> => {
        startedAt = Date.now();
        // The whole exchange, body included, must end within bodyTimeoutMs; a body cut by it is never taken for whole.
        const deadline = AbortSignal.timeout(p.bodyTimeoutMs);
        let msg: IncomingMessage;
        try {
          msg = await this.send(current, deadline, validators);
        } catch (err) {
          error = (err as Error).message;
          return { type: 'error', err: err as Error };
        }
        status = msg.statusCode ?? 0;
        if (RETRY_STATUSES.has(status)) {
          msg.resume();
          return { type: 'retry', status, retryAfter: parseRetryAfter(header(msg, 'retry-after'), Date.now()) };
        }
        if (status >= 300 && status < 400 && status !== 304 && msg.headers.location) {
          msg.resume();
          const location = canonicalUrl(msg.headers.location, current);
          if (!location) return { type: 'done', outcome: { type: 'failed', url, reason: 'http-error', status, detail: `unusable redirect to ${msg.headers.location}` } };
          return { type: 'redirect', location };
        }
        return { type: 'done', outcome: await this.consume(msg, url, current, kind, deadline) };
      });
      this.opts.onRequest?.({ url: current, host, status, attempt, startedAt, finishedAt: Date.now(), ...(error ? { error } : {}) });
      if (step.type === 'redirect' || step.type === 'done') return step;
      if (step.type === 'error') {
        if ((step.err as { code?: string }).code === 'EPRIVATE') {
          // Permanent: retrying would only knock on the same refused address.
          this.opts.onSkip?.(url, 'private-address', step.err.message);
          return { type: 'done', outcome: { type: 'skipped', url, reason: 'private-address', detail: step.err.message } };
        }
        if (attempt >= p.maxRetries) return { type: 'done', outcome: { type: 'failed', url, reason: isTimeout(step.err) ? 'timeout' : 'network', status: null, detail: step.err.message } };
        this.opts.scheduler.defer(host, backoffDelay(attempt, p.minDelayMs, p.maxRetryAfterMs));
        continue;
      }
      if (step.retryAfter !== null && step.retryAfter > p.maxRetryAfterMs) {
        return { type: 'done', outcome: { type: 'failed', url, reason: 'retry-after-too-long', status: step.status, detail: `Retry-After ${Math.round(step.retryAfter / 1000)} s is over the ${p.maxRetryAfterMs / 1000} s limit` } };
      }
      if (attempt >= p.maxRetries) return { type: 'done', outcome: { type: 'failed', url, reason: 'http-error', status: step.status, detail: `HTTP ${step.status} after ${attempt + 1} attempts` } };
      this.opts.scheduler.defer(host, step.retryAfter ?? backoffDelay(attempt, p.minDelayMs, p.maxRetryAfterMs));
    }
  }

  private async consume(msg: IncomingMessage, url: string, finalUrl: string, kind: 'page' | 'file' | 'robots', deadline: AbortSignal): Promise<PageOutcome | FileOutcome> {
    const p = this.opts.politeness;
    const status = msg.statusCode ?? 0;
    const common = { url, finalUrl, status, headers: msg.headers };
    if (status === 304) {
      msg.resume();
      return { type: 'not-modified', ...common };
    }
    if (status < 200 || status >= 300) return this.consumeError(msg, url, finalUrl, status);
    const etag = header(msg, 'etag');
    const lastModified = header(msg, 'last-modified');
    try {
      if (kind === 'file') {
        const saved = await saveBody(msg, this.opts.tmpDir, p.maxFileBytes, deadline, p.bodyTimeoutMs);
        return { type: 'ok', ...common, ...saved, etag, lastModified };
      }
      const body = await readBody(msg, p.maxPageBytes);
      assertWhole(msg, deadline, body.length, p.bodyTimeoutMs);
      return { type: 'ok', ...common, body, etag, lastModified };
    } catch (err) {
      if (err instanceof BodyTooLarge) return { type: 'failed', url, reason: 'too-large', status, detail: err.message };
      if (err instanceof BodyTruncated || deadline.aborted) return { type: 'failed', url, reason: 'truncated', status, detail: err instanceof BodyTruncated ? err.message : `the body was cut: not whole within bodyTimeoutMs (${p.bodyTimeoutMs} ms)` };
      return { type: 'failed', url, reason: isTimeout(err) ? 'timeout' : 'network', status, detail: (err as Error).message };
    }
  }

  /**
   * A non-2xx answer: its first bytes are read (never more than
   * ERROR_BODY_BYTES) and go through challenge detection, because WAFs answer
   * with 521 (加速乐) or 412 (瑞数) and a cookie-setting script, not with 200.
   */
  private async consumeError(msg: IncomingMessage, url: string, finalUrl: string, status: number): Promise<PageOutcome> {
    const contentType = header(msg, 'content-type');
    const body = await readHead(msg, ERROR_BODY_BYTES);
    const evidence = detectChallengeInBytes({ status, setCookies: msg.headers['set-cookie'] ?? [], body, contentType, override: this.opts.encoding });
    if (evidence) return { type: 'blocked', url, at: finalUrl, status, contentType, evidence };
    return { type: 'failed', url, reason: 'http-error', status, detail: `HTTP ${status}` };
  }

  private send(url: string, deadline: AbortSignal, validators?: Validators): Promise<IncomingMessage> {
    const p = this.opts.politeness;
    const u = new URL(url);
    const headers: Record<string, string> = {
      'user-agent': this.opts.userAgent,
      accept: '*/*',
      'accept-encoding': 'gzip, deflate',
      'accept-language': 'zh-CN,zh;q=0.9',
    };
    if (validators?.etag) headers['if-none-match'] = validators.etag;
    if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
    const lib = u.protocol === 'https:' ? https : http;
    const allowPrivate = this.opts.allowPrivateNetwork;
    // The decision is made on the address that is connected to: an address literal is connected to as it is
    // (Node skips name resolution for it), a name through this lookup, whose every answer is judged.
    const literal = u.hostname.replace(/^\[|\]$/g, '');
    if (!allowPrivate && isIP(literal) && isPrivateAddress(literal)) {
      return Promise.reject(Object.assign(new Error(`${u.hostname} is a private address`), { code: 'EPRIVATE' }));
    }
    const resolve = this.opts.dnsLookup ?? dnsLookup;
    const lookup: LookupFunction = (hostname, options, callback) => {
      resolve(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
        if (err) return callback(err, '', 0);
        const bad = addresses.find((a) => isPrivateAddress(a.address));
        if (!allowPrivate && bad) return callback(Object.assign(new Error(`${hostname} resolves to private address ${bad.address}`), { code: 'EPRIVATE' }), '', 0);
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        const first = addresses[0];
        return first ? callback(null, first.address, first.family) : callback(new Error(`${hostname} has no address`), '', 0);
      });
    };
    return new Promise((done, reject) => {
      const req = lib.request(u, { method: 'GET', headers, lookup, timeout: p.requestTimeoutMs, signal: deadline }, done);
      req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${p.requestTimeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end();
    });
  }
}

function header(msg: IncomingMessage, name: string): string | null {
  return firstHeader(msg.headers[name]);
}

function firstHeader(v: string | string[] | undefined): string | null {
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/**
 * A body is whole only when the deadline did not cut it and the message
 * completed: a response without Content-Length ends when the connection
 * closes, so a body cut by the deadline otherwise looks complete.
 */
function assertWhole(msg: IncomingMessage, deadline: AbortSignal, bytes: number, bodyTimeoutMs: number): void {
  if (deadline.aborted) throw new BodyTruncated(`the body was cut after ${bytes} bytes: bodyTimeoutMs (${bodyTimeoutMs} ms) ran out${msg.headers['content-length'] === undefined ? ' (no Content-Length)' : ''}`);
  if (!msg.complete) throw new BodyTruncated(`the body was cut after ${bytes} bytes: the connection closed before the message was complete`);
}

/** At most `cap` bytes of a body, then the connection is dropped (an error page needs no more). */
async function readHead(msg: IncomingMessage, cap: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of decoded(msg)) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= cap) break;
    }
  } catch {
    // A broken error body still tells what it had so far.
  } finally {
    msg.destroy();
  }
  return Buffer.concat(chunks).subarray(0, cap);
}

function isTimeout(err: unknown): boolean {
  const e = err as { code?: string; name?: string };
  return e.code === 'ETIMEDOUT' || e.name === 'TimeoutError' || e.name === 'AbortError';
}

function decoded(msg: IncomingMessage): Readable {
  const enc = String(msg.headers['content-encoding'] ?? '').toLowerCase();
  if (enc === 'gzip' || enc === 'x-gzip') return msg.pipe(zlib.createGunzip());
  if (enc === 'deflate') return msg.pipe(zlib.createInflate());
  return msg;
}

async function readBody(msg: IncomingMessage, cap: number): Promise<Buffer> {
  const stream = decoded(msg);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > cap) {
      msg.destroy();
      throw new BodyTooLarge(`the page is over ${cap} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function saveBody(msg: IncomingMessage, dir: string, cap: number, deadline: AbortSignal, bodyTimeoutMs: number): Promise<{ path: string; sha256: string; byteSize: number }> {
  const declared = Number(msg.headers['content-length']);
  if (Number.isFinite(declared) && declared > cap) {
    msg.destroy();
    throw new BodyTooLarge(`Content-Length ${declared} is over the ${cap}-byte limit`);
  }
  const path = join(dir, `dl-${randomBytes(8).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > cap) return cb(new BodyTooLarge(`the file is over ${cap} bytes`));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(decoded(msg), meter, createWriteStream(path));
    assertWhole(msg, deadline, size, bodyTimeoutMs);
  } catch (err) {
    msg.destroy();
    await rm(path, { force: true });
    throw err;
  }
  return { path, sha256: hash.digest('hex'), byteSize: size };
}
