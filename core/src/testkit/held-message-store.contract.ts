import type { HeldMessage, HeldMessageStore } from '../modules/messaging/index.js';
import { same } from './assert.js';
import { at } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const held = (id: string, clientMessageId: string | null = null, senderId = 'bob'): HeldMessage => ({
  id,
  conversationId: 'c1',
  senderId,
  clientMessageId,
  draft: {
    type: 'text',
    content: 'buy now at spam.example',
    replyToId: null,
    attachmentIds: [],
    metadata: { mentions: [], links: [], entities: [] },
  },
  filterIds: ['f1'],
  state: 'held',
  heldAt: at('2026-02-01T00:00:00Z'),
  decidedBy: null,
  decidedAt: null,
  reason: null,
  messageId: null,
});

export function heldMessageStoreContract(t: TestApi, factory: FixtureFactory<HeldMessageStore>): void {
  const test = testWith(t, factory);
  t.describe('HeldMessageStore contract', () => {
    test('a held message is stored as given, found by id, listed by state and decided', async (store) => {
      same(await store.hold(held('h1')), { held: held('h1'), created: true }, 'held');
      same(await store.hold(held('h2')), { held: held('h2'), created: true }, 'without a key, each is its own');
      same(await store.find('h1'), held('h1'), 'round-trips');
      same(await store.find('nope'), null, 'no other');
      same(
        (await store.list({ state: 'held', limit: 10 })).map((h) => h.id),
        ['h1', 'h2'],
        'oldest first',
      );
      same(
        (await store.list({ state: 'held', afterId: 'h1', limit: 10 })).map((h) => h.id),
        ['h2'],
        'paged',
      );
      const decision = {
        state: 'approved' as const,
        decidedBy: 'mo',
        decidedAt: at('2026-02-01T00:05:00Z'),
        reason: null,
        messageId: 'c1.m9',
      };
      same(await store.decide('h1', decision), { ...held('h1'), ...decision }, 'decided');
      same(await store.find('h1'), { ...held('h1'), ...decision }, 'as stored');
      same(
        (await store.list({ state: 'held', limit: 10 })).map((h) => h.id),
        ['h2'],
        'no longer waiting',
      );
      same(
        (await store.list({ state: 'approved', limit: 10 })).map((h) => h.id),
        ['h1'],
        'listed as approved',
      );
      same(await store.decide('nope', decision), null, 'nothing to decide');
    });

    test('one held message per sender key, however ten retries race', async (store) => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.hold(held(`r${i}`, 'k1'))));
      same(results.filter((r) => r.created).length, 1, 'one created');
      same(new Set(results.map((r) => r.held.id)).size, 1, 'every retry gets the same one');
      same((await store.hold(held('other', 'k1', 'cat'))).created, true, 'another sender may use the same key');
      same((await store.list({ state: 'held', limit: 20 })).length, 2, 'two stored');
    });
  });
}
