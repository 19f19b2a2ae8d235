import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobStoreContract } from '@parley/core/testkit';
import { LocalDiskBlobStore } from './local-disk-blob-store.js';

async function fresh() {
  const root = await mkdtemp(join(tmpdir(), 'parley-blobs-'));
  return { root, store: new LocalDiskBlobStore({ root, baseUrl: 'http://api.test/blobs', secret: 'k' }) };
}

blobStoreContract({ describe, it }, async () => {
  const { root, store } = await fresh();
  return { port: store, teardown: () => rm(root, { recursive: true, force: true }) };
});

describe('LocalDiskBlobStore', () => {
  it('refuses keys that escape its directory', async () => {
    const { root, store } = await fresh();
    await expect(store.put('../../etc/evil', new Uint8Array([1]), 'text/plain')).rejects.toThrow(/escapes/);
    await expect(store.get('a/../../passwd')).rejects.toThrow(/escapes/);
    expect(await store.get('/etc/passwd')).toBeNull();
    await rm(root, { recursive: true, force: true });
  });

  it('signs URLs it can verify, per method, until expiry', async () => {
    const { root, store } = await fresh();
    const expiresAt = new Date(Date.now() + 60_000);
    const url = new URL(await store.createDownloadUrl('media/a/b', { expiresAt }));
    const query = Object.fromEntries(url.searchParams);
    expect(store.verify('GET', 'media/a/b', query, new Date())).toEqual({ size: null, contentType: null });
    expect(store.verify('PUT', 'media/a/b', query, new Date())).toBeNull();
    expect(store.verify('GET', 'media/a/b', query, new Date(Date.now() + 120_000))).toBeNull();
    const upload = Object.fromEntries(
      new URL((await store.createUploadUrl('media/a/c', { contentType: 'video/mp4', size: 100, expiresAt })).url)
        .searchParams,
    );
    expect(store.verify('PUT', 'media/a/c', upload, new Date())).toEqual({ size: 100, contentType: 'video/mp4' });
    expect(store.verify('PUT', 'media/a/c', { ...upload, size: '3000000' }, new Date()), 'a larger size').toBeNull();
    expect(store.verify('PUT', 'media/a/c', { ...upload, type: 'text/html' }, new Date()), 'another type').toBeNull();
    await rm(root, { recursive: true, force: true });
  });
});
