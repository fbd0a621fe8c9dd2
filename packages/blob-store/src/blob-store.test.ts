import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// s3rver is a real S3-protocol HTTP server on loopback: the S3 client under test speaks real S3 to it.
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobKey, createLocalBlobStore, sha256Bytes, sha256File, type BlobStore } from './blob-store.ts';
import { createS3BlobStore } from './s3-blob-store.ts';

const bytes = new TextEncoder().encode('%PDF-1.7 a tiny budget');
const sha = sha256Bytes(bytes);

function behavesLikeABlobStore(name: string, make: () => BlobStore) {
  describe(name, () => {
    it('stores bytes under their sha256 and reads them back', async () => {
      const store = make();
      expect(await store.has(blobKey(sha))).toBe(false);
      const key = await store.put(sha, { bytes });
      expect(key).toBe(blobKey(sha));
      expect(await store.has(key)).toBe(true);
      expect(Buffer.from(await store.get(key)).toString()).toBe('%PDF-1.7 a tiny budget');
    });

    it('stores a file from disk, and a second put of the same content is a no-op', async () => {
      const store = make();
      const dir = mkdtempSync(join(tmpdir(), 'bi-blob-src-'));
      const path = join(dir, 'file.pdf');
      writeFileSync(path, 'another file');
      const fileSha = await sha256File(path);
      const key = await store.put(fileSha, { path });
      expect(await store.put(fileSha, { path })).toBe(key);
      expect(Buffer.from(await store.get(key)).toString()).toBe('another file');
      rmSync(dir, { recursive: true, force: true });
    });
  });
}

const localDir = mkdtempSync(join(tmpdir(), 'bi-blobs-'));
afterAll(() => rmSync(localDir, { recursive: true, force: true }));
behavesLikeABlobStore('the local blob store', () => createLocalBlobStore(localDir));

describe('the S3 blob store', () => {
  const s3Dir = mkdtempSync(join(tmpdir(), 'bi-s3rver-'));
  let server: S3rver;
  let endpoint = '';
  beforeAll(async () => {
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: 'budget-blobs', configs: [] }] });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await server.close();
    rmSync(s3Dir, { recursive: true, force: true });
  });
  behavesLikeABlobStore('over the S3 protocol', () =>
    createS3BlobStore({ bucket: 'budget-blobs', endpoint, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', prefix: 'test/' }),
  );
});
