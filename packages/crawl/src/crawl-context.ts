import type { Db } from '@budget-ingest/db';
import type { Logger } from '@budget-ingest/logger';
import type { ChallengeEvidence } from './challenge.ts';
import { getFetchedUrl, recordFetch, type FetchedUrlRow, type FetchRecord, type FetchStatus } from './crawl-state.ts';
import type { FileSink } from './file-sink.ts';
import type { HttpFetcher, RequestEvent, SkipReason } from './http-fetcher.ts';
import type { PortalConfig } from './portal-config.ts';

/** What one crawl of one source carries from page to page; the walk itself is in crawler.ts. */

export type PageRole = 'list' | 'detail';

export type CrawlProgress =
  | { readonly type: 'page'; readonly source: string; readonly role: PageRole; readonly url: string; readonly status: FetchStatus; readonly httpStatus: number | null; readonly entries: number; readonly files: number; readonly detail?: string }
  | { readonly type: 'file'; readonly source: string; readonly url: string; readonly status: FetchStatus; readonly httpStatus: number | null; readonly isNew: boolean; readonly fileName: string | null; readonly documentId: number | null; readonly detail?: string }
  | { readonly type: 'skip'; readonly source: string; readonly url: string; readonly reason: SkipReason | 'filtered' | 'depth' | 'not-a-document' | 'archive-refused'; readonly detail: string }
  /** Dry runs only: a link found on a page, whether it would be followed (as a file or a page) and why. */
  | { readonly type: 'link'; readonly source: string; readonly page: string; readonly url: string; readonly follow: 'file' | 'page' | null; readonly why: string }
  | { readonly type: 'request'; readonly source: string; readonly event: RequestEvent };

/** The crawler's memory of URLs: the database, or nothing at all in a dry run. */
export interface UrlMemory {
  prior(url: string): Promise<FetchedUrlRow | null>;
  record(r: Omit<FetchRecord, 'sourceId'>): Promise<void>;
}

export function dbUrlMemory(db: Db, sourceId: number): UrlMemory {
  return { prior: (url) => getFetchedUrl(db, url), record: (r) => recordFetch(db, { ...r, sourceId }) };
}

export const noUrlMemory: UrlMemory = { prior: async () => null, record: async () => undefined };

export interface Counters {
  pagesFetched: number;
  newFiles: number;
  unchanged: number;
  errors: number;
  blocked: number;
  skipped: number;
  /** Dry runs: files that would be downloaded. */
  wouldFetch: number;
}

export interface Ctx {
  readonly portal: PortalConfig;
  readonly sourceId: number;
  /** Ignore stored validators. */
  readonly full: boolean;
  /** Read pages, report links, download and record nothing. */
  readonly dryRun: boolean;
  readonly memory: UrlMemory;
  readonly sink: FileSink | null;
  readonly fetcher: HttpFetcher;
  readonly c: Counters;
  readonly log: Logger;
  readonly emit: (e: CrawlProgress) => void;
  readonly seenPages: Set<string>;
  readonly seenFiles: Set<string>;
  readonly seenEntries: Set<string>;
  /** Where archive members are expanded (removed with the crawl's temporary directory). */
  readonly tmpDir: string;
  /** Why an incremental crawl stopped reading a list before its last page, per seed. */
  readonly stoppedPaging: string[];
}

export function newCounters(): Counters {
  return { pagesFetched: 0, newFiles: 0, unchanged: 0, errors: 0, blocked: 0, skipped: 0, wouldFetch: 0 };
}

/** Thrown when a page is a WAF/JS challenge: the source's crawl stops there. */
export class BlockedError extends Error {
  override readonly name = 'BlockedError';
  constructor(
    readonly url: string,
    readonly evidence: ChallengeEvidence,
  ) {
    super(`blocked at ${url}: ${evidence.evidence}`);
  }
}

export function skip(ctx: Ctx, url: string, reason: Extract<CrawlProgress, { type: 'skip' }>['reason'], detail: string): void {
  ctx.c.skipped++;
  ctx.log.info({ url, reason, detail }, 'skipped');
  ctx.emit({ type: 'skip', source: ctx.portal.name, url, reason, detail });
}

export function headerValue(v: string | string[] | undefined): string | null {
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}
