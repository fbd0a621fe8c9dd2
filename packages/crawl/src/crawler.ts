import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Db } from '@budget-ingest/db';
import { silentLogger, type Logger } from '@budget-ingest/logger';
import { toText } from './charset.ts';
import { detectChallenge, type ChallengeEvidence } from './challenge.ts';
import { cleanFileName, fileNameFromUrl, parseContentDispositionFileName } from './content-disposition.ts';
import { finishRun, getFetchedUrl, recordFetch, startRun, upsertSource, type FetchStatus, type RunCounts } from './crawl-state.ts';
import { filterEntry } from './entry-filter.ts';
import type { FileSink } from './file-sink.ts';
import { HostScheduler } from './host-scheduler.ts';
import { HttpFetcher, type RequestEvent, type SkipReason } from './http-fetcher.ts';
import { extractAttachments, extractEntries, type ListEntry } from './links.ts';
import { hanwebNextWindows, hanwebProxyUrl, parseHanwebXml, parseHtmlList, parseJsonList, parseTrsPagination, queryPageUrl, trsPageUrls } from './list-pages.ts';
import type { PortalConfig } from './portal-config.ts';
import { canonicalUrl, isFileUrl } from './urls.ts';

/** What a crawl needs; built once by the CLI or the fetcher's main. */
export interface CrawlDeps {
  readonly db: Db;
  readonly sink: FileSink;
  readonly logger?: Logger;
  /** Shared by concurrent crawls in one process, so per-host limits hold across sources. */
  readonly scheduler?: HostScheduler;
  /** Parent directory for downloads in progress (default: the OS temp dir). */
  readonly tmpDir?: string;
  readonly onProgress?: (e: CrawlProgress) => void;
}

export interface CrawlOptions {
  /** Ignore stored ETag/Last-Modified and read every page and file again. */
  readonly full?: boolean;
}

export type PageRole = 'list' | 'detail';

export type CrawlProgress =
  | { readonly type: 'page'; readonly source: string; readonly role: PageRole; readonly url: string; readonly status: FetchStatus; readonly httpStatus: number | null; readonly entries: number; readonly files: number; readonly detail?: string }
  | { readonly type: 'file'; readonly source: string; readonly url: string; readonly status: FetchStatus; readonly httpStatus: number | null; readonly isNew: boolean; readonly fileName: string | null; readonly documentId: number | null; readonly detail?: string }
  | { readonly type: 'skip'; readonly source: string; readonly url: string; readonly reason: SkipReason | 'filtered' | 'depth'; readonly detail: string }
  | { readonly type: 'request'; readonly source: string; readonly event: RequestEvent };

export interface CrawlSummary extends RunCounts {
  readonly source: string;
  readonly sourceId: number;
  readonly runId: number;
  readonly status: 'succeeded' | 'failed' | 'blocked';
  readonly skipped: number;
  readonly requests: number;
  readonly durationMs: number;
  readonly blockedEvidence: string | null;
  readonly message: string | null;
}

class BlockedError extends Error {
  override readonly name = 'BlockedError';
  constructor(
    readonly url: string,
    readonly evidence: ChallengeEvidence,
  ) {
    super(`blocked at ${url}: ${evidence.evidence}`);
  }
}

interface Counters {
  pagesFetched: number;
  newFiles: number;
  unchanged: number;
  errors: number;
  blocked: number;
  skipped: number;
}

/**
 * One crawl of one portal: list pages → entries (filtered) → detail pages →
 * attachments → sink. A page's validators are stored only when everything
 * below it was handled, so a later 304 on it safely means "nothing new
 * below"; the first page of each list is always read in full, because that
 * is where new entries appear.
 */
export async function crawlSource(deps: CrawlDeps, portal: PortalConfig, opts: CrawlOptions = {}): Promise<CrawlSummary> {
  const log = (deps.logger ?? silentLogger()).child({ source: portal.name });
  const started = Date.now();
  const sourceId = await upsertSource(deps.db, portal);
  const runId = await startRun(deps.db, sourceId);
  const tmp = await mkdtemp(join(deps.tmpDir ?? tmpdir(), 'budget-crawl-'));
  const c: Counters = { pagesFetched: 0, newFiles: 0, unchanged: 0, errors: 0, blocked: 0, skipped: 0 };
  const emit = (e: CrawlProgress) => deps.onProgress?.(e);
  const fetcher = new HttpFetcher({
    politeness: portal.politeness,
    userAgent: portal.userAgent,
    scopeHosts: portal.scopeHosts,
    allowPrivateNetwork: portal.allowPrivateNetwork,
    scheduler: deps.scheduler ?? new HostScheduler(),
    tmpDir: tmp,
    onRequest: (event) => {
      log.debug({ url: event.url, status: event.status, attempt: event.attempt, ms: event.finishedAt - event.startedAt, error: event.error }, 'request');
      emit({ type: 'request', source: portal.name, event });
    },
  });
  const ctx: Ctx = { deps, portal, opts, sourceId, fetcher, c, log, emit, seenPages: new Set(), seenFiles: new Set(), seenEntries: new Set() };

  let status: CrawlSummary['status'] = 'succeeded';
  let message: string | null = null;
  let blockedEvidence: string | null = null;
  try {
    for (const seed of portal.seeds) await crawlList(ctx, seed);
    if (c.errors > 0) message = `${c.errors} error(s); see fetched_urls where status = 'failed'`;
  } catch (err) {
    if (err instanceof BlockedError) {
      status = 'blocked';
      blockedEvidence = `${err.url}: ${err.evidence.kind}: ${err.evidence.evidence}`;
      message = `blocked by a challenge page, crawl stopped: ${blockedEvidence}`;
      log.warn({ url: err.url, evidence: err.evidence }, 'blocked by a challenge page; source crawl stopped');
    } else {
      status = 'failed';
      message = (err as Error).message;
      log.error({ err }, 'crawl failed');
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const durationMs = Date.now() - started;
  const counts: RunCounts = { pagesFetched: c.pagesFetched, newFiles: c.newFiles, unchanged: c.unchanged, errors: c.errors, blocked: c.blocked };
  await finishRun(deps.db, runId, status, counts, durationMs, message);
  log.info({ runId, status, ...counts, skipped: c.skipped, requests: fetcher.requestCount, durationMs }, 'crawl finished');
  return { source: portal.name, sourceId, runId, status, ...counts, skipped: c.skipped, requests: fetcher.requestCount, durationMs, blockedEvidence, message };
}

interface Ctx {
  readonly deps: CrawlDeps;
  readonly portal: PortalConfig;
  readonly opts: CrawlOptions;
  readonly sourceId: number;
  readonly fetcher: HttpFetcher;
  readonly c: Counters;
  readonly log: Logger;
  readonly emit: (e: CrawlProgress) => void;
  readonly seenPages: Set<string>;
  readonly seenFiles: Set<string>;
  readonly seenEntries: Set<string>;
}

interface FetchedPage {
  readonly url: string;
  readonly finalUrl: string;
  readonly text: string;
  readonly httpStatus: number;
  readonly contentType: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
}

/** A page fetched, not modified (null text), or failed/skipped (undefined). */
type PageVisit = { readonly kind: 'fetched'; readonly page: FetchedPage } | { readonly kind: 'unchanged' } | { readonly kind: 'gone' };

async function crawlList(ctx: Ctx, seed: string): Promise<void> {
  const { portal } = ctx;
  const list = portal.list;
  switch (list.type) {
    case 'trs': {
      const first = await visitList(ctx, seed, false, (page) => parseHtmlList(page.text, page.finalUrl, list).entries);
      if (first.kind !== 'fetched') return;
      const pagination = parseTrsPagination(first.page.text);
      if (!pagination) ctx.log.info({ url: seed }, 'no createPageHTML call: the list has one page');
      for (const url of pagination ? trsPageUrls(first.page.finalUrl, pagination, portal.maxPages) : []) {
        await visitList(ctx, url, true, (page) => parseHtmlList(page.text, page.finalUrl, list).entries);
      }
      return;
    }
    case 'hanweb': {
      const batch = list.perPage * list.pagesPerRequest;
      let total: number | null = null;
      const parse = (page: FetchedPage) => {
        const r = parseHanwebXml(page.text, seed, list);
        total ??= r.totalRecords;
        for (const w of r.warnings) ctx.log.warn({ url: page.url, code: w.code }, w.message);
        return r.entries;
      };
      const first = await visitList(ctx, hanwebProxyUrl(seed, list, 1, Math.min(batch, portal.maxPages * list.perPage)), false, parse);
      if (first.kind !== 'fetched') return;
      for (const [start, end] of hanwebNextWindows(list, total ?? 0, portal.maxPages)) {
        await visitList(ctx, hanwebProxyUrl(seed, list, start, end), true, parse);
      }
      return;
    }
    case 'query':
    case 'json': {
      let totalPages: number | null = null;
      const parse = (page: FetchedPage): readonly ListEntry[] => {
        if (list.type === 'query') return parseHtmlList(page.text, page.finalUrl, list).entries;
        const r = parseJsonList(page.text, page.finalUrl, list);
        totalPages ??= r.totalPages;
        for (const w of r.warnings) ctx.log.warn({ url: page.url, code: w.code }, w.message);
        return r.entries;
      };
      for (let i = 0; i < portal.maxPages; i++) {
        if (totalPages !== null && i >= totalPages) break;
        const url = queryPageUrl(seed, list.pageParam, list.firstPage + i);
        const visit = await visitList(ctx, url, i > 0, parse);
        // An empty page, or one that only repeats earlier entries (sites that clamp ?page=), ends the list.
        if (visit.kind === 'gone') break;
        if (visit.kind === 'fetched' && visit.newEntries === 0) break;
      }
      return;
    }
  }
}

/** A list page and everything below it. */
async function visitList(ctx: Ctx, url: string, conditional: boolean, parse: (p: FetchedPage) => readonly ListEntry[]): Promise<PageVisit & { newEntries?: number }> {
  const visit = await visitPage(ctx, url, 'list', conditional);
  if (visit.kind !== 'fetched') return visit;
  const entries = parse(visit.page);
  const newEntries = entries.filter((e) => !ctx.seenEntries.has(e.url)).length;
  for (const e of entries) ctx.seenEntries.add(e.url);
  let complete = true;
  let files = 0;
  for (const entry of entries) {
    const verdict = filterEntry(entry, ctx.portal.filter);
    if (!verdict.keep) {
      skip(ctx, entry.url, 'filtered', `${verdict.reason}: ${verdict.detail} ("${entry.title}")`);
      continue;
    }
    if (isFileUrl(entry.url, ctx.portal.attachments.extensions)) {
      files++;
      complete = (await visitFile(ctx, entry.url, entry.title)) && complete;
    } else if (ctx.portal.maxDepth >= 1) {
      complete = (await visitDetail(ctx, entry.url, entry.title, 1)) && complete;
    } else {
      skip(ctx, entry.url, 'depth', `maxDepth is ${ctx.portal.maxDepth}`);
    }
  }
  ctx.emit({ type: 'page', source: ctx.portal.name, role: 'list', url, status: 'fetched', httpStatus: visit.page.httpStatus, entries: entries.length, files });
  // An empty list page is where a ?page= list ends; keeping no validators makes the next crawl read it again.
  await recordPage(ctx, visit.page, complete && entries.length > 0);
  return { ...visit, newEntries };
}

async function visitDetail(ctx: Ctx, url: string, title: string, depth: number): Promise<boolean> {
  const visit = await visitPage(ctx, url, 'detail', true);
  if (visit.kind === 'unchanged') return true;
  if (visit.kind === 'gone') return false;
  const { page } = visit;
  const { attachments: a } = ctx.portal;
  const links = extractAttachments(page.text, page.finalUrl, a.selector, a.extensions);
  let complete = true;
  for (const link of links) complete = (await visitFile(ctx, link.url, link.text || title)) && complete;
  if (depth < ctx.portal.maxDepth) {
    for (const sub of extractEntries(page.text, page.finalUrl, { itemSelector: 'li', entrySelector: a.selector })) {
      if (isFileUrl(sub.url, a.extensions) || ctx.seenPages.has(sub.url) || !filterEntry(sub, ctx.portal.filter).keep) continue;
      if (!ctx.portal.scopeHosts.includes(new URL(sub.url).host)) continue;
      complete = (await visitDetail(ctx, sub.url, sub.title, depth + 1)) && complete;
    }
  }
  ctx.emit({ type: 'page', source: ctx.portal.name, role: 'detail', url, status: 'fetched', httpStatus: page.httpStatus, entries: 0, files: links.length });
  await recordPage(ctx, page, complete);
  return complete;
}

/** Fetches a page (conditionally when asked), records failures and skips, and stops the crawl on a challenge. */
async function visitPage(ctx: Ctx, rawUrl: string, role: PageRole, conditional: boolean): Promise<PageVisit> {
  const url = canonicalUrl(rawUrl) ?? rawUrl;
  if (ctx.seenPages.has(url)) return { kind: 'unchanged' };
  ctx.seenPages.add(url);
  const prior = conditional && !ctx.opts.full ? await getFetchedUrl(ctx.deps.db, url) : null;
  const validators = prior?.status === 'fetched' || prior?.status === 'not_modified' ? { etag: prior.etag, lastModified: prior.lastModified } : undefined;
  const res = await ctx.fetcher.fetchPage(url, validators);
  const name = ctx.portal.name;
  switch (res.type) {
    case 'not-modified':
      ctx.c.unchanged++;
      await recordFetch(ctx.deps.db, { sourceId: ctx.sourceId, url, status: 'not_modified', httpStatus: 304 });
      ctx.emit({ type: 'page', source: name, role, url, status: 'not_modified', httpStatus: 304, entries: 0, files: 0 });
      return { kind: 'unchanged' };
    case 'skipped':
      skip(ctx, url, res.reason, res.detail);
      await recordFetch(ctx.deps.db, { sourceId: ctx.sourceId, url, status: 'skipped', error: `${res.reason}: ${res.detail}` });
      return { kind: 'unchanged' };
    case 'failed':
      ctx.c.errors++;
      ctx.log.warn({ url, reason: res.reason, status: res.status, detail: res.detail }, 'page failed');
      await recordFetch(ctx.deps.db, { sourceId: ctx.sourceId, url, status: 'failed', httpStatus: res.status, error: `${res.reason}: ${res.detail}` });
      ctx.emit({ type: 'page', source: name, role, url, status: 'failed', httpStatus: res.status, entries: 0, files: 0, detail: res.detail });
      return { kind: 'gone' };
    case 'ok': {
      ctx.c.pagesFetched++;
      const contentType = headerValue(res.headers['content-type']);
      const { text } = toText(res.body, contentType, ctx.portal.encoding);
      const setCookies = res.headers['set-cookie'] ?? [];
      const challenge = detectChallenge({ status: res.status, setCookies, body: text });
      if (challenge) {
        ctx.c.blocked++;
        await recordFetch(ctx.deps.db, { sourceId: ctx.sourceId, url, status: 'blocked', httpStatus: res.status, contentType, error: `${challenge.kind}: ${challenge.evidence}` });
        ctx.emit({ type: 'page', source: name, role, url, status: 'blocked', httpStatus: res.status, entries: 0, files: 0, detail: challenge.evidence });
        throw new BlockedError(url, challenge);
      }
      return { kind: 'fetched', page: { url, finalUrl: res.finalUrl, text, httpStatus: res.status, contentType, etag: res.etag, lastModified: res.lastModified } };
    }
  }
}

async function recordPage(ctx: Ctx, page: FetchedPage, complete: boolean): Promise<void> {
  await recordFetch(ctx.deps.db, {
    sourceId: ctx.sourceId,
    url: page.url,
    status: 'fetched',
    httpStatus: page.httpStatus,
    contentType: page.contentType,
    // Without a complete subtree, a later 304 must not hide what was missed.
    etag: complete ? page.etag : null,
    lastModified: complete ? page.lastModified : null,
    error: complete ? null : 'incomplete: something below this page failed; validators not kept',
  });
}

/** Downloads one attachment and hands it to the sink. True when it is handled (new, known, unchanged or skipped on purpose). */
async function visitFile(ctx: Ctx, rawUrl: string, linkText: string): Promise<boolean> {
  const url = canonicalUrl(rawUrl) ?? rawUrl;
  if (ctx.seenFiles.has(url)) return true;
  ctx.seenFiles.add(url);
  const db = ctx.deps.db;
  const name = ctx.portal.name;
  const prior = ctx.opts.full ? null : await getFetchedUrl(db, url);
  const validators = prior?.sha256 ? { etag: prior.etag, lastModified: prior.lastModified } : undefined;
  const res = await ctx.fetcher.fetchFile(url, validators);
  if (res.type === 'not-modified') {
    ctx.c.unchanged++;
    await recordFetch(db, { sourceId: ctx.sourceId, url, status: 'not_modified', httpStatus: 304 });
    ctx.emit({ type: 'file', source: name, url, status: 'not_modified', httpStatus: 304, isNew: false, fileName: prior?.fileName ?? null, documentId: prior?.documentId ?? null });
    return true;
  }
  if (res.type === 'skipped') {
    skip(ctx, url, res.reason, res.detail);
    await recordFetch(db, { sourceId: ctx.sourceId, url, status: 'skipped', error: `${res.reason}: ${res.detail}` });
    return true;
  }
  if (res.type === 'failed') {
    ctx.c.errors++;
    ctx.log.warn({ url, reason: res.reason, status: res.status, detail: res.detail }, 'file failed');
    await recordFetch(db, { sourceId: ctx.sourceId, url, status: 'failed', httpStatus: res.status, error: `${res.reason}: ${res.detail}` });
    ctx.emit({ type: 'file', source: name, url, status: 'failed', httpStatus: res.status, isNew: false, fileName: null, documentId: null, detail: res.detail });
    return false;
  }
  try {
    const contentType = headerValue(res.headers['content-type']);
    if (/^text\/html|^application\/xhtml/i.test(contentType ?? '')) {
      // A page where a file was expected: a WAF challenge, or an error page served with 200.
      const head = await readHead(res.path, 64 * 1024);
      const challenge = detectChallenge({ status: res.status, setCookies: res.headers['set-cookie'] ?? [], body: toText(head, contentType, ctx.portal.encoding).text });
      if (challenge) {
        ctx.c.blocked++;
        await recordFetch(db, { sourceId: ctx.sourceId, url, status: 'blocked', httpStatus: res.status, contentType, error: `${challenge.kind}: ${challenge.evidence}` });
        ctx.emit({ type: 'file', source: name, url, status: 'blocked', httpStatus: res.status, isNew: false, fileName: null, documentId: null, detail: challenge.evidence });
        throw new BlockedError(url, challenge);
      }
      ctx.c.errors++;
      await recordFetch(db, { sourceId: ctx.sourceId, url, status: 'failed', httpStatus: res.status, contentType, error: 'html-instead-of-file: the server answered with an HTML page' });
      ctx.emit({ type: 'file', source: name, url, status: 'failed', httpStatus: res.status, isNew: false, fileName: null, documentId: null, detail: 'an HTML page instead of a file' });
      return false;
    }
    const fileName = chooseFileName(headerValue(res.headers['content-disposition']), res.finalUrl, linkText);
    let documentId = prior?.documentId ?? null;
    let isNew = false;
    if (prior?.sha256 === res.sha256 && documentId !== null) {
      // Same bytes as last time; the server just does not do conditional GET.
      ctx.c.unchanged++;
    } else {
      const accepted = await ctx.deps.sink.accept({ path: res.path, sha256: res.sha256, byteSize: res.byteSize, fileName, url, sourceId: ctx.sourceId });
      documentId = accepted.documentId;
      isNew = accepted.isNew;
      if (isNew) ctx.c.newFiles++;
      else ctx.c.unchanged++;
    }
    await recordFetch(db, { sourceId: ctx.sourceId, url, status: 'fetched', httpStatus: res.status, etag: res.etag, lastModified: res.lastModified, contentType, fileName, sha256: res.sha256, documentId });
    ctx.emit({ type: 'file', source: name, url, status: 'fetched', httpStatus: res.status, isNew, fileName, documentId });
    return true;
  } finally {
    await rm(res.path, { force: true });
  }
}

/** Content-Disposition, else a readable (non-ASCII) URL name, else the link text with the URL's extension, else the URL name. */
export function chooseFileName(contentDisposition: string | null, url: string, linkText: string): string {
  const fromHeader = parseContentDispositionFileName(contentDisposition);
  if (fromHeader) return fromHeader;
  const fromUrl = fileNameFromUrl(url);
  if (fromUrl && /[^ -~]/.test(fromUrl)) return fromUrl;
  const ext = fromUrl ? extname(fromUrl) : '';
  const text = linkText.trim();
  if (text && ext) return cleanFileName(text.toLowerCase().endsWith(ext.toLowerCase()) ? text : `${text}${ext}`);
  return fromUrl ?? 'unnamed';
}

function skip(ctx: Ctx, url: string, reason: SkipReason | 'filtered' | 'depth', detail: string): void {
  ctx.c.skipped++;
  ctx.log.info({ url, reason, detail }, 'skipped');
  ctx.emit({ type: 'skip', source: ctx.portal.name, url, reason, detail });
}

async function readHead(path: string, max: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(max);
    const { bytesRead } = await fh.read(buf, 0, max, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function headerValue(v: string | string[] | undefined): string | null {
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}
