import { rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { toText } from './charset.ts';
import { detectChallengeInBytes } from './challenge.ts';
import { parseContentDispositionFileName } from './content-disposition.ts';
import { BlockedError, headerValue, skip, type Ctx } from './crawl-context.ts';
import { judgeDocument } from './document-format.ts';
import type { FileProvenance } from './file-sink.ts';
import { chooseFileName } from './file-name.ts';
import { readEnds } from './file-ends.ts';
import { findHandoff } from './handoff.ts';
import { visitArchive } from './archive-visit.ts';
import { canonicalUrl, fileExtension } from './urls.ts';

/** A link taken as a file: where it was found, its text (often the only readable name), and why it was taken. */
export interface FileLink {
  readonly url: string;
  readonly text: string;
  readonly page: string;
  readonly why: string;
  /** Taken on its text or a download pattern rather than its extension. */
  readonly candidate: boolean;
  /** What the portal said about the file (entry title and date, detail page), kept on its document. */
  readonly context: LinkContext;
  /** Hand-off pages followed to reach this URL. */
  readonly hops?: number;
}

export interface LinkContext {
  readonly entryTitle: string | null;
  readonly entryDate: string | null;
  readonly detailUrl: string | null;
}

const SNIFF_BYTES = 64 * 1024;
/** Hand-off pages followed in a row, as for redirects. */
export const MAX_HANDOFFS = 5;

/**
 * Downloads one attachment, decides by the response whether it is a
 * document (bytes, then Content-Type), and hands it to the sink; an archive
 * is read member by member, a hand-off page followed to its target. True
 * when it is handled (new, known, unchanged, or skipped on purpose).
 */
export async function visitFile(ctx: Ctx, link: FileLink): Promise<boolean> {
  const url = canonicalUrl(link.url) ?? link.url;
  if (ctx.seenFiles.has(url)) return true;
  ctx.seenFiles.add(url);
  const name = ctx.portal.name;
  if (ctx.dryRun) {
    const refusal = await ctx.fetcher.refusal(url);
    if (refusal) {
      skip(ctx, url, refusal.reason, refusal.detail);
      return true;
    }
    ctx.c.wouldFetch++;
    ctx.emit({ type: 'link', source: name, page: link.page, url, follow: 'file', why: link.why });
    return true;
  }
  const prior = ctx.full ? null : await ctx.memory.prior(url);
  // A known non-document, archive or hand-off is asked for conditionally too, so a second crawl reads nothing new.
  const knownNonDocument = prior?.status === 'skipped' && (prior.error ?? '').startsWith('not-a-document') ? prior.error : null;
  const knownHandoff = prior?.status === 'fetched' && prior.location ? prior.location : null;
  const validators = prior?.sha256 || knownNonDocument || knownHandoff ? { etag: prior?.etag, lastModified: prior?.lastModified } : undefined;
  const res = await ctx.fetcher.fetchFile(url, validators);
  if (res.type === 'not-modified') {
    if (knownHandoff) {
      await ctx.memory.record({ url, status: 'fetched', httpStatus: 304 });
      return visitFile(ctx, { ...link, url: knownHandoff, page: url, hops: (link.hops ?? 0) + 1 });
    }
    ctx.c.unchanged++;
    if (knownNonDocument) await ctx.memory.record({ url, status: 'skipped', httpStatus: 304, error: knownNonDocument });
    else await ctx.memory.record({ url, status: 'not_modified', httpStatus: 304 });
    ctx.emit({ type: 'file', source: name, url, status: 'not_modified', httpStatus: 304, isNew: false, fileName: prior?.fileName ?? null, documentId: prior?.documentId ?? null, ...(knownNonDocument ? { detail: knownNonDocument } : {}) });
    return true;
  }
  if (res.type === 'skipped') {
    skip(ctx, url, res.reason, res.detail);
    await ctx.memory.record({ url, status: 'skipped', error: `${res.reason}: ${res.detail}` });
    return true;
  }
  if (res.type === 'blocked') {
    ctx.c.blocked++;
    await ctx.memory.record({ url, status: 'blocked', httpStatus: res.status, contentType: res.contentType, error: `${res.evidence.kind}: ${res.evidence.evidence}` });
    ctx.emit({ type: 'file', source: name, url, status: 'blocked', httpStatus: res.status, isNew: false, fileName: null, documentId: null, detail: res.evidence.evidence });
    throw new BlockedError(res.at, res.evidence);
  }
  if (res.type === 'failed') {
    // Never a validator or a document for a failed (or cut) download: the next crawl asks again in full.
    ctx.c.errors++;
    ctx.log.warn({ url, reason: res.reason, status: res.status, detail: res.detail }, 'file failed');
    await ctx.memory.record({ url, status: 'failed', httpStatus: res.status, etag: null, lastModified: null, error: `${res.reason}: ${res.detail}` });
    ctx.emit({ type: 'file', source: name, url, status: 'failed', httpStatus: res.status, isNew: false, fileName: null, documentId: null, detail: `${res.reason}: ${res.detail}` });
    return false;
  }
  try {
    const contentType = headerValue(res.headers['content-type']);
    const disposition = headerValue(res.headers['content-disposition']);
    const { head, tail } = await readEnds(res.path, SNIFF_BYTES);
    const declaredName = parseContentDispositionFileName(disposition);
    const declared = [declaredName ? extname(declaredName).slice(1).toLowerCase() : null, fileExtension(res.finalUrl), fileExtension(url)].filter((e): e is string => !!e);
    const verdict = judgeDocument({ head, tail, contentType, declaredExtensions: declared });
    if (!verdict.document) {
      if (verdict.html) {
        // A page where a file was expected: a hand-off to the file, a WAF challenge, an error page served with 200, or (for a candidate) an article.
        const setCookies = res.headers['set-cookie'] ?? [];
        const challenge = detectChallengeInBytes({ status: res.status, setCookies, body: head, contentType, override: ctx.portal.encoding });
        const handoff = challenge?.kind === 'challenge-cookie' ? null : findHandoff(toText(head, contentType, ctx.portal.encoding).text, res.finalUrl);
        if (handoff) {
          if ((link.hops ?? 0) >= MAX_HANDOFFS) {
            skip(ctx, url, 'too-many-redirects', `more than ${MAX_HANDOFFS} hand-off pages in a row`);
            await ctx.memory.record({ url, status: 'skipped', httpStatus: res.status, error: `too-many-redirects: more than ${MAX_HANDOFFS} hand-off pages` });
            return true;
          }
          ctx.log.info({ url, target: handoff.target, how: handoff.how }, 'hand-off page followed');
          await ctx.memory.record({ url, status: 'fetched', httpStatus: res.status, contentType, etag: res.etag, lastModified: res.lastModified, location: handoff.target, error: null });
          ctx.emit({ type: 'file', source: name, url, status: 'fetched', httpStatus: res.status, isNew: false, fileName: null, documentId: null, detail: `hand-off (${handoff.how}) to ${handoff.target}` });
          return await visitFile(ctx, { ...link, url: handoff.target, page: url, hops: (link.hops ?? 0) + 1 });
        }
        if (challenge) {
          ctx.c.blocked++;
          await ctx.memory.record({ url, status: 'blocked', httpStatus: res.status, contentType, error: `${challenge.kind}: ${challenge.evidence}` });
          ctx.emit({ type: 'file', source: name, url, status: 'blocked', httpStatus: res.status, isNew: false, fileName: null, documentId: null, detail: challenge.evidence });
          throw new BlockedError(url, challenge);
        }
      }
      if (verdict.html && !link.candidate) {
        // The URL promised a file: most likely a transient error page, so it is retried next crawl.
        ctx.c.errors++;
        await ctx.memory.record({ url, status: 'failed', httpStatus: res.status, contentType, error: 'html-instead-of-file: the server answered with an HTML page' });
        ctx.emit({ type: 'file', source: name, url, status: 'failed', httpStatus: res.status, isNew: false, fileName: null, documentId: null, detail: 'an HTML page instead of a file' });
        return false;
      }
      const reason = `not-a-document: ${verdict.evidence}`;
      await ctx.memory.record({ url, status: 'skipped', httpStatus: res.status, contentType, etag: res.etag, lastModified: res.lastModified, error: reason });
      skip(ctx, url, 'not-a-document', `${verdict.evidence} (link taken on ${link.why})`);
      return true;
    }
    const title = link.context.entryTitle;
    const fileName = chooseFileName(disposition, res.finalUrl, link.text, verdict.extension, title);
    const provenance: FileProvenance = { ...link.context, containerUrl: null };
    if (verdict.extension === 'zip') {
      return await visitArchive(ctx, { url, path: res.path, sha256: res.sha256, fileName, status: res.status, contentType, etag: res.etag, lastModified: res.lastModified, provenance, prior });
    }
    let documentId = prior?.documentId ?? null;
    let isNew = false;
    if (prior?.sha256 === res.sha256 && documentId !== null) {
      // Same bytes as last time; the server just does not do conditional GET.
      ctx.c.unchanged++;
    } else {
      if (!ctx.sink) throw new Error('a crawl that downloads needs a file sink');
      const accepted = await ctx.sink.accept({ path: res.path, sha256: res.sha256, byteSize: res.byteSize, fileName, url, sourceId: ctx.sourceId, provenance });
      documentId = accepted.documentId;
      isNew = accepted.isNew;
      if (isNew) ctx.c.newFiles++;
      else ctx.c.unchanged++;
    }
    await ctx.memory.record({ url, status: 'fetched', httpStatus: res.status, etag: res.etag, lastModified: res.lastModified, contentType, fileName, sha256: res.sha256, documentId, location: null, error: null });
    ctx.emit({ type: 'file', source: name, url, status: 'fetched', httpStatus: res.status, isNew, fileName, documentId });
    return true;
  } finally {
    await rm(res.path, { force: true });
  }
}
