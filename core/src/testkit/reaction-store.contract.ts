import type { ReactionStore } from '../modules/messaging/index.js';
import { same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const reaction = (messageId: string, userId: string, emoji: string) => ({
  messageId,
  conversationId: 'c1',
  userId,
  emoji,
  createdAt: new Date('2026-01-01T00:00:00Z'),
});

export function reactionStoreContract(t: TestApi, factory: FixtureFactory<ReactionStore>): void {
  const test = testWith(t, factory);
  t.describe('ReactionStore contract', () => {
    test('one reaction per (message, user, emoji), also under concurrent adds', async (store) => {
      const added = await Promise.all(Array.from({ length: 10 }, () => store.add(reaction('m1', 'ann', '👍'))));
      same(added.filter(Boolean).length, 1, 'one add wins');
      same(await store.add(reaction('m1', 'ann', '❤️')), true, 'another emoji is another reaction');
      same(await store.add(reaction('m1', 'bob', '👍')), true, 'another user is another reaction');
    });

    test('summarizes counts and mine per message', async (store) => {
      await store.add(reaction('m1', 'ann', '👍'));
      await store.add(reaction('m1', 'bob', '👍'));
      await store.add(reaction('m1', 'bob', '🎉'));
      await store.add(reaction('m2', 'cat', '👍'));
      const summary = await store.summarize(['m1', 'm2', 'm3'], 'ann');
      same(
        summary.get('m1'),
        [
          { emoji: '👍', count: 2, mine: true },
          { emoji: '🎉', count: 1, mine: false },
        ],
        'm1',
      );
      same(summary.get('m2'), [{ emoji: '👍', count: 1, mine: false }], 'm2');
      same(summary.get('m3') ?? [], [], 'no reactions');
    });

    test('removes one triple, or all of a message', async (store) => {
      await store.add(reaction('m1', 'ann', '👍'));
      await store.add(reaction('m1', 'bob', '👍'));
      same(await store.remove('m1', 'ann', '👍'), true, 'removed');
      same(await store.remove('m1', 'ann', '👍'), false, 'second remove is a no-op');
      same(await store.removeAllForMessage('m1'), 1, 'the rest');
      same((await store.summarize(['m1'], 'ann')).get('m1') ?? [], [], 'none left');
      await store.add(reaction('m2', 'ann', '🔥'));
      same(
        (await store.listByUser('ann')).map((r) => r.emoji),
        ['🔥'],
        'by user',
      );
    });
  });
}
