import type { PinStore } from '../modules/messaging/index.js';
import { same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const pin = (conversationId: string, messageId: string, seq: number, at: string) => ({
  conversationId,
  messageId,
  seq,
  pinnedBy: 'ann',
  pinnedAt: new Date(at),
});

export function pinStoreContract(t: TestApi, factory: FixtureFactory<PinStore>): void {
  const test = testWith(t, factory);
  t.describe('PinStore contract', () => {
    test('a message is pinned once, also when many pin it at once', async (store) => {
      const added = await Promise.all(
        Array.from({ length: 8 }, () => store.add(pin('c1', 'm1', 1, '2026-01-01T00:00:00Z'))),
      );
      same(added.filter(Boolean).length, 1, 'one pin wins');
      same(await store.count('c1'), 1, 'one pin stored');
    });

    test('lists the most recent pin first, per conversation', async (store) => {
      await store.add(pin('c1', 'm1', 1, '2026-01-01T00:00:00Z'));
      await store.add(pin('c1', 'm3', 3, '2026-01-03T00:00:00Z'));
      await store.add(pin('c1', 'm2', 2, '2026-01-02T00:00:00Z'));
      await store.add(pin('c2', 'm9', 1, '2026-01-04T00:00:00Z'));
      same(
        (await store.list('c1', 10)).map((p) => p.messageId),
        ['m3', 'm2', 'm1'],
        'newest pin first',
      );
      same(
        (await store.list('c1', 2)).map((p) => p.messageId),
        ['m3', 'm2'],
        'limited',
      );
      same((await store.list('c1', 1))[0], pin('c1', 'm3', 3, '2026-01-03T00:00:00Z'), 'the pin as stored');
      same(await store.count('c2'), 1, 'other conversation');
    });

    test('unpins once', async (store) => {
      await store.add(pin('c1', 'm1', 1, '2026-01-01T00:00:00Z'));
      same(await store.remove('c1', 'm1'), true, 'removed');
      same(await store.remove('c1', 'm1'), false, 'already gone');
      same(await store.list('c1', 10), [], 'nothing left');
      same(await store.add(pin('c1', 'm1', 1, '2026-01-05T00:00:00Z')), true, 'pinned again');
    });
  });
}
