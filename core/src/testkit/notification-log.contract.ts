import type { NotificationLog } from '../modules/delivery/index.js';
import { same } from './assert.js';
import { at } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

export function notificationLogContract(t: TestApi, factory: FixtureFactory<NotificationLog>): void {
  const test = testWith(t, factory);
  t.describe('NotificationLog contract', () => {
    const now = at('2026-01-01T00:00:00Z');
    const until = at('2026-01-31T00:00:00Z');

    test('one claim per key, also under a race; a released claim can be taken again', async (log) => {
      const racing = await Promise.all(Array.from({ length: 10 }, () => log.claim('m1:ann', until, now)));
      same(racing.filter(Boolean).length, 1, 'one of ten racing claims wins');
      same(await log.claim('m1:ann', until, now), false, 'claimed');
      same(await log.claim('m1:bob', until, now), true, 'another key');
      await log.release('m1:ann');
      same(await log.claim('m1:ann', until, now), true, 'released, claimed again');
    });

    test('an expired claim can be taken again, and is swept', async (log) => {
      await log.claim('old', at('2026-01-02T00:00:00Z'), now);
      await log.claim('live', until, now);
      const later = at('2026-01-03T00:00:00Z');
      same(await log.deleteExpired(later, 10), 1, 'the expired one');
      same(await log.claim('live', until, later), false, 'a live claim stays');
      await log.claim('old2', at('2026-01-02T00:00:00Z'), now);
      same(await log.claim('old2', until, later), true, 'expired: claimed anew');
    });
  });
}
