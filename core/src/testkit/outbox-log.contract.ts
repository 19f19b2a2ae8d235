import type { OutboxLog } from '../modules/delivery/index.js';
import { newMessageId, type MessageStore } from '../modules/messaging/index.js';
import { check, same } from './assert.js';
import { aMessageDraft, at } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

/** A message store and the outbox log over the same records, as an adapter provides them. */
export interface OutboxStores {
  messages: MessageStore;
  outboxLog: OutboxLog;
}

const jobs = (id: string) => [{ id: `notify:${id}`, name: 'notify.message' as const, payload: { messageId: id } }];

export function outboxLogContract(t: TestApi, factory: FixtureFactory<OutboxStores>): void {
  const test = testWith(t, factory);
  t.describe('OutboxLog contract', () => {
    test("lists one origin's records from a time on, oldest first, page by page, with their jobs", async (stores) => {
      // Ids of the form messages get (see newMessageId), so that their order is that of the names below.
      const id = (name: string) => newMessageId(name.startsWith('x') ? 'c2' : 'c1', name);
      const put = (name: string, origin: string | undefined, when: string) =>
        stores.messages.append(
          aMessageDraft(name.startsWith('x') ? 'c2' : 'c1', { id: id(name), createdAt: at(when) }),
          origin ? { origin, jobs: jobs(id(name)) } : undefined,
        );
      await put('a-old', 'p1', '2026-01-01T00:00:00Z');
      await put('a-3', 'p1', '2026-01-03T00:00:00Z');
      await put('a-2b', 'p1', '2026-01-02T00:00:00Z');
      await put('a-2a', 'p1', '2026-01-02T00:00:00Z');
      await put('x-2', 'p1', '2026-01-02T12:00:00Z');
      await put('b-2', 'p2', '2026-01-02T00:00:00Z');
      await put('n-2', undefined, '2026-01-02T00:00:00Z');
      const since = at('2026-01-02T00:00:00Z');
      const all = await stores.outboxLog.listByOrigin('p1', since, 10);
      same(
        all.map((r) => r.message.id),
        ['a-2a', 'a-2b', 'x-2', 'a-3'].map(id),
        'that origin only, at or after the time, by time then id, across conversations',
      );
      same(all[0]?.jobs, jobs(id('a-2a')), 'jobs round-trip');
      same(all[0]?.origin, 'p1', 'origin round-trips');
      same(all[0]?.message.seq, 4, 'the message as stored, seq and all (the fourth in c1)');
      const first = await stores.outboxLog.listByOrigin('p1', since, 2);
      same(
        first.map((r) => r.message.id),
        ['a-2a', 'a-2b'].map(id),
        'a first page',
      );
      const last = first[1]!.message;
      const rest = await stores.outboxLog.listByOrigin('p1', since, 2, { createdAt: last.createdAt, id: last.id });
      same(
        rest.map((r) => r.message.id),
        ['x-2', 'a-3'].map(id),
        'the next page goes on after the last one, ties included',
      );
      same((await stores.outboxLog.listByOrigin('p3', since, 10)).length, 0, 'an unknown origin has none');
      same(await stores.outboxLog.find(id('a-3')), { origin: 'p1', jobs: jobs(id('a-3')) }, 'one entry by message');
      same(await stores.outboxLog.find(id('n-2')), null, 'a message stored without an entry has none');
      same(await stores.outboxLog.find(id('nope')), null, 'no message, no entry');
    });

    test('stores the entry in the append, hands it back, and keeps it out of the Message', async (stores) => {
      const draft = aMessageDraft('c1', { senderId: 'ann', clientMessageId: 'k1' });
      const stored = await stores.messages.append(draft, { origin: 'p1', jobs: jobs(draft.id) });
      same(stored.outbox, { origin: 'p1', jobs: jobs(draft.id) }, 'the entry comes back');
      const retry = await stores.messages.append(aMessageDraft('c1', { senderId: 'ann', clientMessageId: 'k1' }), {
        origin: 'p2',
        jobs: [],
      });
      check(!retry.created, 'a retry stores nothing');
      same(retry.outbox, { origin: 'p1', jobs: jobs(draft.id) }, "a retry gets the original's entry");
      const plain = await stores.messages.append(aMessageDraft('c1'));
      same(plain.outbox, null, 'stored without one, none comes back');
      const read = [
        stored.message,
        retry.message,
        (await stores.messages.findById(draft.id))!,
        ...(await stores.messages.findManyByIds([draft.id])),
        (await stores.messages.findByClientId('c1', 'ann', 'k1'))!,
      ];
      for (const message of read)
        check(!('origin' in message) && !('pendingJobs' in message), 'no outbox field on a Message read back');
    });
  });
}
