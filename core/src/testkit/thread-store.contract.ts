import type { ThreadStore } from '../modules/messaging/index.js';
import { same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const reply = (rootId: string, seq: number) => ({
  rootId,
  conversationId: 'c1',
  messageId: `m${seq}`,
  seq,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, seq)),
});

export function threadStoreContract(t: TestApi, factory: FixtureFactory<ThreadStore>): void {
  const test = testWith(t, factory);
  t.describe('ThreadStore contract', () => {
    test('counts replies per root, once each, with the last one', async (store) => {
      for (const seq of [2, 3, 5]) await store.add(reply('r1', seq));
      await Promise.all([store.add(reply('r1', 5)), store.add(reply('r1', 5))]);
      await store.add(reply('r2', 4));
      same(
        await store.summarize(['r1', 'r2', 'r3']),
        new Map([
          ['r1', { replyCount: 3, lastReplySeq: 5, lastReplyAt: reply('r1', 5).createdAt }],
          ['r2', { replyCount: 1, lastReplySeq: 4, lastReplyAt: reply('r2', 4).createdAt }],
        ]),
        'summaries',
      );
      await store.remove('r1', 'm5');
      await store.remove('r1', 'm5');
      same(
        (await store.summarize(['r1'])).get('r1'),
        { replyCount: 2, lastReplySeq: 3, lastReplyAt: reply('r1', 3).createdAt },
        'after a removal',
      );
    });

    test('a removed reply stays out when its add is repeated, or lands after the removal', async (store) => {
      await store.add(reply('r1', 2));
      await store.add(reply('r1', 3));
      await store.remove('r1', 'm3');
      await store.add(reply('r1', 3)); // the outbox relay repeating the send's follow-ups after the delete
      await store.remove('r1', 'm4'); // deleted before its follow-ups ran at all
      await store.add(reply('r1', 4));
      same(
        (await store.summarize(['r1'])).get('r1'),
        { replyCount: 1, lastReplySeq: 2, lastReplyAt: reply('r1', 2).createdAt },
        'only the reply never removed',
      );
      same(
        (await store.page('r1', { limit: 10 })).map((r) => r.seq),
        [2],
        'the page too',
      );
    });

    test('pages a thread by seq like history', async (store) => {
      for (const seq of [2, 3, 5, 8, 9]) await store.add(reply('r1', seq));
      await store.add(reply('r2', 4));
      const seqs = (rows: { seq: number }[]) => rows.map((r) => r.seq);
      same(seqs(await store.page('r1', { limit: 2 })), [9, 8], 'newest first');
      same(seqs(await store.page('r1', { before: 8, limit: 10 })), [5, 3, 2], 'below a seq');
      same(seqs(await store.page('r1', { after: 3, limit: 2 })), [5, 8], 'above a seq, oldest first');
      same(seqs(await store.page('r1', { after: 2, before: 9, limit: 10 })), [3, 5, 8], 'a range');
      same((await store.page('r1', { limit: 1 }))[0], reply('r1', 9), 'as stored');
    });
  });
}
