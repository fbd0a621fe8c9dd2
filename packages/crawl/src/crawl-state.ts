import { and, asc, desc, eq, notInArray, sql } from 'drizzle-orm';
import { crawlRuns, fetchedUrls, sources, type Db } from '@budget-ingest/db';
import type { PortalConfig } from './portal-config.ts';

/** The crawler's memory in Postgres: sources, one crawl_runs row per crawl, one fetched_urls row per URL. */

export type FetchedUrlRow = typeof fetchedUrls.$inferSelect;
export type FetchStatus = FetchedUrlRow['status'];
export type CrawlRunRow = typeof crawlRuns.$inferSelect;

export interface SourceState {
  readonly id: number;
  readonly blockedSince: Date | null;
  readonly blockedCheckedAt: Date | null;
  readonly blockedEvidence: string | null;
}

/** Creates or refreshes the source row of a portal (its config is kept as JSON for audit); returns its id and known block. */
export async function upsertSource(db: Db, portal: PortalConfig): Promise<SourceState> {
  const values = {
    name: portal.name,
    regionCode: portal.regionCode ?? null,
    baseUrl: new URL(portal.seeds[0] ?? '').origin,
    config: JSON.parse(JSON.stringify(portal)) as Record<string, unknown>,
    enabled: portal.enabled,
  };
  const rows = await db
    .insert(sources)
    .values(values)
    .onConflictDoUpdate({ target: sources.name, set: { ...values, updatedAt: sql`now()` } })
    .returning({ id: sources.id, blockedSince: sources.blockedSince, blockedCheckedAt: sources.blockedCheckedAt, blockedEvidence: sources.blockedEvidence });
  const row = rows[0];
  if (row === undefined) throw new Error(`could not upsert source ${portal.name}`);
  return row;
}

/** Records a block: `blocked_since` keeps the start of a block that goes on; the back-off runs from this check. */
export async function markBlocked(db: Db, sourceId: number, evidence: string): Promise<{ since: Date | null; checkedAt: Date | null }> {
  const rows = await db
    .update(sources)
    .set({ blockedSince: sql`coalesce(${sources.blockedSince}, now())`, blockedCheckedAt: sql`now()`, blockedEvidence: evidence })
    .where(eq(sources.id, sourceId))
    .returning({ since: sources.blockedSince, checkedAt: sources.blockedCheckedAt });
  return rows[0] ?? { since: null, checkedAt: null };
}

/** A crawl got through: the block is over. */
export async function clearBlock(db: Db, sourceId: number): Promise<void> {
  await db.update(sources).set({ blockedSince: null, blockedCheckedAt: null, blockedEvidence: null }).where(eq(sources.id, sourceId));
}

/** One line of `status`: a source's last crawl and its block, if any. */
export interface SourceCrawlStatus {
  readonly source: string;
  readonly enabled: boolean;
  readonly lastRunAt: Date | null;
  readonly lastStatus: CrawlRunRow['status'] | null;
  readonly lastNewFiles: number | null;
  readonly runs: number;
  readonly newFiles: number;
  readonly blockedSince: Date | null;
  readonly blockedCheckedAt: Date | null;
  /** The last run's summary: what a scheduled crawl did, for `status`. */
  readonly lastRun: { readonly pagesFetched: number; readonly newFiles: number; readonly unchanged: number; readonly errors: number; readonly blocked: number; readonly durationMs: number | null; readonly message: string | null } | null;
  /** Finished runs in a row, the latest first, that found no new file (blocked runs and runs in progress are passed over). */
  readonly runsWithoutNew: number;
  /** The source's `staleAfterRuns` setting. */
  readonly staleAfterRuns: number;
  /** runsWithoutNew reached staleAfterRuns: the portal may have moved its column. */
  readonly stale: boolean;
}

/** The default of a portal's `staleAfterRuns`, for sources recorded before the setting existed. */
export const DEFAULT_STALE_AFTER_RUNS = 8;

/** Every source with its last crawl_runs row and totals, by name. */
export async function crawlStatusBySource(db: Db): Promise<SourceCrawlStatus[]> {
  const srcs = await db.select().from(sources).orderBy(asc(sources.name));
  const latest = await db
    .selectDistinctOn([crawlRuns.sourceId], {
      sourceId: crawlRuns.sourceId,
      startedAt: crawlRuns.startedAt,
      status: crawlRuns.status,
      newFiles: crawlRuns.newFiles,
      pagesFetched: crawlRuns.pagesFetched,
      unchanged: crawlRuns.unchanged,
      errors: crawlRuns.errors,
      blocked: crawlRuns.blocked,
      durationMs: crawlRuns.durationMs,
      message: crawlRuns.message,
    })
    .from(crawlRuns)
    .orderBy(crawlRuns.sourceId, desc(crawlRuns.id));
  const totals = await db
    .select({ sourceId: crawlRuns.sourceId, runs: sql<number>`count(*)::int`, newFiles: sql<number>`coalesce(sum(${crawlRuns.newFiles}), 0)::int` })
    .from(crawlRuns)
    .groupBy(crawlRuns.sourceId);
  const out: SourceCrawlStatus[] = [];
  for (const s of srcs) {
    const last = latest.find((r) => r.sourceId === s.id);
    const total = totals.find((t) => t.sourceId === s.id);
    const configured = (s.config as { staleAfterRuns?: unknown }).staleAfterRuns;
    const staleAfterRuns = typeof configured === 'number' && configured > 0 ? configured : DEFAULT_STALE_AFTER_RUNS;
    const recent = await db
      .select({ status: crawlRuns.status, newFiles: crawlRuns.newFiles })
      .from(crawlRuns)
      .where(and(eq(crawlRuns.sourceId, s.id), notInArray(crawlRuns.status, ['running', 'blocked'])))
      .orderBy(desc(crawlRuns.id))
      .limit(staleAfterRuns);
    const firstNew = recent.findIndex((r) => r.newFiles > 0);
    const runsWithoutNew = firstNew === -1 ? recent.length : firstNew;
    out.push({
      source: s.name,
      enabled: s.enabled,
      lastRunAt: last?.startedAt ?? null,
      lastStatus: last?.status ?? null,
      lastNewFiles: last?.newFiles ?? null,
      runs: Number(total?.runs ?? 0),
      newFiles: Number(total?.newFiles ?? 0),
      blockedSince: s.blockedSince,
      blockedCheckedAt: s.blockedCheckedAt,
      lastRun: last ? { pagesFetched: last.pagesFetched, newFiles: last.newFiles, unchanged: last.unchanged, errors: last.errors, blocked: last.blocked, durationMs: last.durationMs, message: last.message } : null,
      runsWithoutNew,
      staleAfterRuns,
      stale: runsWithoutNew >= staleAfterRuns,
    });
  }
  return out;
}

export async function startRun(db: Db, sourceId: number): Promise<number> {
  const rows = await db.insert(crawlRuns).values({ sourceId }).returning({ id: crawlRuns.id });
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('could not insert crawl_runs row');
  return id;
}

export interface RunCounts {
  readonly pagesFetched: number;
  readonly newFiles: number;
  readonly unchanged: number;
  readonly errors: number;
  readonly blocked: number;
}

export async function finishRun(db: Db, runId: number, status: CrawlRunRow['status'], counts: RunCounts, durationMs: number, message: string | null): Promise<void> {
  await db
    .update(crawlRuns)
    .set({ status, ...counts, durationMs, message, finishedAt: sql`now()` })
    .where(eq(crawlRuns.id, runId));
}

export async function getFetchedUrl(db: Db, url: string): Promise<FetchedUrlRow | null> {
  const rows = await db.select().from(fetchedUrls).where(eq(fetchedUrls.url, url)).limit(1);
  return rows[0] ?? null;
}

export interface FetchRecord {
  readonly sourceId: number;
  readonly url: string;
  readonly status: FetchStatus;
  readonly httpStatus?: number | null;
  readonly etag?: string | null;
  readonly lastModified?: string | null;
  readonly contentType?: string | null;
  readonly fileName?: string | null;
  readonly sha256?: string | null;
  readonly documentId?: number | null;
  readonly error?: string | null;
  /** Where a hand-off page sent the crawler. */
  readonly location?: string | null;
}

/**
 * Upserts the URL's row. A 304 or a skip keeps what was learnt before
 * (validators, hash, document) unless the record says otherwise.
 */
export async function recordFetch(db: Db, r: FetchRecord): Promise<void> {
  const set: Partial<typeof fetchedUrls.$inferInsert> = { sourceId: r.sourceId, status: r.status, error: r.error ?? null };
  if (r.httpStatus !== undefined) set.httpStatus = r.httpStatus;
  if (r.etag !== undefined) set.etag = r.etag;
  if (r.lastModified !== undefined) set.lastModified = r.lastModified;
  if (r.contentType !== undefined) set.contentType = r.contentType;
  if (r.fileName !== undefined) set.fileName = r.fileName;
  if (r.sha256 !== undefined) set.sha256 = r.sha256;
  if (r.documentId !== undefined) set.documentId = r.documentId;
  if (r.location !== undefined) set.location = r.location;
  const fetched = r.status === 'fetched' || r.status === 'not_modified';
  await db
    .insert(fetchedUrls)
    .values({ ...set, url: r.url, status: r.status, fetchedAt: fetched ? sql`now()` : null })
    .onConflictDoUpdate({ target: fetchedUrls.url, set: { ...set, ...(fetched ? { fetchedAt: sql`now()` } : {}) } });
}
