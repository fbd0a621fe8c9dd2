import { createBlobStore, type BlobStore } from '@budget-ingest/blob-store';
import type { Config } from '@budget-ingest/config';
import type { Db } from '@budget-ingest/db';
import type { Logger } from '@budget-ingest/logger';

/** What the stages need; built once by the CLI or a worker's main and passed down. */
export interface PipelineDeps {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly logger: Logger;
  readonly config: Config;
  /** PATH, to find LibreOffice for legacy formats. */
  readonly pathEnv: string;
}

/** The one place the stages' dependencies are put together (CLI, worker services, extraction children). */
export function createPipelineDeps(db: Db, config: Config, logger: Logger, pathEnv: string): PipelineDeps {
  return { db, blobs: createBlobStore(config), logger, config, pathEnv };
}
