/*
 * A stage can commit its work and still see its job fail: Redis goes away
 * between the stage's commit and the queueing of the next stage's job, and the
 * job ends failed. `ingest --wait` must not count that document as done while
 * the database says it still needs a stage; it queues that stage and waits on.
 * A stage that failed by itself is not retried by the wait (the job's attempts
 * are the retry policy). And when the failed job is retried, the retry hands
 * over instead of running the stage again over what later stages wrote.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnrecoverableError, Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalBlobStore } from '@budget-ingest/blob-store';
import { loadConfig } from '@budget-ingest/config';
import { createDb, documents, migrate, type DbHandle, type DocumentStatus } from '@budget-ingest/db';
import { EXTRACTOR_VERSION } from '@budget-ingest/extract';
import { PARSER_VERSION } from '@budget-ingest/report-parser';
import { silentLogger } from '@budget-ingest/logger';
import {
  createQueues,
  connectProducer,
  createRedis,
  enqueueStage,
  extractJobId,
  parseJobId,
  processStageJob,
  requeueIfLost,
  waitForDocuments,
  type PipelineDeps,
  type PipelineQueues,
  type Started,
} from '@budget-ingest/pipeline';
import { noRedis, redisUrl, uniqueQueuePrefix } from './support/services.ts';

describe.skipIf(noRedis)('waiting on a document whose job failed', () => {
  let dir: string;
  let handle: DbHandle;
  let deps: PipelineDeps;
  let redis: Awaited<ReturnType<typeof connectProducer>>;
  let queues: PipelineQueues;
  let worker: Worker;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bi-handoff-'));
    handle = await createDb({ databaseUrl: null, dataDir: dir });
    await migrate(handle);
    deps = { db: handle.db, blobs: createLocalBlobStore(join(dir, 'blobs')), logger: silentLogger(), config: loadConfig({}), pathEnv: '' };
    redis = await connectProducer(redisUrl!, 5_000);
    const prefix = uniqueQueuePrefix();
    queues = createQueues(redis, prefix);
    // Every extract job fails for good, as one does whose hand-off to parse hit a Redis outage.
    worker = new Worker(queues.extract.name, async (): Promise<void> => { throw new UnrecoverableError('Connection is closed.'); }, { connection: createRedis(redisUrl!, 'worker'), prefix });
  });

  afterAll(async () => {
    await worker?.close();
    await queues?.close();
    redis?.disconnect();
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A document in `status` after extraction, with its extract job run to failure. */
  async function failedExtractJob(status: DocumentStatus, sha: string): Promise<Started> {
    const [doc] = await handle.db
      .insert(documents)
      .values({ sha256: sha, fileName: `${status}.pdf`, format: 'pdf', byteSize: 1, status, blobKey: `blobs/${sha}`, extractorVersion: EXTRACTOR_VERSION })
      .returning({ id: documents.id });
    await enqueueStage(queues, 'extract', { documentId: doc!.id, sha256: sha });
    const job = (await queues.extract.getJob(extractJobId(sha)))!;
    for (let i = 0; i < 100 && (await job.getState()) !== 'failed'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await job.getState()).toBe('failed');
    return { file: `${status}.pdf`, documentId: doc!.id, sha256: sha, isNew: true, from: 'extract' };
  }

  const wait = (item: Started) =>
    waitForDocuments(queues, [item], { pollMs: 20, timeoutMs: 1_500, requeueLost: (i, failed) => requeueIfLost(deps, queues, i, failed) });

  it('queues the next stage when the database says the failed stage did its work', async () => {
    const sha = 'c'.repeat(64);
    const item = await failedExtractJob('extracted', sha);
    // No parse worker runs here, so the wait goes on until its timeout: it did not count the document as done.
    await expect(wait(item)).rejects.toThrow(/still in the queues/);
    expect(await queues.parse.getJobState(parseJobId(sha))).toBe('waiting');
  });

  it('counts a document whose stage failed by itself as done, queueing nothing', async () => {
    const sha = 'd'.repeat(64);
    const item = await failedExtractJob('failed', sha);
    await expect(wait(item)).resolves.toBeUndefined();
    expect(await queues.parse.getJobState(parseJobId(sha))).toBe('unknown');
  });

  it('follows more documents than one polling round asks about to the end, in queue order', async () => {
    const prefix = uniqueQueuePrefix();
    const q = createQueues(redis, prefix);
    // Parse jobs finish one after another, slower than a polling round: later documents wait behind the window.
    const parser = new Worker(q.parse.name, async (): Promise<void> => { await new Promise((r) => setTimeout(r, 5)); }, { connection: createRedis(redisUrl!, 'worker'), prefix });
    try {
      const items: Started[] = [];
      for (let i = 0; i < 80; i++) {
        const sha = i.toString(16).padStart(64, 'e');
        await enqueueStage(q, 'parse', { documentId: 1000 + i, sha256: sha });
        items.push({ file: `${i}.pdf`, documentId: 1000 + i, sha256: sha, isNew: true, from: 'parse' });
      }
      const progress: number[] = [];
      await waitForDocuments(q, items, { pollMs: 20, timeoutMs: 30_000, onProgress: (done) => progress.push(done) });
      expect(progress.at(-1)).toBe(80);
      for (const item of items) expect(await q.parse.getJobState(parseJobId(item.sha256))).toBe('completed');
    } finally {
      await parser.close();
      await q.close();
    }
  });

  it('keeps waiting on a document while a job of a stage before the one it waits from will still run', async () => {
    const prefix = uniqueQueuePrefix();
    const q = createQueues(redis, prefix);
    const parser = new Worker(q.parse.name, async (): Promise<void> => {}, { connection: createRedis(redisUrl!, 'worker'), prefix });
    try {
      const sha = '7'.repeat(64);
      // An extract job waiting for its retry (it failed handing over while Redis was away); a later
      // ingest saw the document extracted and queued its parse, which completes.
      await q.extract.add('extract', { documentId: 3000, sha256: sha }, { jobId: extractJobId(sha), delay: 60_000 });
      await enqueueStage(q, 'parse', { documentId: 3000, sha256: sha });
      const item: Started = { file: 'x.pdf', documentId: 3000, sha256: sha, isNew: false, from: 'parse' };
      await expect.poll(() => q.parse.getJobState(parseJobId(sha))).toBe('completed');
      // The retried extraction will write the document again: it is not done yet.
      await expect(waitForDocuments(q, [item], { pollMs: 20, timeoutMs: 300 })).rejects.toThrow(/1 document\(s\) still/);
      await (await q.extract.getJob(extractJobId(sha)))!.remove();
      await expect(waitForDocuments(q, [item], { pollMs: 20, timeoutMs: 300 })).resolves.toBeUndefined();
    } finally {
      await parser.close();
      await q.close();
    }
  });

  /** A document row in `status` with the current versions (no blob: a stage that ran would fail). */
  async function documentIn(status: DocumentStatus, sha: string): Promise<number> {
    const [doc] = await handle.db
      .insert(documents)
      .values({ sha256: sha, fileName: `${status}.pdf`, format: 'pdf', byteSize: 1, status, blobKey: `blobs/${sha}`, extractorVersion: EXTRACTOR_VERSION, parserVersion: status === 'parsed' ? PARSER_VERSION : null })
      .returning({ id: documents.id });
    return doc!.id;
  }

  it('hands a retried job over to what the database says is pending, without running its stage again', async () => {
    const q = createQueues(redis, uniqueQueuePrefix());
    try {
      // The earlier attempt extracted and committed; the parse that followed finished too.
      const parsedSha = '8'.repeat(64);
      const parsedId = await documentIn('parsed', parsedSha);
      const retry = { id: 'retry', attemptsMade: 1, data: { documentId: parsedId, sha256: parsedSha } };
      const outcome = await processStageJob(deps, q, 'extract', retry);
      expect(outcome).toMatchObject({ stage: 'extract', status: 'parsed', errorCode: null });
      expect(await q.parse.getJobState(parseJobId(parsedSha))).toBe('unknown');
      // Extracted, but its parse job was never queued: the retry queues it.
      const extractedSha = '9'.repeat(64);
      const extractedId = await documentIn('extracted', extractedSha);
      await processStageJob(deps, q, 'extract', { id: 'retry', attemptsMade: 2, data: { documentId: extractedId, sha256: extractedSha } });
      expect(await q.parse.getJobState(parseJobId(extractedSha))).toBe('waiting');
      // Run again after a stall (BullMQ counts a start, not an attempt): the same.
      await expect(processStageJob(deps, q, 'extract', { id: 'stalled', attemptsMade: 0, attemptsStarted: 2, data: { documentId: parsedId, sha256: parsedSha } })).resolves.toMatchObject({ status: 'parsed' });
      // A first attempt runs the stage (here it fails: there is no stored file).
      await expect(processStageJob(deps, q, 'extract', { id: 'first', attemptsMade: 0, data: { documentId: parsedId, sha256: parsedSha } })).rejects.toThrow();
      // A retry whose stage the database does not show done runs it: extracted by an older extractor.
      const oldSha = 'a'.repeat(63) + '0';
      const oldId = await documentIn('parsed', oldSha);
      await handle.db.update(documents).set({ extractorVersion: '0.0.1' }).where(eq(documents.id, oldId));
      await expect(processStageJob(deps, q, 'extract', { id: 'retry', attemptsMade: 1, data: { documentId: oldId, sha256: oldSha } })).rejects.toThrow();
      // The last stage hands nothing over: its retry runs (`reparse` queues it for documents already parsed).
      await expect(processStageJob(deps, q, 'parse', retry)).rejects.toThrow(/no extracted content/);
    } finally {
      await q.close();
    }
  });

  /** 80 documents at the parse stage (their jobs queued when `queued`), and queues whose parse.getJobState calls are counted. */
  async function eightyDocuments(queued: boolean) {
    const q = createQueues(redis, uniqueQueuePrefix());
    const items: Started[] = [];
    for (let i = 0; i < 80; i++) {
      const sha = i.toString(16).padStart(64, 'f');
      if (queued) await enqueueStage(q, 'parse', { documentId: 2000 + i, sha256: sha });
      items.push({ file: `${i}.pdf`, documentId: 2000 + i, sha256: sha, isNew: true, from: 'parse' });
    }
    const calls = { n: 0 };
    const parse = new Proxy(q.parse, { get: (t, k) => (k === 'getJobState' ? (id: string) => (calls.n++, t.getJobState(id)) : Reflect.get(t, k)) });
    return { q, items, calls, counted: { ...q, parse } as PipelineQueues };
  }

  it('asks Redis about a window of 32 running documents per round, not every pending one', async () => {
    const { q, items, calls, counted } = await eightyDocuments(true);
    const perRound: number[] = [];
    // No worker: every job keeps waiting, so the wait ends at its timeout.
    await expect(waitForDocuments(counted, items, { pollMs: 20, timeoutMs: 300, onProgress: () => perRound.push(calls.n) })).rejects.toThrow(/80 document\(s\) still/);
    expect(perRound[0]).toBe(32);
    await q.close();
  });

  it('queues every document whose job Redis lost in the first round, not a window at a time', async () => {
    const { q, items, counted } = await eightyDocuments(false);
    const requeued = new Set<number>();
    const firstRound: number[] = [];
    const requeueLost = async (item: Started): Promise<Started> => {
      requeued.add(item.documentId);
      return item;
    };
    await expect(waitForDocuments(counted, items, { pollMs: 20, timeoutMs: 300, requeueLost, onProgress: () => firstRound.push(requeued.size) })).rejects.toThrow(/still in the queues/);
    expect(firstRound[0]).toBe(80);
    await q.close();
  });
});
