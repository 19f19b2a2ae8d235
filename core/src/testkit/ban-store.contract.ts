import type { ConversationBan, ConversationBanStore } from '../modules/conversations/index.js';
import { check, same } from './assert.js';
import { at } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const ban = (conversationId: string, userId: string, over: Partial<ConversationBan> = {}): ConversationBan => ({
  conversationId,
  userId,
  bannedBy: 'owner',
  reason: null,
  until: null,
  createdAt: at('2026-01-01T00:00:00Z'),
  ...over,
});

export function conversationBanStoreContract(t: TestApi, factory: FixtureFactory<ConversationBanStore>): void {
  const test = testWith(t, factory);
  t.describe('ConversationBanStore contract', () => {
    test('a ban is found in its conversation only, with every field as stored', async (store) => {
      await store.put(ban('c1', 'ann', { reason: 'spam', until: at('2026-02-01T00:00:00Z') }));
      same(
        await store.find('c1', 'ann'),
        ban('c1', 'ann', { reason: 'spam', until: at('2026-02-01T00:00:00Z') }),
        'round-trips',
      );
      same(await store.find('c2', 'ann'), null, 'not in another conversation');
      same(await store.find('c1', 'bob'), null, 'not for another person');
    });

    test('banning again replaces the ban; lifting it removes it once', async (store) => {
      await store.put(ban('c1', 'ann', { reason: 'first' }));
      await store.put(ban('c1', 'ann', { reason: 'second', until: at('2026-03-01T00:00:00Z') }));
      same((await store.find('c1', 'ann'))?.reason, 'second', 'the latest ban');
      same((await store.list('c1', { limit: 10 })).length, 1, 'one ban per person');
      same(await store.remove('c1', 'ann'), true, 'lifted');
      same(await store.remove('c1', 'ann'), false, 'already lifted');
      same(await store.find('c1', 'ann'), null, 'gone');
    });

    test('the list is by user id, paged after a user id, per conversation', async (store) => {
      for (const user of ['cat', 'ann', 'bob']) await store.put(ban('c1', user));
      await store.put(ban('c2', 'dan'));
      same(
        (await store.list('c1', { limit: 10 })).map((b) => b.userId),
        ['ann', 'bob', 'cat'],
        'ordered',
      );
      same(
        (await store.list('c1', { afterUserId: 'ann', limit: 1 })).map((b) => b.userId),
        ['bob'],
        'after ann, one',
      );
      check((await store.list('c3', { limit: 10 })).length === 0, 'none elsewhere');
    });
  });
}
