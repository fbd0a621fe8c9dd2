import type { CrawlProgress } from './crawl-context.ts';
import { crawlSource, dryRunSource, type CrawlDeps, type CrawlOptions, type CrawlSummary, type DryRunSummary } from './crawler.ts';
import { HostScheduler } from './host-scheduler.ts';
import type { PortalConfig, PortalsConfig } from './portal-config.ts';

export interface RunCrawlOptions extends CrawlOptions {
  /** Source names, or 'all' for every enabled portal. */
  readonly sources: readonly string[] | 'all';
}

export class UnknownSourceError extends Error {
  override readonly name = 'UnknownSourceError';
  readonly code = 'unknown-source';
  constructor(
    readonly names: readonly string[],
    known: readonly string[],
  ) {
    super(`unknown source(s): ${names.join(', ')}; the portals config has ${known.join(', ') || 'none'}`);
  }
}

/** The portals a run covers, in config order; fails on names the config lacks. */
export function selectPortals(config: PortalsConfig, sources: readonly string[] | 'all'): PortalConfig[] {
  if (sources === 'all') return config.portals.filter((p) => p.enabled);
  const known = config.portals.map((p) => p.name);
  const unknown = sources.filter((s) => !known.includes(s));
  if (unknown.length > 0) throw new UnknownSourceError(unknown, known);
  return config.portals.filter((p) => sources.includes(p.name));
}

/** Crawls the selected portals one after another, sharing one host scheduler. */
export async function runCrawl(deps: CrawlDeps, config: PortalsConfig, opts: RunCrawlOptions): Promise<CrawlSummary[]> {
  const portals = selectPortals(config, opts.sources);
  const shared: CrawlDeps = { ...deps, scheduler: deps.scheduler ?? new HostScheduler() };
  const out: CrawlSummary[] = [];
  for (const p of portals) out.push(await crawlSource(shared, p, opts.full === undefined ? {} : { full: opts.full }));
  return out;
}

/** One line per page, file and skip (and, in dry runs, per link), for the `crawl` command's stdout; null for events it does not print. */
export function formatProgress(e: CrawlProgress): string | null {
  switch (e.type) {
    case 'page': {
      const http = e.httpStatus === null ? '---' : String(e.httpStatus);
      const what = e.role === 'list' && e.status === 'fetched' ? ` entries=${e.entries} files=${e.files}` : e.role === 'detail' && e.status === 'fetched' ? ` attachments=${e.files}` : '';
      return `[${e.source}] ${e.role.padEnd(6)} ${http} ${e.status.padEnd(12)} ${e.url}${what}${e.detail ? ` (${e.detail})` : ''}`;
    }
    case 'file': {
      const http = e.httpStatus === null ? '---' : String(e.httpStatus);
      const label = e.status === 'fetched' ? (e.isNew ? 'new' : 'known') : e.status;
      const doc = e.documentId !== null ? ` doc=${e.documentId}` : '';
      return `[${e.source}] file   ${http} ${label.padEnd(12)} ${e.url}${e.fileName ? ` "${e.fileName}"` : ''}${doc}${e.detail ? ` (${e.detail})` : ''}`;
    }
    case 'skip':
      return `[${e.source}] skip   --- ${e.reason.padEnd(12)} ${e.url} (${e.detail})`;
    case 'link':
      return e.follow === null ? `[${e.source}] leave  ${e.url} (${e.why})` : `[${e.source}] would fetch ${e.follow.padEnd(4)} ${e.url} (${e.why})`;
    case 'request':
      return null;
  }
}

export function formatSummary(s: CrawlSummary): string {
  if (s.status === 'backed-off') return `[${s.source}] warning: ${s.message}`;
  return (
    `[${s.source}] ${s.status}: ${s.pagesFetched} pages fetched, ${s.newFiles} new files, ${s.unchanged} unchanged, ` +
    `${s.errors} errors, ${s.blocked} blocked, ${s.skipped} skipped, ${s.requests} requests in ${(s.durationMs / 1000).toFixed(1)} s (run ${s.runId})` +
    s.stoppedPaging.map((note) => `\n[${s.source}] ${note}`).join('') +
    (s.status === 'partial' ? `\n[${s.source}] partial: ${s.errors} page(s) or file(s) failed (see the lines above, or fetched_urls where status = 'failed'); the next crawl asks for them again` : '') +
    (s.blockedEvidence ? `\n[${s.source}] blocked: ${s.blockedEvidence}` : '') +
    (s.status === 'blocked' ? `\n[${s.source}] ${s.knownBlock ? 'warning: known block' : 'new block'} since ${s.blockedSince?.toISOString() ?? '?'}; crawls back off until ${s.blockedUntil?.toISOString() ?? '?'}` : '')
  );
}

export interface CrawlCommandIo {
  /** Receives each progress line and the summary lines (stdout). */
  readonly out: (line: string) => void;
}

/**
 * A crawl's exit code for a scheduler: 0 when every source succeeded or is
 * inside a known block (already reported: a warning line, no request, no
 * alarm every run), 1 when a crawl failed, went through only in part (a page
 * or file failed), or a source is newly blocked.
 */
export function crawlExitCode(summaries: readonly CrawlSummary[]): number {
  const fine = (s: CrawlSummary) => s.status === 'succeeded' || s.status === 'backed-off' || (s.status === 'blocked' && s.knownBlock);
  return summaries.every(fine) ? 0 : 1;
}

/**
 * `budget-ingest crawl SOURCE…|--all`: crawls now, prints a line per page and
 * file and a summary per source; the exit code is crawlExitCode's.
 */
export async function crawlCommand(deps: CrawlDeps, io: CrawlCommandIo, config: PortalsConfig, opts: RunCrawlOptions): Promise<{ exitCode: number; summaries: CrawlSummary[] }> {
  const onProgress = (e: CrawlProgress) => {
    deps.onProgress?.(e);
    const line = formatProgress(e);
    if (line !== null) io.out(line);
  };
  const summaries = await runCrawl({ ...deps, onProgress }, config, opts);
  for (const s of summaries) io.out(formatSummary(s));
  if (summaries.length > 1) {
    const sum = (k: 'pagesFetched' | 'newFiles' | 'unchanged' | 'errors' | 'blocked') => summaries.reduce((a, s) => a + s[k], 0);
    io.out(`total: ${summaries.length} sources, ${sum('pagesFetched')} pages, ${sum('newFiles')} new files, ${sum('unchanged')} unchanged, ${sum('errors')} errors, ${sum('blocked')} blocked`);
  }
  return { exitCode: crawlExitCode(summaries), summaries };
}

/**
 * `budget-ingest crawl --dry-run SOURCE…`: reads the list and detail pages,
 * prints every link with what would be fetched and why; downloads and
 * records nothing. Exit code 0 unless a walk failed or was blocked.
 */
export async function dryRunCommand(deps: Pick<CrawlDeps, 'logger' | 'scheduler'>, io: CrawlCommandIo, config: PortalsConfig, sources: readonly string[] | 'all'): Promise<{ exitCode: number; summaries: DryRunSummary[] }> {
  const scheduler = deps.scheduler ?? new HostScheduler();
  const onProgress = (e: CrawlProgress) => {
    const line = formatProgress(e);
    if (line !== null) io.out(line);
  };
  const summaries: DryRunSummary[] = [];
  for (const p of selectPortals(config, sources)) {
    const s = await dryRunSource({ ...deps, scheduler, onProgress }, p);
    io.out(`[${s.source}] dry run ${s.status}: ${s.pagesFetched} pages read, ${s.files} files would be fetched, ${s.skipped} skipped, ${s.requests} requests; nothing downloaded or recorded${s.message ? ` (${s.message})` : ''}`);
    summaries.push(s);
  }
  return { exitCode: summaries.every((s) => s.status === 'succeeded') ? 0 : 1, summaries };
}
