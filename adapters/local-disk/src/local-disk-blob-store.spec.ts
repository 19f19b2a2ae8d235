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
    const [expires, sig] = [url.searchParams.get('expires')!, url.searchParams.get('sig')!];
    expect(store.verify('GET', 'media/a/b', expires, sig, new Date())).toBe(true);
    expect(store.verify('PUT', 'media/a/b', expires, sig, new Date())).toBe(false);
    expect(store.verify('GET', 'media/a/b', expires, sig, new Date(Date.now() + 120_000))).toBe(false);
    await rm(root, { recursive: true, force: true });
  });
});
