import type { BlobStore } from '../modules/media/index.js';
import { check, same } from './assert.js';
import { fixtureId } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

export function blobStoreContract(t: TestApi, factory: FixtureFactory<BlobStore>): void {
  const test = testWith(t, factory);
  t.describe('BlobStore contract', () => {
    test('stores, heads, reads and deletes bytes', async (blobs) => {
      const key = `media/${fixtureId('o')}/file`;
      const bytes = new Uint8Array([0, 1, 2, 250, 255]);
      await blobs.put(key, bytes, 'application/octet-stream');
      same(await blobs.head(key), { size: 5, contentType: 'application/octet-stream' }, 'head');
      same([...((await blobs.get(key)) ?? [])], [0, 1, 2, 250, 255], 'bytes round-trip');
      await blobs.delete(key);
      await blobs.delete(key);
      same(await blobs.get(key), null, 'deleted, idempotently');
      same(await blobs.head(key), null, 'head of a missing blob');
    });

    test('signs upload and download URLs that differ per key', async (blobs) => {
      const expiresAt = new Date(Date.now() + 60_000);
      const up = await blobs.createUploadUrl('k/one', { contentType: 'image/png', size: 10, expiresAt });
      same(up.method, 'PUT', 'uploads are PUT');
      check(/^https?:\/\//.test(up.url), 'an http(s) URL');
      const a = await blobs.createDownloadUrl('k/one', { expiresAt });
      const b = await blobs.createDownloadUrl('k/two', { expiresAt });
      check(a !== b && /^https?:\/\//.test(a), 'distinct download URLs');
    });
  });
}
