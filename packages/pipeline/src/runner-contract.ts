import type { IngestResult, StageName, Submitted } from './chain.ts';
import type { FileInput } from './store-file.ts';

/** A document to run again from a given stage. */
export interface DocumentRef {
  readonly documentId: number;
  readonly sha256: string;
  readonly fileName: string;
}

export interface RunnerHooks {
  /** Called while waiting, whenever the count of finished documents may have moved. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Queued runner: Redis went away (the runner waits up to REDIS_OUTAGE_MS) and came back. */
  readonly onRedisDown?: (err: unknown) => void;
  readonly onRedisBack?: () => void;
}

/**
 * What the commands call to move documents along the chain (chain.ts). The
 * in-process runner runs each document's stages before `submit` returns; the
 * queued runner stores the file, queues the first stage and lets the workers
 * run the rest. A command treats both alike: what `submit` returns with a
 * result is done, what returns without one is finished by `wait`.
 */
export interface Runner {
  /** Stores a file and starts the chain at the first stage it still needs. */
  submit(input: FileInput): Promise<Submitted>;
  /** Starts the chain again at `from` for a stored document (reparse, retry-failed). */
  rerun(doc: DocumentRef, from: StageName): Promise<Submitted>;
  /** Documents the database says need a stage that nothing will ever run (jobs Redis lost), started again. */
  recoverLost(): Promise<Submitted[]>;
  /** Waits until the given documents have gone through the chain; their results, in order. */
  wait(items: readonly Submitted[], hooks?: Pick<RunnerHooks, 'onProgress'>): Promise<IngestResult[]>;
  close(): Promise<void>;
}
