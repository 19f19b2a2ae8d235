import type { MediaStore } from '../modules/media/index.js';
import { same } from './assert.js';
import { aMedia, at } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

export function mediaStoreContract(t: TestApi, factory: FixtureFactory<MediaStore>): void {
  const test = testWith(t, factory);
  t.describe('MediaStore contract', () => {
    test('conditional update applies only in the expected status', async (store) => {
      const m = aMedia('ann');
      await store.create(m);
      same((await store.update(m.id, { status: 'uploaded' }, 'pending'))?.status, 'uploaded', 'pending -> uploaded');
      same(await store.update(m.id, { status: 'uploaded' }, 'pending'), null, 'second conditional update loses');
      same((await store.findById(m.id))?.status, 'uploaded', 'state kept');
    });

    test('markShared is idempotent and stamps the first attach time', async (store) => {
      const m = aMedia('ann');
      await store.create(m);
      await store.markShared(m.id, 'c1', at('2026-01-02T00:00:00Z'));
      await store.markShared(m.id, 'c1', at('2026-01-03T00:00:00Z'));
      await store.markShared(m.id, 'c2', at('2026-01-04T00:00:00Z'));
      const found = await store.findById(m.id);
      same(found?.sharedIn.sort(), ['c1', 'c2'], 'each conversation once');
      same(found?.attachedAt?.toISOString(), '2026-01-02T00:00:00.000Z', 'first attach time');
    });

    test('lists uploaded media whose job is pending since before a date, oldest first', async (store) => {
      const pending = { status: 'uploaded', jobPending: true } as const;
      const old = aMedia('ann', { ...pending, updatedAt: at('2026-01-02T00:00:00Z') });
      const older = aMedia('bob', { ...pending, updatedAt: at('2026-01-01T00:00:00Z') });
      const recent = aMedia('ann', { ...pending, updatedAt: at('2026-01-10T00:00:00Z') });
      const queued = aMedia('ann', { status: 'uploaded', jobPending: false, updatedAt: at('2026-01-01T00:00:00Z') });
      const done = aMedia('ann', { ...pending, status: 'ready', updatedAt: at('2026-01-01T00:00:00Z') });
      for (const m of [old, older, recent, queued, done]) await store.create(m);
      same(
        (await store.listAwaitingJob(at('2026-01-05T00:00:00Z'), 10)).map((m) => m.id),
        [older.id, old.id],
        'pending, uploaded and old only',
      );
      same(
        (await store.listAwaitingJob(at('2026-01-05T00:00:00Z'), 1)).map((m) => m.id),
        [older.id],
        'limit',
      );
    });

    test('lists unattached media older than a date, by owner, and deletes', async (store) => {
      const stale = aMedia('ann', { createdAt: at('2026-01-01T00:00:00Z') });
      const fresh = aMedia('ann', { createdAt: at('2026-01-10T00:00:00Z') });
      const used = aMedia('bob', { createdAt: at('2026-01-01T00:00:00Z'), attachedAt: at('2026-01-01T00:00:00Z') });
      for (const m of [stale, fresh, used]) await store.create(m);
      same(
        (await store.listUnattachedBefore(at('2026-01-05T00:00:00Z'), 10)).map((m) => m.id),
        [stale.id],
        'stale only',
      );
      same((await store.listByOwner('ann')).length, 2, 'by owner');
      await store.delete(stale.id);
      await store.delete(stale.id);
      same(await store.findById(stale.id), null, 'deleted, idempotently');
      same((await store.findManyByIds([fresh.id, used.id, stale.id])).length, 2, 'findManyByIds');
    });
  });
}
