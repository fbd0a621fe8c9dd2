import { open, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { detectChallengeInBytes } from './challenge.ts';
import { parseContentDispositionFileName } from './content-disposition.ts';
import { BlockedError, headerValue, skip, type Ctx } from './crawl-context.ts';
import { judgeDocument } from './document-format.ts';
import { chooseFileName } from './file-name.ts';
import { canonicalUrl, fileExtension } from './urls.ts';

/** A link taken as a file: where it was found, its text (often the only readable name), and why it was taken. */
export interface FileLink {
  readonly url: string;
  readonly text: string;
  readonly page: string;
  readonly why: string;
  /** Taken on its text or a download pattern rather than its extension. */
  readonly candidate: boolean;
}

const SNIFF_BYTES = 64 * 1024;

/**
 * Downloads one attachment, decides by the response whether it is a
 * document (bytes, then Content-Type), and hands it to the sink. True when
 * it is handled (new, known, unchanged, or skipped on purpose).
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
  // A known non-document is asked for conditionally too, so a second crawl reads nothing new.
  const knownNonDocument = prior?.status === 'skipped' && (prior.error ?? '').startsWith('not-a-document') ? prior.error : null;
  const validators = prior?.sha256 || knownNonDocument ? { etag: prior?.etag, lastModified: prior?.lastModified } : undefined;
  const res = await ctx.fetcher.fetchFile(url, validators);
  if (res.type === 'not-modified') {
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
  if (res.type === 'failed') {
    ctx.c.errors++;
    ctx.log.warn({ url, reason: res.reason, status: res.status, detail: res.detail }, 'file failed');
    await ctx.memory.record({ url, status: 'failed', httpStatus: res.status, error: `${res.reason}: ${res.detail}` });
    ctx.emit({ type: 'file', source: name, url, status: 'failed', httpStatus: res.status, isNew: false, fileName: null, documentId: null, detail: res.detail });
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
        // A page where a file was expected: a WAF challenge, an error page served with 200, or (for a candidate) an article.
        const challenge = detectChallengeInBytes({ status: res.status, setCookies: res.headers['set-cookie'] ?? [], body: head, contentType, override: ctx.portal.encoding });
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
    const fileName = chooseFileName(disposition, res.finalUrl, link.text, verdict.extension);
    let documentId = prior?.documentId ?? null;
    let isNew = false;
    if (prior?.sha256 === res.sha256 && documentId !== null) {
      // Same bytes as last time; the server just does not do conditional GET.
      ctx.c.unchanged++;
    } else {
      if (!ctx.sink) throw new Error('a crawl that downloads needs a file sink');
      const accepted = await ctx.sink.accept({ path: res.path, sha256: res.sha256, byteSize: res.byteSize, fileName, url, sourceId: ctx.sourceId });
      documentId = accepted.documentId;
      isNew = accepted.isNew;
      if (isNew) ctx.c.newFiles++;
      else ctx.c.unchanged++;
    }
    await ctx.memory.record({ url, status: 'fetched', httpStatus: res.status, etag: res.etag, lastModified: res.lastModified, contentType, fileName, sha256: res.sha256, documentId, error: null });
    ctx.emit({ type: 'file', source: name, url, status: 'fetched', httpStatus: res.status, isNew, fileName, documentId });
    return true;
  } finally {
    await rm(res.path, { force: true });
  }
}

/** The first and last `max` bytes of a file. */
async function readEnds(path: string, max: number): Promise<{ head: Buffer; tail: Buffer }> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(max, size));
    await fh.read(head, 0, head.length, 0);
    const tailStart = Math.max(head.length, size - max);
    const tail = Buffer.alloc(size - tailStart);
    await fh.read(tail, 0, tail.length, tailStart);
    return { head, tail };
  } finally {
    await fh.close();
  }
}
