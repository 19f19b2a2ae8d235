import type { PresenceStore } from '../modules/delivery/index.js';
import { same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const t0 = new Date('2026-01-01T00:00:00Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);

export function presenceStoreContract(t: TestApi, factory: FixtureFactory<PresenceStore>): void {
  const test = testWith(t, factory);
  t.describe('PresenceStore contract', () => {
    test('online from the first connection, offline after the last one closes', async (store) => {
      same(await store.connect('ann', 'c1', plus(60_000), t0), { cameOnline: true }, 'first connection');
      same(await store.connect('ann', 'c2', plus(60_000), t0), { cameOnline: false }, 'second connection');
      same(await store.disconnect('ann', 'c1', plus(1_000)), { wentOffline: false }, 'one left');
      same(
        (await store.get(['ann', 'bob'], plus(1_000))).map((s) => s.online),
        [true, false],
        'states',
      );
      same(await store.disconnect('ann', 'c2', plus(2_000)), { wentOffline: true }, 'last one closed');
      same(await store.disconnect('ann', 'c2', plus(2_000)), { wentOffline: false }, 'closing twice is harmless');
    });

    test('connections expire without heartbeats; heartbeats extend them', async (store) => {
      await store.connect('ann', 'c1', plus(10_000), t0);
      await store.connect('bob', 'c9', plus(10_000), t0);
      await store.heartbeat('ann', 'c1', plus(30_000));
      same(
        (await store.get(['ann', 'bob'], plus(20_000))).map((s) => s.online),
        [true, false],
        'bob expired, ann extended',
      );
      same(
        await store.connect('bob', 'c10', plus(60_000), plus(20_000)),
        { cameOnline: true },
        'bob comes back online',
      );
    });

    test('away is a flag on top of online', async (store) => {
      await store.connect('ann', 'c1', plus(60_000), t0);
      await store.setAway('ann', true);
      same((await store.get(['ann'], t0))[0], { userId: 'ann', online: true, away: true }, 'away');
      await store.setAway('ann', false);
      same((await store.get(['ann'], t0))[0]?.away, false, 'back');
    });

    test('typing lives until its expiry unless renewed or cleared', async (store) => {
      same(await store.setTyping('c1', 'ann', plus(6_000), t0), { renewed: false }, 'start');
      same(await store.setTyping('c1', 'ann', plus(9_000), plus(3_000)), { renewed: true }, 'renew');
      await store.setTyping('c1', 'bob', plus(6_000), t0);
      same(
        (await store.listTyping('c1', plus(7_000))).map((x) => x.userId),
        ['ann'],
        'bob expired, ann renewed',
      );
      same((await store.listTyping('c1', plus(10_000))).length, 0, 'all expired');
      await store.setTyping('c1', 'cat', plus(16_000), plus(10_000));
      same(await store.clearTyping('c1', 'cat', plus(11_000)), true, 'cleared');
      same(await store.clearTyping('c1', 'cat', plus(11_000)), false, 'nothing to clear');
    });

    test('expired typing is taken once; stopped or renewed typing is not', async (store) => {
      await store.setTyping('c1', 'ann', plus(6_000), t0);
      await store.setTyping('c1', 'bob', plus(6_000), t0);
      await store.setTyping('c2', 'cat', plus(6_000), t0);
      await store.setTyping('c2', 'dan', plus(6_000), t0);
      await store.setTyping('c1', 'bob', plus(12_000), plus(3_000));
      await store.clearTyping('c2', 'cat', plus(4_000));
      same(await store.takeExpiredTyping(plus(5_000), 10), [], 'nothing expired yet');
      const key = (x: { conversationId: string; userId: string }) => `${x.conversationId}/${x.userId}`;
      const taken = await Promise.all([
        store.takeExpiredTyping(plus(7_000), 10),
        store.takeExpiredTyping(plus(7_000), 10),
      ]);
      same(taken.flat().map(key).sort(), ['c1/ann', 'c2/dan'], 'each expired one, to one caller');
      same(await store.takeExpiredTyping(plus(7_000), 10), [], 'taken away');
      same(
        (await store.listTyping('c1', plus(7_000))).map((x) => x.userId),
        ['bob'],
        'the renewed one still types',
      );
      same((await store.takeExpiredTyping(plus(13_000), 1)).map(key), ['c1/bob'], 'and runs out later');
    });
  });
}
