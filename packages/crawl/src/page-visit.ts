import { toText } from './charset.ts';
import { detectChallengeInBytes } from './challenge.ts';
import { BlockedError, headerValue, skip, type Ctx, type PageRole } from './crawl-context.ts';
import { findHandoff, type Handoff } from './handoff.ts';
import { canonicalUrl } from './urls.ts';

/** Fetching one list or detail page: conditional GET, failures and skips recorded, a challenge stops the crawl. */

export interface FetchedPage {
  readonly url: string;
  readonly finalUrl: string;
  readonly text: string;
  readonly httpStatus: number;
  readonly contentType: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
}

/** A page fetched, a hand-off page (to follow like a redirect), not modified (or already seen, or skipped), or failed. */
export type PageVisit =
  | { readonly kind: 'fetched'; readonly page: FetchedPage }
  | { readonly kind: 'handoff'; readonly page: FetchedPage; readonly handoff: Handoff }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'gone' };

export async function visitPage(ctx: Ctx, rawUrl: string, role: PageRole, conditional: boolean): Promise<PageVisit> {
  const url = canonicalUrl(rawUrl) ?? rawUrl;
  if (ctx.seenPages.has(url)) return { kind: 'unchanged' };
  ctx.seenPages.add(url);
  const prior = conditional && !ctx.full ? await ctx.memory.prior(url) : null;
  const validators = prior?.status === 'fetched' || prior?.status === 'not_modified' ? { etag: prior.etag, lastModified: prior.lastModified } : undefined;
  const res = await ctx.fetcher.fetchPage(url, validators);
  const name = ctx.portal.name;
  switch (res.type) {
    case 'not-modified':
      ctx.c.unchanged++;
      await ctx.memory.record({ url, status: 'not_modified', httpStatus: 304 });
      ctx.emit({ type: 'page', source: name, role, url, status: 'not_modified', httpStatus: 304, entries: 0, files: 0 });
      return { kind: 'unchanged' };
    case 'skipped':
      skip(ctx, url, res.reason, res.detail);
      await ctx.memory.record({ url, status: 'skipped', error: `${res.reason}: ${res.detail}` });
      return { kind: 'unchanged' };
    case 'failed':
      // A cut body (truncated) is a failed page like any other: nothing on it is read, no validator kept.
      ctx.c.errors++;
      ctx.log.warn({ url, reason: res.reason, status: res.status, detail: res.detail }, 'page failed');
      await ctx.memory.record({ url, status: 'failed', httpStatus: res.status, etag: null, lastModified: null, error: `${res.reason}: ${res.detail}` });
      ctx.emit({ type: 'page', source: name, role, url, status: 'failed', httpStatus: res.status, entries: 0, files: 0, detail: `${res.reason}: ${res.detail}` });
      return { kind: 'gone' };
    case 'blocked':
      // A challenge sent with an error status (521, 412), or robots.txt answered by one.
      ctx.c.blocked++;
      await ctx.memory.record({ url, status: 'blocked', httpStatus: res.status, contentType: res.contentType, error: `${res.evidence.kind}: ${res.evidence.evidence}` });
      ctx.emit({ type: 'page', source: name, role, url, status: 'blocked', httpStatus: res.status, entries: 0, files: 0, detail: res.evidence.evidence });
      throw new BlockedError(res.at, res.evidence);
    case 'ok': {
      ctx.c.pagesFetched++;
      const contentType = headerValue(res.headers['content-type']);
      const challenge = detectChallengeInBytes({ status: res.status, setCookies: res.headers['set-cookie'] ?? [], body: res.body, contentType, override: ctx.portal.encoding });
      // A page that only hands the reader on is no challenge, unless a WAF cookie came with it.
      const handoff = challenge?.kind === 'challenge-cookie' ? null : findHandoff(toText(res.body, contentType, ctx.portal.encoding).text, res.finalUrl);
      if (handoff) {
        const { text } = toText(res.body, contentType, ctx.portal.encoding);
        ctx.log.info({ url, target: handoff.target, how: handoff.how }, 'hand-off page followed');
        return { kind: 'handoff', handoff, page: { url, finalUrl: res.finalUrl, text, httpStatus: res.status, contentType, etag: res.etag, lastModified: res.lastModified } };
      }
      if (challenge) {
        ctx.c.blocked++;
        await ctx.memory.record({ url, status: 'blocked', httpStatus: res.status, contentType, error: `${challenge.kind}: ${challenge.evidence}` });
        ctx.emit({ type: 'page', source: name, role, url, status: 'blocked', httpStatus: res.status, entries: 0, files: 0, detail: challenge.evidence });
        throw new BlockedError(url, challenge);
      }
      // The override is for the portal's own pages, and applies only now that the page is known to be one.
      const { text } = toText(res.body, contentType, ctx.portal.encoding);
      return { kind: 'fetched', page: { url, finalUrl: res.finalUrl, text, httpStatus: res.status, contentType, etag: res.etag, lastModified: res.lastModified } };
    }
  }
}

/** Records a page after its subtree; validators are kept only when everything below it was handled. */
export async function recordPage(ctx: Ctx, page: FetchedPage, complete: boolean, location: string | null = null): Promise<void> {
  await ctx.memory.record({
    location,
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
