import type { SyncSnapshot, SyncSnapshotStore } from '../modules/delivery/index.js';
import { check, same } from './assert.js';
import { at } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const aSnapshot = (id: string, overrides: Partial<SyncSnapshot> = {}): SyncSnapshot => ({
  id,
  userId: 'ann',
  seen: [
    { conversationId: 'c1', lastEventSeq: 7, membership: 'active', deleted: false },
    { conversationId: 'c2', lastEventSeq: 0, membership: 'left', deleted: true },
  ],
  createdAt: at('2026-01-01T00:00:00Z'),
  expiresAt: at('2026-01-31T00:00:00Z'),
  ...overrides,
});

export function syncSnapshotStoreContract(t: TestApi, factory: FixtureFactory<SyncSnapshotStore>): void {
  const test = testWith(t, factory);
  t.describe('SyncSnapshotStore contract', () => {
    test('keeps a snapshot as saved, for its user only, until it expires', async (store) => {
      await store.save(aSnapshot('s1'));
      const now = at('2026-01-02T00:00:00Z');
      same(await store.find('s1', 'ann', now), aSnapshot('s1'), 'read back whole');
      same(await store.find('s1', 'bob', now), null, "another user's token");
      same(await store.find('s9', 'ann', now), null, 'unknown id');
      same(await store.find('s1', 'ann', at('2026-01-31T00:00:00Z')), null, 'expired');
    });

    test('never rewrites a snapshot: saving an id twice fails and keeps the first', async (store) => {
      await store.save(aSnapshot('s1'));
      let refused = false;
      try {
        await store.save(aSnapshot('s1', { seen: [] }));
      } catch {
        refused = true;
      }
      check(refused, 'second save refused');
      same((await store.find('s1', 'ann', at('2026-01-02T00:00:00Z')))?.seen.length, 2, 'first one kept');
    });

    test('sweeps expired snapshots only, at most `limit` at a time', async (store) => {
      await store.save(aSnapshot('old1', { expiresAt: at('2026-01-01T00:00:00Z') }));
      await store.save(aSnapshot('old2', { expiresAt: at('2026-01-01T00:00:01Z') }));
      await store.save(aSnapshot('live'));
      const now = at('2026-01-10T00:00:00Z');
      same(await store.deleteExpired(now, 1), 1, 'limited');
      same(await store.deleteExpired(now, 10), 1, 'the other expired one');
      same(await store.deleteExpired(now, 10), 0, 'nothing left to sweep');
      check((await store.find('live', 'ann', now)) !== null, 'a live snapshot stays');
    });
  });
}
