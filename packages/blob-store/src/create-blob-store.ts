import type { Config } from '@budget-ingest/config';
import { createLocalBlobStore, type BlobStore } from './blob-store.ts';
import { createS3BlobStore } from './s3-blob-store.ts';

/** The configured blob store: S3 when S3_BUCKET is set, else the local directory. */
export function createBlobStore(config: Config): BlobStore {
  return config.s3 ? createS3BlobStore(config.s3) : createLocalBlobStore(config.blobDir);
}
