import { directKeyOf } from '../modules/conversations/index.js';
import type { ConversationStore } from '../modules/conversations/index.js';
import { same } from './assert.js';
import { aConversation, at } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

export function conversationStoreContract(t: TestApi, factory: FixtureFactory<ConversationStore>): void {
  const test = testWith(t, factory);
  t.describe('ConversationStore contract', () => {
    test('one direct conversation per pair, also under 20 concurrent creations', async (store) => {
      const key = directKeyOf('ann', 'bob');
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          store.findOrCreateDirect(aConversation({ kind: 'direct', directKey: key, name: null, memberLimit: null })),
        ),
      );
      same(results.filter((r) => r.created).length, 1, 'exactly one created');
      same(new Set(results.map((r) => r.conversation.id)).size, 1, 'everyone gets the same conversation');
      const other = await store.findOrCreateDirect(
        aConversation({ kind: 'direct', directKey: directKeyOf('ann', 'cat') }),
      );
      same(other.created, true, 'another pair gets its own');
      same((await store.findDirect(key))?.id, results[0]!.conversation.id, 'found by its pair');
      same(await store.findDirect(directKeyOf('bob', 'cat')), null, 'no conversation for a pair that has none');
    });

    test('public usernames: unique in any case, released on change, free again once deleted', async (store) => {
      const [a, b] = [aConversation({ name: 'Alpha' }), aConversation({ kind: 'channel', name: 'Beta' })];
      for (const c of [a, b]) await store.create(c);
      same(await store.setUsername(a.id, 'BookClub'), true, 'claimed');
      same((await store.findById(a.id))?.username, 'BookClub', 'kept as written');
      same((await store.findByUsername('bookclub'))?.id, a.id, 'found in any case');
      same(await store.setUsername(b.id, 'BOOKCLUB'), false, 'taken, in any case');
      same((await store.findById(b.id))?.username ?? null, null, 'the loser is unchanged');
      same(await store.setUsername(a.id, 'ReadersGuild'), true, 'renamed');
      same(await store.findByUsername('bookclub'), null, 'the old name is released');
      same(await store.setUsername(b.id, 'bookclub'), true, 'and free for another');
      same(await store.setUsername(a.id, null), true, 'made private');
      same(await store.findByUsername('readersguild'), null, 'private again');
      await store.update(b.id, { deletedAt: at('2026-01-03T00:00:00Z') });
      same(await store.findByUsername('bookclub'), null, 'a deleted conversation is not found');
      same(await store.setUsername(a.id, 'bookclub'), true, "a deleted conversation's name is free");
    });

    test('one conversation wins a username claimed by many at once', async (store) => {
      const many = Array.from({ length: 8 }, () => aConversation());
      for (const c of many) await store.create(c);
      const won = await Promise.all(many.map((c) => store.setUsername(c.id, 'contested')));
      same(won.filter(Boolean).length, 1, 'one winner');
      same((await store.findByUsername('contested'))?.id, many[won.indexOf(true)]!.id, 'the winner holds it');
    }, 30_000);

    test('searches public conversations by username or name, private and deleted ones left out', async (store) => {
      const [hiking, hikers, secret, gone] = [
        aConversation({ name: 'Weekend hiking' }),
        aConversation({ kind: 'channel', name: 'Trail news' }),
        aConversation({ name: 'Hiking secrets' }),
        aConversation({ name: 'Old hiking' }),
      ];
      for (const c of [hiking, hikers, secret, gone]) await store.create(c);
      await store.setUsername(hiking.id, 'weekend_walks');
      await store.setUsername(hikers.id, 'HikersDaily');
      await store.setUsername(gone.id, 'old_hiking');
      await store.update(gone.id, { deletedAt: at('2026-01-03T00:00:00Z') });
      const ids = (list: { id: string }[]) => list.map((c) => c.id);
      same(
        ids(await store.searchPublic({ text: 'HIK', limit: 10 })),
        [hiking.id, hikers.id].sort(),
        'by name or username, any case, by id',
      );
      same(ids(await store.searchPublic({ text: 'hik', limit: 1 })), [[hiking.id, hikers.id].sort()[0]], 'limited');
      same(
        ids(await store.searchPublic({ text: 'hik', limit: 10, afterId: [hiking.id, hikers.id].sort()[0] })),
        [[hiking.id, hikers.id].sort()[1]],
        'after a cursor',
      );
      same(ids(await store.searchPublic({ text: 'secret', limit: 10 })), [], 'private ones are invisible');
    });

    test('recordActivity only moves marks forward', async (store) => {
      const c = aConversation();
      await store.create(c);
      await store.recordActivity(c.id, { at: at('2026-01-05T00:00:00Z'), eventSeq: 5, messageSeq: 3 });
      await store.recordActivity(c.id, { at: at('2026-01-04T00:00:00Z'), eventSeq: 4, messageSeq: 2 });
      const found = await store.findById(c.id);
      same([found?.lastEventSeq, found?.lastMessageSeq], [5, 3], 'seqs kept at their maximum');
      same(found?.lastActivityAt.toISOString(), '2026-01-05T00:00:00.000Z', 'activity time never goes back');
      same(found?.lastMessageAt?.toISOString(), '2026-01-05T00:00:00.000Z', 'lastMessageAt follows the message seq');
    });

    test('lists live conversations by their latest message, newest first, paged by a cursor', async (store) => {
      const quiet = aConversation();
      const [a, b, c, gone] = [aConversation(), aConversation(), aConversation(), aConversation()];
      for (const x of [quiet, a, b, c, gone]) await store.create(x);
      await store.recordActivity(a.id, { at: at('2026-01-05T00:00:00Z'), eventSeq: 1, messageSeq: 1 });
      await store.recordActivity(b.id, { at: at('2026-01-07T00:00:00Z'), eventSeq: 1, messageSeq: 1 });
      await store.recordActivity(c.id, { at: at('2026-01-05T00:00:00Z'), eventSeq: 1, messageSeq: 1 });
      await store.recordActivity(gone.id, { at: at('2026-01-09T00:00:00Z'), eventSeq: 1, messageSeq: 1 });
      await store.update(gone.id, { deletedAt: at('2026-01-10T00:00:00Z') });
      // A tie on time is ordered by id, descending.
      const [tieFirst, tieSecond] = a.id > c.id ? [a, c] : [c, a];
      const ids = (list: { id: string }[]) => list.map((x) => x.id);
      same(
        ids(await store.listByLastMessage({ limit: 10 })),
        [b.id, tieFirst.id, tieSecond.id],
        'newest first; none without messages, none deleted',
      );
      const first = await store.listByLastMessage({ limit: 2 });
      same(ids(first), [b.id, tieFirst.id], 'a page');
      const last = first[1]!;
      same(
        ids(await store.listByLastMessage({ before: { at: last.lastMessageAt!, id: last.id }, limit: 2 })),
        [tieSecond.id],
        'the next page, through the tie',
      );
    });

    test('lists groups and channels by activity since a time, oldest first, in pages', async (store) => {
      const old = aConversation({ lastActivityAt: at('2026-01-01T00:00:00Z') });
      const a = aConversation({ lastActivityAt: at('2026-01-03T00:00:00Z') });
      const b = aConversation({ kind: 'channel', lastActivityAt: at('2026-01-02T00:00:00Z') });
      const c = aConversation({ lastActivityAt: at('2026-01-03T00:00:00Z'), deletedAt: at('2026-01-03T00:00:00Z') });
      const dm = aConversation({ kind: 'direct', lastActivityAt: at('2026-01-04T00:00:00Z') });
      for (const x of [old, a, b, c, dm]) await store.create(x);
      const [tieFirst, tieSecond] = a.id < c.id ? [a, c] : [c, a];
      const ids = (list: { id: string }[]) => list.map((x) => x.id);
      const since = at('2026-01-02T00:00:00Z');
      same(
        ids(await store.listByActivity({ since, limit: 10 })),
        [b.id, tieFirst.id, tieSecond.id],
        'oldest activity first, from `since` on; deleted ones too; no direct conversation',
      );
      const first = await store.listByActivity({ since, limit: 2 });
      same(ids(first), [b.id, tieFirst.id], 'a page');
      same(
        ids(await store.listByActivity({ since, after: { at: first[1]!.lastActivityAt, id: first[1]!.id }, limit: 2 })),
        [tieSecond.id],
        'the next page, through the tie',
      );
    });

    test('updates, lists those with retention and counts live ones by kind', async (store) => {
      const g = aConversation();
      const ch = aConversation({ kind: 'channel', settings: { retentionDays: 7 } });
      const gone = aConversation({ deletedAt: at('2026-01-02T00:00:00Z') });
      for (const c of [g, ch, gone]) await store.create(c);
      same((await store.update(g.id, { name: 'Renamed' }))?.name, 'Renamed', 'update returns the new state');
      same(
        (await store.listWithRetention()).map((c) => c.id),
        [ch.id],
        'retention listing',
      );
      same(await store.countByKind(), { direct: 0, group: 1, channel: 1 }, 'counts skip deleted');
      same((await store.findManyByIds([g.id, 'nope'])).length, 1, 'findManyByIds');
      const all = await store.list({ limit: 10 });
      same(
        all.map((c) => c.id),
        [g.id, ch.id, gone.id].sort(),
        'list by id, deleted included',
      );
      same(
        (await store.list({ limit: 10, kind: 'channel' })).map((c) => c.id),
        [ch.id],
        'list by kind',
      );
      same((await store.list({ limit: 10, afterId: all[0]!.id })).length, 2, 'list after a cursor');
    });
  });
}
