/**
 * The per-document boundary of every runner: whatever a stage throws while
 * handling one document fails that document (`internal`, with the error)
 * and the run goes on. The fault is injected through a real seam — the blob
 * store the stages read from (a RangeError, as a spread over a document's
 * rows throws), and a document whose stored model is gone — into the real
 * stages, the real in-process runner, the real queue processor, with the
 * real embedded database.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalBlobStore, type BlobStore } from '@budget-ingest/blob-store';
import { loadConfig } from '@budget-ingest/config';
import { createDb, documentContents, documents, migrate, type DbHandle } from '@budget-ingest/db';
import { silentLogger } from '@budget-ingest/logger';
import { connectProducer, createQueues, getDocument, openRunner, processStageJob, type PipelineDeps, type PipelineQueues } from '@budget-ingest/pipeline';
import { noRedis, redisUrl, uniqueQueuePrefix } from './support/services.ts';

const docs = join(import.meta.dirname, 'fixtures/corpus/docs');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const VICTIM = join(docs, 'lusong-2023-table.xlsx');

/** The local blob store, except that reading the victim's bytes throws what a stack overflow throws. */
function throwingFor(victimSha: string, inner: BlobStore): BlobStore {
  return {
    ...inner,
    get: async (key) => {
      if (key.includes(victimSha)) throw new RangeError('Maximum call stack size exceeded');
      return inner.get(key);
    },
  };
}

describe('a stage that throws fails its document, never the run', { timeout: 180_000 }, () => {
  let dir: string;
  let handle: DbHandle;
  let deps: PipelineDeps;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bi-boundary-'));
    handle = await createDb({ databaseUrl: null, dataDir: dir });
    await migrate(handle);
    const config = loadConfig({ BUDGET_INGEST_DATA_DIR: dir });
    deps = { db: handle.db, blobs: throwingFor(sha(VICTIM), createLocalBlobStore(join(dir, 'blobs'))), logger: silentLogger(), config, pathEnv: process.env.PATH ?? '' };
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('in-process (ingest, retry-failed, reparse): the document ends failed internal with the error, the ones after it are parsed', async () => {
    const runner = await openRunner(deps);
    const results = [];
    for (const f of ['renhua-2021-perf.pdf', 'lusong-2023-table.xlsx', 'lusong-2023-perf.docx']) results.push((await runner.submit({ path: join(docs, f) })).result!);
    expect(results.map((r) => r.status)).toEqual(['parsed', 'failed', 'parsed']);
    const victim = await getDocument(deps, results[1]!.documentId);
    expect(victim).toMatchObject({ status: 'failed', errorCode: 'internal', errorMessage: 'extract failed: Maximum call stack size exceeded' });

    // retry-failed runs the chain again from extract: the same boundary.
    const again = await runner.rerun({ documentId: victim.id, fileName: victim.fileName, sha256: victim.sha256 }, 'extract');
    expect(again.result).toMatchObject({ status: 'failed', errorMessage: expect.stringMatching(/Maximum call stack/) });

    // reparse of a document whose stored model is gone: its parse stage throws in this process.
    const renhua = await getDocument(deps, results[0]!.documentId);
    await handle.db.delete(documentContents).where(eq(documentContents.documentId, renhua.id));
    const reparsed = await runner.rerun({ documentId: renhua.id, fileName: renhua.fileName, sha256: renhua.sha256 }, 'parse');
    expect(reparsed.result).toMatchObject({ status: 'failed', errorMessage: expect.stringMatching(/^parse failed: document \d+ has no extracted content/) });
    expect((await getDocument(deps, renhua.id)).errorCode).toBe('internal');
  });

  describe.skipIf(noRedis)('queue workers', () => {
    let redis: Awaited<ReturnType<typeof connectProducer>>;
    let queues: PipelineQueues;
    beforeAll(async () => {
      redis = await connectProducer(redisUrl!, 5_000);
      queues = createQueues(redis, uniqueQueuePrefix());
    });
    afterAll(async () => {
      await queues?.close();
      redis?.disconnect();
    });

    it('the processor every worker runs records failed internal on the first attempt and hands BullMQ a retryable error', async () => {
      const [row] = await handle.db.select().from(documents).where(eq(documents.sha256, sha(VICTIM)));
      await handle.db.update(documents).set({ status: 'pending', errorCode: null, errorMessage: null }).where(eq(documents.id, row!.id));
      const job = { id: 'boundary-1', attemptsMade: 0, data: { documentId: row!.id, sha256: row!.sha256 } };
      await expect(processStageJob(deps, queues, 'extract', job)).rejects.toThrow(/^internal: extract failed: Maximum call stack size exceeded/);
      expect(await getDocument(deps, row!.id)).toMatchObject({ status: 'failed', errorCode: 'internal' });
    });
  });
});
