import type * as S3Sdk from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { S3Settings } from '@budget-ingest/config';
import { blobKey, type BlobStore } from './blob-store.ts';

/**
 * Blobs in an S3-compatible bucket (MinIO in docker-compose, or AWS S3), so
 * workers on other machines read the same files. Same keys as the local store.
 */
export function createS3BlobStore(s3: S3Settings): BlobStore {
  // The SDK is imported on first use: it is large, and every command builds a
  // blob store whether or not it touches a blob (`status` does not).
  let loaded: Promise<Sdk> | null = null;
  const sdk = () => (loaded ??= import('@aws-sdk/client-s3').then((m) => ({ ...m, client: newClient(m, s3) })));
  const objectKey = (key: string) => `${s3.prefix}${key}`;
  const has = async (key: string) => {
    const { client, HeadObjectCommand } = await sdk();
    try {
      await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: objectKey(key) }));
      return true;
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (err as Error).name === 'NotFound') return false;
      throw err;
    }
  };
  return {
    location: `s3://${s3.bucket}/${s3.prefix}`,
    has,
    async put(sha256, source) {
      const key = blobKey(sha256);
      if (await has(key)) return key;
      // A file is streamed, never read whole into memory.
      const body = 'bytes' in source ? source.bytes : createReadStream(source.path);
      const length = 'bytes' in source ? source.bytes.length : (await stat(source.path)).size;
      const { client, PutObjectCommand } = await sdk();
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: objectKey(key), Body: body, ContentLength: length }));
      return key;
    },
    async get(key) {
      const { client, GetObjectCommand } = await sdk();
      const res = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: objectKey(key) }));
      if (!res.Body) throw new Error(`empty S3 object ${key}`);
      return new Uint8Array(await res.Body.transformToByteArray());
    },
  };
}

type Sdk = typeof S3Sdk & { client: S3Sdk.S3Client };

function newClient(sdk: typeof S3Sdk, s3: S3Settings): S3Sdk.S3Client {
  return new sdk.S3Client({
    region: s3.region,
    // The SDK's default streams uploads with aws-chunked checksum trailers, which many
    // S3-compatible stores do not understand (the object then contains the chunk framing).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(s3.endpoint ? { endpoint: s3.endpoint, forcePathStyle: true } : {}),
    ...(s3.accessKeyId && s3.secretAccessKey ? { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } } : {}),
  });
}
