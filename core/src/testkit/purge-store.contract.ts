import type { Purge, PurgeStore } from '../modules/moderation/index.js';
import { same } from './assert.js';
import { at } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const purge = (id: string): Purge => ({
  id,
  userId: 'bob',
  requestedBy: 'mo',
  reason: 'spam',
  since: at('2026-01-01T00:00:00Z'),
  until: null,
  state: 'queued',
  scanned: 0,
  total: 12,
  erased: 0,
  createdAt: at('2026-02-01T00:00:00Z'),
  updatedAt: at('2026-02-01T00:00:00Z'),
  finishedAt: null,
});

export function purgeStoreContract(t: TestApi, factory: FixtureFactory<PurgeStore>): void {
  const test = testWith(t, factory);
  t.describe('PurgeStore contract', () => {
    test('a purge is stored as given and its progress moves by patches', async (store) => {
      await store.create(purge('p1'));
      same(await store.find('p1'), purge('p1'), 'round-trips');
      same(await store.find('p2'), null, 'no other');
      const done = await store.update('p1', {
        state: 'done',
        scanned: 12,
        erased: 7,
        finishedAt: at('2026-02-01T00:05:00Z'),
      });
      same(
        done,
        { ...purge('p1'), state: 'done', scanned: 12, erased: 7, finishedAt: at('2026-02-01T00:05:00Z') },
        'patched',
      );
      same(await store.find('p1'), done, 'as stored');
      same(await store.update('p2', { state: 'done' }), null, 'nothing to update');
    });
  });
}
