export { createBlobStore } from './create-blob-store.ts';
export { blobKey, createLocalBlobStore, sha256Bytes, sha256File, type BlobStore } from './blob-store.ts';
export { createS3BlobStore } from './s3-blob-store.ts';
