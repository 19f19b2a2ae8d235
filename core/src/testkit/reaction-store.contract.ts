import { summarizeReactions, type ReactionStore } from '../modules/messaging/index.js';
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
      const added = await Promise.all(Array.from({ length: 10 }, () => store.add(reaction('c1.m1', 'ann', '👍'))));
      same(added.filter(Boolean).length, 1, 'one add wins');
      same(await store.add(reaction('c1.m1', 'ann', '❤️')), true, 'another emoji is another reaction');
      same(await store.add(reaction('c1.m1', 'bob', '👍')), true, 'another user is another reaction');
    });

    test('summarizes counts and mine per message', async (store) => {
      await store.add(reaction('c1.m1', 'ann', '👍'));
      await store.add(reaction('c1.m1', 'bob', '👍'));
      await store.add(reaction('c1.m1', 'bob', '🎉'));
      await store.add(reaction('c1.m2', 'cat', '👍'));
      const summary = await store.summarize(['c1.m1', 'c1.m2', 'c1.m3'], 'ann');
      same(
        summary.get('c1.m1'),
        [
          { emoji: '👍', count: 2, mine: true },
          { emoji: '🎉', count: 1, mine: false },
        ],
        'c1.m1',
      );
      same(summary.get('c1.m2'), [{ emoji: '👍', count: 1, mine: false }], 'c1.m2');
      same(summary.get('c1.m3') ?? [], [], 'no reactions');
      const rows = await store.listForMessages(['c1.m1', 'c1.m3']);
      same(
        rows.map((r) => `${r.messageId} ${r.userId} ${r.emoji}`).sort(),
        ['c1.m1 ann 👍', 'c1.m1 bob 🎉', 'c1.m1 bob 👍'],
        'the rows of those messages (ties in time in any order)',
      );
      same(summarizeReactions(rows, 'ann').get('c1.m1'), summary.get('c1.m1'), 'what summarize counts');
      same(await store.listForMessages([]), [], 'none asked');
    });

    test('removes one triple, or all of a message', async (store) => {
      await store.add(reaction('c1.m1', 'ann', '👍'));
      await store.add(reaction('c1.m1', 'bob', '👍'));
      same(await store.remove('c1.m1', 'ann', '👍'), true, 'removed');
      same(await store.remove('c1.m1', 'ann', '👍'), false, 'second remove is a no-op');
      same(await store.removeAllForMessage('c1.m1'), 1, 'the rest');
      same((await store.summarize(['c1.m1'], 'ann')).get('c1.m1') ?? [], [], 'none left');
      await store.add(reaction('c1.m2', 'ann', '🔥'));
      same(
        (await store.listByUser('ann')).map((r) => r.emoji),
        ['🔥'],
        'by user',
      );
    });
  });
}
