import type { MessageStore } from '../modules/messaging/index.js';
import { check, same } from './assert.js';
import { aMessageDraft, at } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

async function fill(store: MessageStore, conversationId: string, count: number): Promise<void> {
  for (let i = 1; i <= count; i += 1) await store.append(aMessageDraft(conversationId, { content: `message ${i}` }));
}

export function messageStoreContract(t: TestApi, factory: FixtureFactory<MessageStore>): void {
  const test = testWith(t, factory);
  t.describe('MessageStore contract', () => {
    test('seqs are dense and ordered under 50 concurrent appends to one conversation', async (store) => {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.append(aMessageDraft('c1', { senderId: `s${i % 5}`, content: `m${i}` })),
        ),
      );
      const seqs = results.map((r) => r.message.seq).sort((a, b) => a - b);
      same(
        seqs,
        Array.from({ length: 50 }, (_, i) => i + 1),
        'seqs 1..50, no gaps, no repeats',
      );
      const page = await store.page('c1', { limit: 100, viewerId: 'x' });
      same(
        page.map((m) => m.seq),
        Array.from({ length: 50 }, (_, i) => 50 - i),
        'history holds all 50, newest first',
      );
    }, 30_000);

    test("keeps a bot message's keyboard (rows of buttons) as given, and a change of it", async (store) => {
      const keyboard = {
        inlineKeyboard: [
          [
            { text: 'Yes', callbackData: 'yes' },
            { text: 'No', callbackData: 'no' },
          ],
          [{ text: 'Site', url: 'https://parley.test' }],
        ],
      };
      const { message } = await store.append(aMessageDraft('c1', { replyMarkup: keyboard }));
      same((await store.findById(message.id))?.replyMarkup, keyboard, 'read back by id');
      same((await store.page('c1', { limit: 1, viewerId: 'x' }))[0]?.replyMarkup, keyboard, 'read back in a page');
      const changed = { inlineKeyboard: [[{ text: 'Done', callbackData: 'done' }]] };
      same((await store.update(message.id, { replyMarkup: changed }))?.replyMarkup, changed, 'changed');
      same((await store.update(message.id, { replyMarkup: null }))?.replyMarkup ?? null, null, 'removed');
    });

    test('seqs are per conversation', async (store) => {
      await store.append(aMessageDraft('c1'));
      same((await store.append(aMessageDraft('c2'))).message.seq, 1, 'another conversation starts at 1');
      same((await store.append(aMessageDraft('c1'))).message.seq, 2, 'the first continues');
    });

    test('a repeated clientMessageId returns the original and stores nothing, also when racing', async (store) => {
      const first = await store.append(
        aMessageDraft('c1', { senderId: 'ann', clientMessageId: 'k1', content: 'once' }),
      );
      const retries = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.append(aMessageDraft('c1', { senderId: 'ann', clientMessageId: 'k1', content: 'again' })),
        ),
      );
      same(first.created, true, 'first is created');
      same(
        retries.every((r) => !r.created && r.message.id === first.message.id),
        true,
        'retries return the original',
      );
      const other = await store.append(aMessageDraft('c1', { senderId: 'bob', clientMessageId: 'k1' }));
      same(other.created, true, 'the same client id of another sender is another message');
      same((await store.findByClientId('c1', 'ann', 'k1'))?.content, 'once', 'lookup by client id');
      same((await store.page('c1', { limit: 50, viewerId: 'x' })).length, 2, 'two messages stored');
      // Idempotency is per conversation (what lets a sharded store check it on the conversation's shard).
      const elsewhere = await store.append(aMessageDraft('c2', { senderId: 'ann', clientMessageId: 'k1' }));
      same(elsewhere.created, true, 'the same client id in another conversation is another message');
      same((await store.findByClientId('c2', 'ann', 'k1'))?.id, elsewhere.message.id, 'found in its conversation');
      same((await store.findByClientId('c3', 'ann', 'k1'))?.id, undefined, 'not in a third');
    });

    test('concurrent first sends with one clientMessageId store exactly one message', async (store) => {
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.append(aMessageDraft('c1', { senderId: 'ann', clientMessageId: 'race' })),
        ),
      );
      same(results.filter((r) => r.created).length, 1, 'one created');
      same(new Set(results.map((r) => r.message.id)).size, 1, 'all see the same message');
      same(
        (await store.page('c1', { limit: 50, viewerId: 'x' })).map((m) => m.seq),
        [1],
        'no seq was burnt',
      );
    });

    test('pages backwards with before and forwards with after', async (store) => {
      await fill(store, 'c1', 10);
      same(
        (await store.page('c1', { limit: 3, viewerId: 'x' })).map((m) => m.seq),
        [10, 9, 8],
        'latest page',
      );
      same(
        (await store.page('c1', { before: 8, limit: 3, viewerId: 'x' })).map((m) => m.seq),
        [7, 6, 5],
        'before',
      );
      same(
        (await store.page('c1', { before: 2, limit: 3, viewerId: 'x' })).map((m) => m.seq),
        [1],
        'before, at the start',
      );
      same(
        (await store.page('c1', { after: 0, limit: 3, viewerId: 'x' })).map((m) => m.seq),
        [1, 2, 3],
        'after, oldest first',
      );
      same(
        (await store.page('c1', { after: 8, limit: 3, viewerId: 'x' })).map((m) => m.seq),
        [9, 10],
        'after, at the end',
      );
    });

    test('pages at any position, across hundreds of messages and runs of hidden ones, match the log', async (store) => {
      // Enough messages for a store that reads history in fixed-size blocks to cross several of them (a page of
      // 101 spans three of 64), and a run of 80 messages hidden for ann, so her pages must skip past whole blocks.
      const total = 200;
      const ids: string[] = [];
      for (let i = 1; i <= total; i += 1)
        ids.push((await store.append(aMessageDraft('c1', { content: `message ${i}` }))).message.id);
      await store.append(aMessageDraft('c2', { content: 'elsewhere' }));
      const hidden = new Set<number>();
      for (let seq = 40; seq < 120; seq += 1) hidden.add(seq);
      for (const seq of [1, 63, 64, 127, 128, 199]) hidden.add(seq);
      for (const seq of hidden) await store.hideFor(ids[seq - 1]!, 'ann');
      const expected = (viewer: string, q: { before?: number; after?: number; limit: number }) => {
        const seqs = Array.from({ length: total }, (_, i) => i + 1).filter(
          (seq) =>
            (viewer !== 'ann' || !hidden.has(seq)) &&
            (q.after === undefined || seq > q.after) &&
            (q.before === undefined || seq < q.before),
        );
        return (q.after === undefined ? seqs.reverse() : seqs).slice(0, q.limit);
      };
      // A fixed walk of positions (no randomness: a failure names its page), edges of 64-blocks included.
      const queries: { before?: number; after?: number; limit: number }[] = [
        { limit: 50 },
        { limit: 101 },
        { limit: 1 },
        { before: 1000, limit: 5 },
        { after: 1000, limit: 5 },
        { after: total, limit: 5 },
        { before: 1, limit: 5 },
        { before: 0, limit: 5 },
        { after: 0, limit: 101 },
        { after: 0, before: 65, limit: 100 },
        { after: 60, before: 70, limit: 100 },
      ];
      for (const edge of [62, 63, 64, 65, 127, 128, 129, 150, 191, 192, 200, 201])
        queries.push({ before: edge, limit: 3 }, { after: edge, limit: 3 }, { before: edge, limit: 70 });
      for (let i = 0; i < 20; i += 1) queries.push({ before: 1 + ((i * 37) % total), limit: 1 + ((i * 13) % 60) });
      for (const viewer of ['ann', 'bob'])
        for (const q of queries)
          same(
            (await store.page('c1', { ...q, viewerId: viewer })).map((m) => m.seq),
            expected(viewer, q),
            `${viewer}'s page ${JSON.stringify(q)}`,
          );
    });

    test('messages hidden for a viewer are skipped for that viewer only', async (store) => {
      await fill(store, 'c1', 3);
      const [second] = await store.page('c1', { before: 3, limit: 1, viewerId: 'x' });
      await store.hideFor(second!.id, 'ann');
      await store.hideFor(second!.id, 'ann');
      same(
        (await store.page('c1', { limit: 10, viewerId: 'ann' })).map((m) => m.seq),
        [3, 1],
        'hidden for ann',
      );
      same(
        (await store.page('c1', { limit: 10, viewerId: 'bob' })).map((m) => m.seq),
        [3, 2, 1],
        'visible for bob',
      );
      same((await store.findById(second!.id))?.hiddenFor, ['ann'], 'hideFor is idempotent');
    });

    test('counts unread messages from others after a seq, skipping deleted ones', async (store) => {
      await store.append(aMessageDraft('c1', { senderId: 'ann' }));
      await store.append(aMessageDraft('c1', { senderId: 'bob' }));
      const third = await store.append(aMessageDraft('c1', { senderId: 'bob' }));
      await store.append(aMessageDraft('c1', { senderId: 'bob' }));
      await store.update(third.message.id, { deletedAt: new Date(), content: null });
      // Unread = last seq - watermark - the positions after it that do not count (deleted, or the viewer's own).
      const unread = async (viewer: string, after: number) =>
        4 - after - (await store.listNotUnread(viewer, [{ conversationId: 'c1', seq: after }], 100)).length;
      same(await unread('ann', 0), 2, 'two live messages from bob');
      same(await unread('ann', 2), 1, 'after seq 2');
      same(await unread('bob', 0), 1, "bob's unread are ann's");
      same(
        (
          await store.listNotUnread(
            'ann',
            [
              { conversationId: 'c1', seq: 0 },
              { conversationId: 'c2', seq: 0 },
            ],
            100,
          )
        )
          .map((r) => [r.conversationId, r.seq])
          .sort(),
        [
          ['c1', 1],
          ['c1', 3],
        ],
        'positions, over several conversations in one call',
      );
      same(
        (
          await store.findBySeqs([
            { conversationId: 'c1', seq: 2 },
            { conversationId: 'c1', seq: 9 },
            { conversationId: 'c2', seq: 1 },
          ])
        ).map((m) => [m.conversationId, m.seq, m.senderId]),
        [['c1', 2, 'bob']],
        'findBySeqs returns those that exist',
      );
    });

    test(
      'not-unread positions: own and deleted ones in seq order, an own deleted one once, whatever order deletions ' +
        'came in',
      async (store) => {
        const seqs = [];
        for (const senderId of ['ann', 'bob', 'ann', 'bob', 'bob', 'ann', 'bob'])
          seqs.push((await store.append(aMessageDraft('c1', { senderId }))).message);
        await store.update(seqs[5]!.id, { deletedAt: new Date(), content: null });
        await store.update(seqs[1]!.id, { deletedAt: new Date(), content: null });
        await store.update(seqs[1]!.id, { deletedAt: new Date(), content: null });
        const positions = async (viewer: string, after: number, limit = 100) =>
          (await store.listNotUnread(viewer, [{ conversationId: 'c1', seq: after }], limit))
            .map((r) => r.seq)
            .sort((a, b) => a - b);
        same(await positions('ann', 0), [1, 2, 3, 6], "ann's own, and bob's deleted one");
        same(await positions('ann', 2), [3, 6], 'only after the watermark');
        same(
          await positions('bob', 0),
          [2, 4, 5, 6, 7],
          "bob's own (one of them deleted, counted once) and ann's deleted one",
        );
        same(await positions('bob', 7), [], 'nothing after the last');
        same((await positions('ann', 0, 2)).length, 2, 'at most the limit');
      },
    );

    test(
      'search finds every word, only in the given conversations, never deleted or hidden ' + 'messages',
      async (store) => {
        await store.append(
          aMessageDraft('c1', { content: 'The quick brown fox', createdAt: at('2026-01-01T00:00:01Z') }),
        );
        await store.append(aMessageDraft('c1', { content: 'a QUICK reply', createdAt: at('2026-01-01T00:00:02Z') }));
        await store.append(
          aMessageDraft('c2', { content: 'quick in another room', createdAt: at('2026-01-01T00:00:03Z') }),
        );
        const gone = await store.append(
          aMessageDraft('c1', { content: 'quick but deleted', createdAt: at('2026-01-01T00:00:04Z') }),
        );
        const hidden = await store.append(
          aMessageDraft('c1', { content: 'quick but hidden', createdAt: at('2026-01-01T00:00:05Z') }),
        );
        await store.update(gone.message.id, { deletedAt: new Date(), content: null });
        await store.hideFor(hidden.message.id, 'ann');
        const hits = await store.search({ conversationIds: ['c1'], text: 'quick', viewerId: 'ann', limit: 10 });
        same(
          hits.map((m) => m.content),
          ['a QUICK reply', 'The quick brown fox'],
          'newest first, case-insensitive',
        );
        same(
          (await store.search({ conversationIds: ['c1', 'c2'], text: 'quick fox', viewerId: 'ann', limit: 10 })).length,
          1,
          'all words',
        );
        same(
          (await store.search({ conversationIds: [], text: 'quick', viewerId: 'ann', limit: 10 })).length,
          0,
          'no conversations, no hits',
        );
        const page2 = await store.search({
          conversationIds: ['c1'],
          text: 'quick',
          viewerId: 'ann',
          limit: 10,
          before: { createdAt: hits[0]!.createdAt, id: hits[0]!.id },
        });
        same(
          page2.map((m) => m.content),
          ['The quick brown fox'],
          'cursor',
        );
      },
    );

    test('export and retention listings', async (store) => {
      await store.append(aMessageDraft('c1', { senderId: 'ann', createdAt: at('2026-01-01T00:00:00Z') }));
      await store.append(aMessageDraft('c1', { senderId: 'bob', createdAt: at('2026-01-03T00:00:00Z') }));
      const old = await store.append(aMessageDraft('c2', { senderId: 'ann', createdAt: at('2026-01-02T00:00:00Z') }));
      await store.update(old.message.id, { deletedAt: at('2026-01-02T00:00:00Z') });
      const mine = await store.listBySender('ann', { limit: 1 });
      const rest = await store.listBySender('ann', { limit: 5, afterId: mine[0]!.id });
      same(mine.length + rest.length, 2, "both of ann's messages, paged");
      same(await store.countBySender('ann'), 2, 'count by sender');
      same((await store.listCreatedBefore('c1', at('2026-01-02T00:00:00Z'), 10)).length, 1, 'older than a date');
      same(
        (await store.listDeletedBefore(at('2026-01-05T00:00:00Z'), 10)).map((m) => m.id),
        [old.message.id],
        'deleted, still holding content',
      );
      check((await store.count()) === 3, 'count');
    });
  });
}
