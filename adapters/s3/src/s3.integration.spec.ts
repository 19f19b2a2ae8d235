import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobStoreContract } from '@parley/core/testkit';
import { S3BlobStore, type S3Options } from './s3-blob-store.js';

let base: Omit<S3Options, 'bucket'>;
let stop = async () => {};

/** S3_ENDPOINT when set (CI: s3rver), else a throwaway MinIO container when Docker is reachable. */
beforeAll(async () => {
  if (process.env.S3_ENDPOINT) {
    base = {
      endpoint: process.env.S3_ENDPOINT,
      region: process.env.S3_REGION ?? 'us-east-1',
      forcePathStyle: true,
      accessKeyId: process.env.S3_ACCESS_KEY_ID ?? 'S3RVER',
      secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? 'S3RVER',
    };
  } else {
    const { GenericContainer } = await import('testcontainers');
    const container = await new GenericContainer('minio/minio')
      .withCommand(['server', '/data'])
      .withExposedPorts(9000)
      .start();
    stop = async () => {
      await container.stop();
    };
    base = {
      endpoint: `http://${container.getHost()}:${container.getMappedPort(9000)}`,
      forcePathStyle: true,
      accessKeyId: 'minioadmin',
      secretAccessKey: 'minioadmin',
    };
  }
});

afterAll(async () => stop());

/** A fresh bucket per test. */
async function fresh(): Promise<S3BlobStore> {
  const store = new S3BlobStore({ ...base, bucket: `parley-test-${randomUUID().slice(0, 8)}` });
  await store.ensureBucket();
  return store;
}

blobStoreContract({ describe, it }, async () => ({ port: await fresh(), teardown: async () => {} }));

describe('S3BlobStore presigned URLs', () => {
  it('lets a client PUT bytes to the upload URL and GET them from the download URL', async () => {
    const store = await fresh();
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    const target = await store.createUploadUrl('media/u/1', {
      contentType: 'image/png',
      size: 5,
      expiresAt: new Date(Date.now() + 60_000),
    });
    // S3 refuses a body of another size because Content-Length is among the signed headers (s3rver, used
    // here, does not check signed headers, so the signature itself is what is asserted).
    const signed = new URL(target.url).searchParams;
    expect(signed.get('X-Amz-SignedHeaders')?.split(';')).toContain('content-length');
    expect(signed.has('x-amz-checksum-crc32'), 'no checksum of an empty body baked into the URL').toBe(false);
    const put = await fetch(target.url, { method: 'PUT', headers: target.headers, body: bytes });
    expect(put.ok).toBe(true);
    expect(await store.head('media/u/1')).toMatchObject({ size: 5 });
    const got = await fetch(await store.createDownloadUrl('media/u/1', { expiresAt: new Date(Date.now() + 60_000) }));
    expect([...new Uint8Array(await got.arrayBuffer())]).toEqual([1, 2, 3, 4, 5]);
  });

  it('creating the bucket twice is harmless', async () => {
    const store = await fresh();
    await store.ensureBucket();
    expect(await store.ping()).toBe(true);
  });
});
