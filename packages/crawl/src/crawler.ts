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
import { MAX_HANDOFFS, visitFile } from './file-visit.ts';
import { HostScheduler } from './host-scheduler.ts';
import { HttpFetcher } from './http-fetcher.ts';
import { UNSUPPORTED_ARCHIVES } from './document-format.ts';
import { extractEntries, extractLinks, unwrapViewer, type ListEntry } from './links.ts';
import { hanwebNextWindows, hanwebProxyUrl, parseHanwebXml, parseHtmlList, parseJsonList, parseTrsPagination, queryPageUrl, trsPageUrls } from './list-pages.ts';
import { recordPage, visitPage, type FetchedPage, type PageVisit } from './page-visit.ts';
import type { PortalConfig } from './portal-config.ts';
import { fileExtension } from './urls.ts';

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
  /** partial: the crawl went through, but a page or a file failed (a cut body, an error status): not a plain success. */
  readonly status: 'succeeded' | 'partial' | 'failed' | 'blocked' | 'backed-off';
  readonly skipped: number;
  /** Lists an incremental crawl stopped reading early, and why (a page past the first brought nothing new). */
  readonly stoppedPaging: readonly string[];
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
    return { source: portal.name, sourceId: source.id, runId: null, status: 'backed-off', ...none, stoppedPaging: [], durationMs: 0, blockedEvidence: source.blockedEvidence, knownBlock: true, blockedSince: source.blockedSince, blockedUntil: until, message };
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
  else if ((outcome.status === 'succeeded' || outcome.status === 'partial') && known) await clearBlock(deps.db, source.id);
  else if (known) block = { since: source.blockedSince, checkedAt: source.blockedCheckedAt };
  const durationMs = Date.now() - started;
  const counts: RunCounts = { pagesFetched: c.pagesFetched, newFiles: c.newFiles, unchanged: c.unchanged, errors: c.errors, blocked: c.blocked };
  await finishRun(deps.db, runId, outcome.status, counts, durationMs, outcome.message);
  // The run's one log line: everything the summary says, for a scheduled crawl nobody watches.
  log.info({ runId, status: outcome.status, ...counts, skipped: c.skipped, requests: ctx.fetcher.requestCount, durationMs, stoppedPaging: ctx.stoppedPaging, message: outcome.message }, 'crawl finished');
  return {
    source: portal.name,
    sourceId: source.id,
    runId,
    ...outcome,
    ...counts,
    skipped: c.skipped,
    stoppedPaging: [...ctx.stoppedPaging],
    requests: ctx.fetcher.requestCount,
    durationMs,
    knownBlock: known && outcome.status === 'blocked',
    blockedSince: block.since,
    blockedUntil: backoffEnd(block.checkedAt),
  };
}

export interface DryRunSummary {
  readonly source: string;
  readonly status: 'succeeded' | 'partial' | 'failed' | 'blocked';
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
  readonly status: 'succeeded' | 'partial' | 'failed' | 'blocked';
  readonly message: string | null;
  readonly blockedEvidence: string | null;
}

async function walk(ctx: Ctx): Promise<Walked> {
  try {
    for (const seed of ctx.portal.seeds) await crawlList(ctx, seed);
    const notes = [...(ctx.c.errors > 0 ? [`${ctx.c.errors} page(s) or file(s) failed; see fetched_urls where status = 'failed'`] : []), ...ctx.stoppedPaging];
    return { status: ctx.c.errors > 0 ? 'partial' : 'succeeded', message: notes.length > 0 ? notes.join('; ') : null, blockedEvidence: null };
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
    encoding: portal.encoding,
    onRequest: (event) => {
      p.log.debug({ url: event.url, status: event.status, attempt: event.attempt, ms: event.finishedAt - event.startedAt, error: event.error }, 'request');
      emit({ type: 'request', source: portal.name, event });
    },
  });
  return { portal, sourceId: p.sourceId, full: p.full, dryRun: p.dryRun, memory: p.memory, sink: p.sink, fetcher, c, log: p.log, emit, seenPages: new Set(), seenFiles: new Set(), seenEntries: new Set(), tmpDir: p.tmpDir, stoppedPaging: [] };
}

async function crawlList(ctx: Ctx, seed: string): Promise<void> {
  const { portal } = ctx;
  const list = portal.list;
  // An incremental crawl stops at the first page past the first that brings nothing new (see broughtNothing).
  const stop = (n: number, of: number | null, url: string) => {
    const note = `stopped paging ${seed} after page ${n}${of !== null ? ` of ${of}` : ''}: ${url} brought nothing new (--full reads every page)`;
    ctx.stoppedPaging.push(note);
    ctx.log.info({ seed, page: n, of, url }, 'incremental crawl: paging stopped');
  };
  switch (list.type) {
    case 'trs': {
      const first = await visitList(ctx, seed, false, (page) => parseHtmlList(page.text, page.finalUrl, list).entries);
      if (first.kind !== 'fetched') return;
      const pagination = parseTrsPagination(first.page.text);
      if (!pagination) ctx.log.info({ url: seed }, 'no createPageHTML call: the list has one page');
      const urls = pagination ? trsPageUrls(first.page.finalUrl, pagination, portal.maxPages) : [];
      for (const [i, url] of urls.entries()) {
        const visit = await visitList(ctx, url, true, (page) => parseHtmlList(page.text, page.finalUrl, list).entries);
        if (broughtNothing(ctx, visit) && i + 1 < urls.length) {
          stop(i + 2, urls.length + 1, url);
          break;
        }
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
      const windows = hanwebNextWindows(list, total ?? 0, portal.maxPages);
      for (const [i, [start, end]] of windows.entries()) {
        const url = hanwebProxyUrl(seed, list, start, end);
        const visit = await visitList(ctx, url, true, parse);
        if (broughtNothing(ctx, visit) && i + 1 < windows.length) {
          stop(i + 2, windows.length + 1, url);
          break;
        }
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
        if (i > 0 && broughtNothing(ctx, visit)) {
          stop(i + 1, totalPages, url);
          break;
        }
      }
      return;
    }
  }
}

type ListVisit = PageVisit & { readonly newEntries?: number; readonly kept?: number; readonly fresh?: number };

/**
 * Whether a list page past the first brought nothing new: it answered 304
 * (its validators are kept only when everything below it was handled), or
 * every entry the filter keeps was handled by an earlier crawl. Not in a
 * --full crawl or a dry run, and never on a page whose entries the filter
 * drops altogether (that says nothing about the pages after it).
 */
function broughtNothing(ctx: Ctx, visit: ListVisit): boolean {
  if (ctx.full || ctx.dryRun) return false;
  if (visit.kind === 'unchanged') return true;
  return visit.kind === 'fetched' && (visit.kept ?? 0) > 0 && visit.fresh === 0;
}

/** An entry an earlier crawl handled to the end (fetched or skipped on purpose, nothing below it failed). */
async function isKnown(ctx: Ctx, url: string): Promise<boolean> {
  if (ctx.full || ctx.dryRun) return false;
  const prior = await ctx.memory.prior(url);
  if (!prior) return false;
  return (prior.status === 'fetched' || prior.status === 'not_modified' || prior.status === 'skipped') && !(prior.error ?? '').startsWith('incomplete');
}

/** A list page and everything below it. */
async function visitList(ctx: Ctx, url: string, conditional: boolean, parse: (p: FetchedPage) => readonly ListEntry[], hops = 0): Promise<ListVisit> {
  const visit = await visitPage(ctx, url, 'list', conditional);
  if (visit.kind === 'handoff') {
    // A list page that moved (index.html → index.shtml by meta refresh): read where it points.
    await recordPage(ctx, visit.page, true, visit.handoff.target);
    ctx.emit({ type: 'page', source: ctx.portal.name, role: 'list', url, status: 'fetched', httpStatus: visit.page.httpStatus, entries: 0, files: 0, detail: `hand-off (${visit.handoff.how}) to ${visit.handoff.target}` });
    if (hops >= MAX_HANDOFFS) return { kind: 'gone' };
    return visitList(ctx, visit.handoff.target, conditional, parse, hops + 1);
  }
  if (visit.kind !== 'fetched') return visit;
  const rules = ctx.portal.attachments;
  const entries = parse(visit.page).map((e) => ({ ...e, url: unwrapViewer(e.url, rules.viewers) }));
  const newEntries = entries.filter((e) => !ctx.seenEntries.has(e.url)).length;
  for (const e of entries) ctx.seenEntries.add(e.url);
  let complete = true;
  let files = 0;
  let kept = 0;
  let fresh = 0;
  for (const entry of entries) {
    const verdict = filterEntry(entry, ctx.portal.filter);
    if (!verdict.keep) {
      skip(ctx, entry.url, 'filtered', `${verdict.reason}: ${verdict.detail} ("${entry.title}")`);
      continue;
    }
    kept++;
    if (!(await isKnown(ctx, entry.url))) fresh++;
    const asFile = classifyEntryLink(entry.url, rules);
    if (asFile?.take) {
      files++;
      const context = { entryTitle: entry.title || null, entryDate: entry.date, detailUrl: null };
      complete = (await visitFile(ctx, { url: entry.url, text: entry.title, page: url, why: asFile.why, candidate: asFile.candidate, context })) && complete;
    } else if (ctx.portal.maxDepth >= 1) {
      if (ctx.dryRun) ctx.emit({ type: 'link', source: ctx.portal.name, page: url, url: entry.url, follow: 'page', why: `list entry "${entry.title}"` });
      complete = (await visitDetail(ctx, entry.url, entry, 1)) && complete;
    } else {
      skip(ctx, entry.url, 'depth', `maxDepth is ${ctx.portal.maxDepth}`);
    }
  }
  ctx.emit({ type: 'page', source: ctx.portal.name, role: 'list', url, status: 'fetched', httpStatus: visit.page.httpStatus, entries: entries.length, files });
  // An empty list page is where a ?page= list ends; keeping no validators makes the next crawl read it again.
  await recordPage(ctx, visit.page, complete && entries.length > 0);
  return { ...visit, newEntries, kept, fresh };
}

/** The entry a detail page was reached from: its title names the documents below it. */
type EntryInfo = Pick<ListEntry, 'title' | 'date'>;

async function visitDetail(ctx: Ctx, url: string, entry: EntryInfo, depth: number, hops = 0): Promise<boolean> {
  const visit = await visitPage(ctx, url, 'detail', true);
  if (visit.kind === 'unchanged') return true;
  if (visit.kind === 'gone') return false;
  const rules = ctx.portal.attachments;
  const title = entry.title;
  const context = { entryTitle: title || pageTitle(visit.page.text), entryDate: entry.date, detailUrl: url };
  if (visit.kind === 'handoff') {
    // A detail page whose only job is to send the reader on: followed like a redirect (the fetcher re-checks scope and robots.txt).
    const target = unwrapViewer(visit.handoff.target, rules.viewers);
    ctx.emit({ type: 'page', source: ctx.portal.name, role: 'detail', url, status: 'fetched', httpStatus: visit.page.httpStatus, entries: 0, files: 0, detail: `hand-off (${visit.handoff.how}) to ${target}` });
    const asFile = classifyEntryLink(target, rules) ?? classifyAttachmentLink(target, title, rules);
    let complete: boolean;
    if (asFile.take) complete = await visitFile(ctx, { url: target, text: title, page: url, why: `hand-off page (${visit.handoff.how})`, candidate: asFile.candidate, context });
    else if (hops < MAX_HANDOFFS) {
      if (ctx.dryRun) ctx.emit({ type: 'link', source: ctx.portal.name, page: url, url: target, follow: 'page', why: `hand-off page (${visit.handoff.how})` });
      complete = await visitDetail(ctx, target, entry, depth, hops + 1);
    } else complete = true;
    await recordPage(ctx, visit.page, complete, target);
    return complete;
  }
  const { page } = visit;
  let complete = true;
  let files = 0;
  for (const link of extractLinks(page.text, page.finalUrl, rules.selector, { embeds: rules.embeds, viewers: rules.viewers })) {
    const ext = fileExtension(link.url);
    const unsupported = ext ? UNSUPPORTED_ARCHIVES[ext] : undefined;
    if (unsupported) {
      // Refused by its name, without downloading what cannot be read.
      skip(ctx, link.url, 'not-a-document', unsupported);
      await ctx.memory.record({ url: link.url, status: 'skipped', error: `not-a-document: ${unsupported}` });
      continue;
    }
    const v = classifyAttachmentLink(link.url, link.text, rules);
    if (v.take) {
      files++;
      complete = (await visitFile(ctx, { url: link.url, text: link.text || title, page: url, why: v.why, candidate: v.candidate, context })) && complete;
    } else if (ctx.dryRun) {
      ctx.emit({ type: 'link', source: ctx.portal.name, page: url, url: link.url, follow: null, why: v.why });
    }
  }
  if (depth < ctx.portal.maxDepth) {
    for (const sub of extractEntries(page.text, page.finalUrl, { itemSelector: 'li', entrySelector: rules.selector })) {
      if (classifyAttachmentLink(sub.url, sub.title, rules).take || ctx.seenPages.has(sub.url) || !filterEntry(sub, ctx.portal.filter).keep) continue;
      if (!ctx.portal.scopeHosts.includes(new URL(sub.url).host)) continue;
      complete = (await visitDetail(ctx, sub.url, sub, depth + 1)) && complete;
    }
  }
  ctx.emit({ type: 'page', source: ctx.portal.name, role: 'detail', url, status: 'fetched', httpStatus: page.httpStatus, entries: 0, files });
  await recordPage(ctx, page, complete);
  return complete;
}

/** A detail page's own title (`<title>`, else its first `<h1>`), for naming files when the list gave none. */
function pageTitle(html: string): string | null {
  const raw = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? '';
  const text = raw.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
  return text || null;
}
