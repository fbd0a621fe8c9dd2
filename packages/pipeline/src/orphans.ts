import { inArray } from 'drizzle-orm';
import { documents, type Db, type DocumentStatus } from '@budget-ingest/db';
import { firstPendingStage, type StageName } from './chain.ts';
import { enqueueStage, stageJobState, type PipelineQueues } from './queues.ts';

/** A document the database says still needs a stage, with no job for it in the queues. */
export interface Orphan {
  readonly documentId: number;
  readonly sha256: string;
  readonly fileName: string;
  readonly status: DocumentStatus;
  readonly stage: StageName;
}

/** Job states in which a worker will still get to the job. */
const LIVE: ReadonlySet<string> = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Documents left `pending` or `extracted` whose job is gone: Redis restarted
 * without persistence (or was flushed, or evicted keys) and took the queued
 * jobs with it. Nothing else would ever move them on.
 */
export async function findOrphans(db: Db, queues: PipelineQueues): Promise<Orphan[]> {
  const rows = await db
    .select({ id: documents.id, sha256: documents.sha256, fileName: documents.fileName, status: documents.status, extractorVersion: documents.extractorVersion, parserVersion: documents.parserVersion, blobKey: documents.blobKey })
    .from(documents)
    .where(inArray(documents.status, ['pending', 'extracted']));
  const out: Orphan[] = [];
  for (const row of rows) {
    const stage = firstPendingStage(row);
    if (!stage) continue;
    if (LIVE.has(await stageJobState(queues, stage, row.sha256))) continue;
    out.push({ documentId: row.id, sha256: row.sha256, fileName: row.fileName, status: row.status, stage });
  }
  return out;
}

/** Queues each orphan's stage again (a finished job with the same id is replaced). */
export async function requeueOrphans(queues: PipelineQueues, orphans: readonly Orphan[]): Promise<void> {
  for (const o of orphans) {
    await enqueueStage(queues, o.stage, { documentId: o.documentId, sha256: o.sha256 });
  }
}
