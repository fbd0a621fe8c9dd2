import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '@budget-ingest/db';
import { silentLogger, type Logger } from '@budget-ingest/logger';
import { classifyAttachmentLink, classifyEntryLink } from './attachment-links.ts';
import { BlockedError, dbUrlMemory, newCounters, noUrlMemory, skip, type Counters, type CrawlProgress, type Ctx } from './crawl-context.ts';
import { clearBlock, finishRun, markBlocked, startRun, upsertSource, type RunCounts } from './crawl-state.ts';
import { filterEntry } from './entry-filter.ts';
import type { FileSink } from './file-sink.ts';
import { visitFile } from './file-visit.ts';
import { HostScheduler } from './host-scheduler.ts';
import { HttpFetcher } from './http-fetcher.ts';
import { extractEntries, extractLinks, type ListEntry } from './links.ts';
import { hanwebNextWindows, hanwebProxyUrl, parseHanwebXml, parseHtmlList, parseJsonList, parseTrsPagination, queryPageUrl, trsPageUrls } from './list-pages.ts';
import { recordPage, visitPage, type FetchedPage, type PageVisit } from './page-visit.ts';
import type { PortalConfig } from './portal-config.ts';

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
  /** Ignore stored ETag/Last-Modified and a known block: read every page and file again. */
  readonly full?: boolean;
}

export interface CrawlSummary extends RunCounts {
  readonly source: string;
  readonly sourceId: number;
  /** Null when the crawl backed off a known block and made no request. */
  readonly runId: number | null;
  readonly status: 'succeeded' | 'failed' | 'blocked' | 'backed-off';
  readonly skipped: number;
  readonly requests: number;
  readonly durationMs: number;
  readonly blockedEvidence: string | null;
  /** A block already recorded before this crawl (blocked or backed-off), rather than a new one. */
  readonly knownBlock: boolean;
  readonly blockedSince: Date | null;
  readonly blockedUntil: Date | null;
  readonly message: string | null;
}

/**
 * One crawl of one portal: list pages → entries (filtered) → detail pages →
 * attachments → sink. A page's validators are stored only when everything
 * below it was handled, so a later 304 on it safely means "nothing new
 * below"; the first page of each list is always read in full, because that
 * is where new entries appear. A challenge page stops the crawl and starts a
 * known block: until it has lasted `blockBackoffMs`, crawls make no request.
 */
export async function crawlSource(deps: CrawlDeps, portal: PortalConfig, opts: CrawlOptions = {}): Promise<CrawlSummary> {
  const log = (deps.logger ?? silentLogger()).child({ source: portal.name });
  const started = Date.now();
  const source = await upsertSource(deps.db, portal);
  const known = source.blockedSince !== null;
  const none = { pagesFetched: 0, newFiles: 0, unchanged: 0, errors: 0, blocked: 0, skipped: 0, requests: 0 };
  // The back-off runs from the last check with the portal's current blockBackoffMs, so a changed config applies at once.
  const backoffEnd = (checkedAt: Date | null) => (checkedAt ? new Date(checkedAt.getTime() + portal.politeness.blockBackoffMs) : null);
  const until = backoffEnd(source.blockedCheckedAt);
  if (known && !opts.full && until !== null && until.getTime() > started) {
    const message = `known block since ${source.blockedSince?.toISOString()}; backing off until ${until.toISOString()} (no request made; --full checks now): ${source.blockedEvidence ?? ''}`;
    log.warn({ blockedSince: source.blockedSince, blockedUntil: until }, 'known block: backing off');
    return { source: portal.name, sourceId: source.id, runId: null, status: 'backed-off', ...none, durationMs: 0, blockedEvidence: source.blockedEvidence, knownBlock: true, blockedSince: source.blockedSince, blockedUntil: until, message };
  }
  const runId = await startRun(deps.db, source.id);
  const tmp = await mkdtemp(join(deps.tmpDir ?? tmpdir(), 'budget-crawl-'));
  const ctx = newCtx(portal, { ...deps, sourceId: source.id, full: opts.full === true, dryRun: false, memory: dbUrlMemory(deps.db, source.id), sink: deps.sink, tmpDir: tmp, log });
  const { c } = ctx;
  let outcome: Walked;
  try {
    outcome = await walk(ctx);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  let block: { since: Date | null; checkedAt: Date | null } = { since: null, checkedAt: null };
  if (outcome.status === 'blocked') block = await markBlocked(deps.db, source.id, outcome.blockedEvidence ?? '');
  else if (outcome.status === 'succeeded' && known) await clearBlock(deps.db, source.id);
  else if (known) block = { since: source.blockedSince, checkedAt: source.blockedCheckedAt };
  const durationMs = Date.now() - started;
  const counts: RunCounts = { pagesFetched: c.pagesFetched, newFiles: c.newFiles, unchanged: c.unchanged, errors: c.errors, blocked: c.blocked };
  await finishRun(deps.db, runId, outcome.status, counts, durationMs, outcome.message);
  log.info({ runId, status: outcome.status, ...counts, skipped: c.skipped, requests: ctx.fetcher.requestCount, durationMs }, 'crawl finished');
  return {
    source: portal.name,
    sourceId: source.id,
    runId,
    ...outcome,
    ...counts,
    skipped: c.skipped,
    requests: ctx.fetcher.requestCount,
    durationMs,
    knownBlock: known && outcome.status === 'blocked',
    blockedSince: block.since,
    blockedUntil: backoffEnd(block.checkedAt),
  };
}

export interface DryRunSummary {
  readonly source: string;
  readonly status: 'succeeded' | 'failed' | 'blocked';
  readonly pagesFetched: number;
  /** Files that a crawl would download. */
  readonly files: number;
  readonly skipped: number;
  readonly requests: number;
  readonly message: string | null;
}

/**
 * Walks a portal's list and detail pages as a crawl would (fresh, without
 * stored validators) and reports every link as `link` and `skip` progress
 * events: what would be fetched and why. Downloads no file, and reads or
 * writes no database: for writing and checking a new portal entry.
 */
export async function dryRunSource(deps: Pick<CrawlDeps, 'logger' | 'scheduler' | 'onProgress'>, portal: PortalConfig): Promise<DryRunSummary> {
  const log = (deps.logger ?? silentLogger()).child({ source: portal.name, dryRun: true });
  const ctx = newCtx(portal, { ...deps, sourceId: 0, full: true, dryRun: true, memory: noUrlMemory, sink: null, tmpDir: tmpdir(), log });
  const outcome = await walk(ctx);
  const { c } = ctx;
  return { source: portal.name, status: outcome.status, pagesFetched: c.pagesFetched, files: c.wouldFetch, skipped: c.skipped, requests: ctx.fetcher.requestCount, message: outcome.message };
}

interface Walked {
  readonly status: 'succeeded' | 'failed' | 'blocked';
  readonly message: string | null;
  readonly blockedEvidence: string | null;
}

async function walk(ctx: Ctx): Promise<Walked> {
  try {
    for (const seed of ctx.portal.seeds) await crawlList(ctx, seed);
    return { status: 'succeeded', message: ctx.c.errors > 0 ? `${ctx.c.errors} error(s); see fetched_urls where status = 'failed'` : null, blockedEvidence: null };
  } catch (err) {
    if (err instanceof BlockedError) {
      const blockedEvidence = `${err.url}: ${err.evidence.kind}: ${err.evidence.evidence}`;
      ctx.log.warn({ url: err.url, evidence: err.evidence }, 'blocked by a challenge page; source crawl stopped');
      return { status: 'blocked', message: `blocked by a challenge page, crawl stopped: ${blockedEvidence}`, blockedEvidence };
    }
    ctx.log.error({ err }, 'crawl failed');
    return { status: 'failed', message: (err as Error).message, blockedEvidence: null };
  }
}

interface CtxParts extends Pick<Ctx, 'sourceId' | 'full' | 'dryRun' | 'memory' | 'sink' | 'log'>, Pick<CrawlDeps, 'scheduler' | 'onProgress'> {
  readonly tmpDir: string;
}

function newCtx(portal: PortalConfig, p: CtxParts): Ctx {
  const c: Counters = newCounters();
  const emit = (e: CrawlProgress) => p.onProgress?.(e);
  const fetcher = new HttpFetcher({
    politeness: portal.politeness,
    userAgent: portal.userAgent,
    scopeHosts: portal.scopeHosts,
    allowPrivateNetwork: portal.allowPrivateNetwork,
    scheduler: p.scheduler ?? new HostScheduler(),
    tmpDir: p.tmpDir,
    onRequest: (event) => {
      p.log.debug({ url: event.url, status: event.status, attempt: event.attempt, ms: event.finishedAt - event.startedAt, error: event.error }, 'request');
      emit({ type: 'request', source: portal.name, event });
    },
  });
  return { portal, sourceId: p.sourceId, full: p.full, dryRun: p.dryRun, memory: p.memory, sink: p.sink, fetcher, c, log: p.log, emit, seenPages: new Set(), seenFiles: new Set(), seenEntries: new Set() };
}

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
    const asFile = classifyEntryLink(entry.url, ctx.portal.attachments);
    if (asFile?.take) {
      files++;
      complete = (await visitFile(ctx, { url: entry.url, text: entry.title, page: url, why: asFile.why, candidate: asFile.candidate })) && complete;
    } else if (ctx.portal.maxDepth >= 1) {
      if (ctx.dryRun) ctx.emit({ type: 'link', source: ctx.portal.name, page: url, url: entry.url, follow: 'page', why: `list entry "${entry.title}"` });
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
  const rules = ctx.portal.attachments;
  let complete = true;
  let files = 0;
  for (const link of extractLinks(page.text, page.finalUrl, rules.selector)) {
    const v = classifyAttachmentLink(link.url, link.text, rules);
    if (v.take) {
      files++;
      complete = (await visitFile(ctx, { url: link.url, text: link.text || title, page: url, why: v.why, candidate: v.candidate })) && complete;
    } else if (ctx.dryRun) {
      ctx.emit({ type: 'link', source: ctx.portal.name, page: url, url: link.url, follow: null, why: v.why });
    }
  }
  if (depth < ctx.portal.maxDepth) {
    for (const sub of extractEntries(page.text, page.finalUrl, { itemSelector: 'li', entrySelector: rules.selector })) {
      if (classifyAttachmentLink(sub.url, sub.title, rules).take || ctx.seenPages.has(sub.url) || !filterEntry(sub, ctx.portal.filter).keep) continue;
      if (!ctx.portal.scopeHosts.includes(new URL(sub.url).host)) continue;
      complete = (await visitDetail(ctx, sub.url, sub.title, depth + 1)) && complete;
    }
  }
  ctx.emit({ type: 'page', source: ctx.portal.name, role: 'detail', url, status: 'fetched', httpStatus: page.httpStatus, entries: 0, files });
  await recordPage(ctx, page, complete);
  return complete;
}
