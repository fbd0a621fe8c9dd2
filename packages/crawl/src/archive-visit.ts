import { rm } from 'node:fs/promises';
import { ArchiveRefused, openArchive, type ArchiveEntry } from './archive-members.ts';
import { cleanFileName } from './content-disposition.ts';
import { skip, type Ctx } from './crawl-context.ts';
import type { FetchedUrlRow } from './crawl-state.ts';
import { judgeDocument } from './document-format.ts';
import type { FileProvenance } from './file-sink.ts';
import { nameFromCandidates } from './file-name.ts';
import { readEnds } from './file-ends.ts';

/** A downloaded archive, still on disk. */
export interface ArchiveDownload {
  readonly url: string;
  readonly path: string;
  readonly sha256: string;
  readonly fileName: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly provenance: FileProvenance;
  readonly prior: FetchedUrlRow | null;
}

const SNIFF_BYTES = 64 * 1024;

/** The URL of a member: the archive's, then `#` and the member's path inside it. */
export function memberUrl(archiveUrl: string, member: string): string {
  return `${archiveUrl}#${member}`;
}

/**
 * An archive is no document: each member that is one goes to the sink as a
 * document of its own (URL `archive#member`, its container_url the archive),
 * and the archive's own fetched_urls row records the container (sha256,
 * validators, no document). An archive that breaks a limit, or a member that
 * is no document, is skipped with its reason. Same bytes as last time: the
 * members are known, nothing is expanded again.
 */
export async function visitArchive(ctx: Ctx, a: ArchiveDownload): Promise<boolean> {
  const source = ctx.portal.name;
  const record = (extra: { error: string | null; documents?: number }) =>
    ctx.memory.record({ url: a.url, status: extra.error ? 'skipped' : 'fetched', httpStatus: a.status, etag: a.etag, lastModified: a.lastModified, contentType: a.contentType, fileName: a.fileName, sha256: a.sha256, documentId: null, location: null, error: extra.error });
  if (a.prior?.sha256 === a.sha256 && a.prior.status === 'fetched') {
    ctx.c.unchanged++;
    await record({ error: null });
    ctx.emit({ type: 'file', source, url: a.url, status: 'fetched', httpStatus: a.status, isNew: false, fileName: a.fileName, documentId: null, detail: 'archive: same bytes as last time' });
    return true;
  }
  let archive;
  try {
    archive = await openArchive(a.path, ctx.portal.attachments.archives);
  } catch (err) {
    if (!(err instanceof ArchiveRefused)) throw err;
    await record({ error: `archive-refused: ${err.code}: ${err.message}` });
    skip(ctx, a.url, 'archive-refused', `${err.code}: ${err.message}`);
    return true;
  }
  let documents = 0;
  try {
    for (const e of archive.entries) if (await visitMember(ctx, a, e, () => archive.extract(e, ctx.tmpDir))) documents++;
  } finally {
    archive.close();
  }
  await record({ error: null });
  ctx.emit({ type: 'file', source, url: a.url, status: 'fetched', httpStatus: a.status, isNew: true, fileName: a.fileName, documentId: null, detail: `archive: ${archive.entries.length} member(s), ${documents} document(s)` });
  return true;
}

/** One member: expanded, judged by its bytes, handed to the sink. True when it was a document. */
async function visitMember(ctx: Ctx, a: ArchiveDownload, e: ArchiveEntry, expand: () => Promise<{ path: string; sha256: string; byteSize: number }>): Promise<boolean> {
  const url = memberUrl(a.url, e.name);
  const source = ctx.portal.name;
  const refuse = async (reason: 'archive-refused' | 'not-a-document', detail: string) => {
    await ctx.memory.record({ url, status: 'skipped', error: `${reason}: ${detail}` });
    skip(ctx, url, reason, detail);
    return false;
  };
  if (e.encrypted) return refuse('archive-refused', 'the member is encrypted');
  let member;
  try {
    member = await expand();
  } catch (err) {
    return refuse('archive-refused', `${err instanceof ArchiveRefused ? `${err.code}: ` : 'corrupt: '}${(err as Error).message}`);
  }
  try {
    const { head, tail } = await readEnds(member.path, SNIFF_BYTES);
    const ext = /\.([a-z0-9]{2,5})$/i.exec(e.name)?.[1]?.toLowerCase();
    const verdict = judgeDocument({ head, tail, contentType: null, declaredExtensions: ext ? [ext] : [] });
    if (!verdict.document) return refuse('not-a-document', verdict.evidence);
    if (verdict.extension === 'zip') return refuse('archive-refused', 'an archive inside an archive is not opened');
    const base = cleanFileName(e.name);
    // A member called 1.pdf or 附件1.pdf is named after the entry, else after the archive.
    const fileName = nameFromCandidates([base], verdict.extension, a.provenance.entryTitle ?? a.fileName.replace(/\.zip$/i, ''));
    if (!ctx.sink) throw new Error('a crawl that downloads needs a file sink');
    const accepted = await ctx.sink.accept({ path: member.path, sha256: member.sha256, byteSize: member.byteSize, fileName, url, sourceId: ctx.sourceId, provenance: { ...a.provenance, containerUrl: a.url } });
    if (accepted.isNew) ctx.c.newFiles++;
    else ctx.c.unchanged++;
    await ctx.memory.record({ url, status: 'fetched', fileName, sha256: member.sha256, documentId: accepted.documentId, error: null });
    ctx.emit({ type: 'file', source, url, status: 'fetched', httpStatus: null, isNew: accepted.isNew, fileName, documentId: accepted.documentId, detail: 'archive member' });
    return true;
  } finally {
    await rm(member.path, { force: true });
  }
}
