import type { ParticipantStore } from '../modules/conversations/index.js';
import { same } from './assert.js';
import { aParticipant, at } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

export function participantStoreContract(t: TestApi, factory: FixtureFactory<ParticipantStore>): void {
  const test = testWith(t, factory);
  t.describe('ParticipantStore contract', () => {
    test('add is idempotent per (conversation, user) and a left row rejoins', async (store) => {
      same(await store.add(aParticipant('c1', 'u1')), 'added', 'first add');
      same(await store.add(aParticipant('c1', 'u1')), 'exists', 'second add');
      await store.update('c1', 'u1', { state: 'left', leftAt: at('2026-01-02T00:00:00Z') });
      same(await store.add(aParticipant('c1', 'u1', { role: 'admin' })), 'rejoined', 'rejoin');
      const row = await store.find('c1', 'u1');
      same([row?.state, row?.leftAt], ['active', null], 'active again');
      same(await store.countActive('c1'), 1, 'one active');
    });

    test('lists active participants in join order with an after-user cursor', async (store) => {
      await store.add(aParticipant('c1', 'u3', { joinedAt: at('2026-01-03T00:00:00Z') }));
      await store.add(aParticipant('c1', 'u1', { joinedAt: at('2026-01-01T00:00:00Z') }));
      await store.add(aParticipant('c1', 'u2', { joinedAt: at('2026-01-02T00:00:00Z') }));
      await store.add(aParticipant('c1', 'u4', { state: 'left', joinedAt: at('2026-01-04T00:00:00Z') }));
      await store.add(aParticipant('c2', 'u1'));
      same(
        (await store.listActive('c1')).map((p) => p.userId),
        ['u1', 'u2', 'u3'],
        'join order, active only',
      );
      same(
        (await store.listActive('c1', { afterUserId: 'u1', limit: 1 })).map((p) => p.userId),
        ['u2'],
        'cursor page',
      );
      same((await store.listByUser('u1')).map((p) => p.conversationId).sort(), ['c1', 'c2'], 'by user');
    });

    test('read watermark only moves forward, also under concurrent marks', async (store) => {
      await store.add(aParticipant('c1', 'u1'));
      const moved = await Promise.all(
        [5, 3, 9, 7, 1].map((seq) => store.advanceRead('c1', 'u1', seq, at('2026-01-02T00:00:00Z'))),
      );
      same((await store.find('c1', 'u1'))?.lastReadSeq, 9, 'ends at the maximum');
      same((await store.advanceRead('c1', 'u1', 4, new Date())).moved, false, 'going back is a no-op');
      same(
        moved.some((m) => m.moved),
        true,
        'some call moved it',
      );
      same((await store.find('c1', 'u1'))?.lastDeliveredSeq, 9, 'reading implies delivery');
    });

    test('delivered watermark moves on its own and never past going back', async (store) => {
      await store.add(aParticipant('c1', 'u1'));
      same((await store.advanceDelivered('c1', 'u1', 4, new Date())).moved, true, 'moves');
      same((await store.advanceDelivered('c1', 'u1', 2, new Date())).moved, false, 'not back');
      const row = await store.find('c1', 'u1');
      same([row?.lastDeliveredSeq, row?.lastReadSeq], [4, 0], 'read untouched');
    });

    test('listReachedSeq returns active participants at or past a seq', async (store) => {
      await store.add(aParticipant('c1', 'a', { lastReadSeq: 5, lastDeliveredSeq: 5 }));
      await store.add(aParticipant('c1', 'b', { lastReadSeq: 1, lastDeliveredSeq: 4 }));
      await store.add(aParticipant('c1', 'c', { lastReadSeq: 1, lastDeliveredSeq: 1 }));
      same((await store.listReachedSeq('c1', 4)).map((p) => p.userId).sort(), ['a', 'b'], 'read or delivered past 4');
    });
  });
}
