import type { EventStore } from '../modules/delivery/index.js';
import { same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const draft = (conversationId: string, n: number) => ({
  conversationId,
  actorId: 'ann',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  payload: { type: 'reaction.added' as const, messageId: `m${n}`, userId: 'ann', emoji: '👍' },
});

export function eventStoreContract(t: TestApi, factory: FixtureFactory<EventStore>): void {
  const test = testWith(t, factory);
  t.describe('EventStore contract', () => {
    test('eventSeqs are dense from 1 under 50 concurrent appends', async (store) => {
      const events = await Promise.all(Array.from({ length: 50 }, (_, i) => store.append(draft('c1', i))));
      same(
        events.map((e) => e.eventSeq).sort((a, b) => a - b),
        Array.from({ length: 50 }, (_, i) => i + 1),
        'dense',
      );
      same((await store.append(draft('c2', 0))).eventSeq, 1, 'per conversation');
    }, 30_000);

    test('replay after an eventSeq returns the rest in order, with no gaps or duplicates', async (store) => {
      for (let i = 0; i < 12; i += 1) await store.append(draft('c1', i));
      const seen: number[] = [];
      let cursor = 0;
      for (;;) {
        const page = await store.listAfter('c1', cursor, 5);
        if (page.length === 0) break;
        seen.push(...page.map((e) => e.eventSeq));
        cursor = page.at(-1)!.eventSeq;
      }
      same(
        seen,
        Array.from({ length: 12 }, (_, i) => i + 1),
        'every event once, in order',
      );
      same(
        (await store.listAfter('c1', 7, 2)).map((e) => e.eventSeq),
        [8, 9],
        'from the middle',
      );
      const [first] = await store.listAfter('c1', 0, 1);
      same(first?.payload, draft('c1', 0).payload, 'payload round-trips');
    });

    test('replay while appends race never skips an event', async (store) => {
      const seen = new Set<number>();
      let cursor = 0;
      const writers = Promise.all(Array.from({ length: 30 }, (_, i) => store.append(draft('c1', i))));
      for (let round = 0; round < 60 && seen.size < 30; round += 1) {
        const page = await store.listAfter('c1', cursor, 100);
        for (const e of page) seen.add(e.eventSeq);
        cursor = page.at(-1)?.eventSeq ?? cursor;
        if (round > 0) await new Promise((r) => setTimeout(r, 5));
      }
      await writers;
      for (const e of await store.listAfter('c1', cursor, 100)) seen.add(e.eventSeq);
      same(
        [...seen].sort((a, b) => a - b),
        Array.from({ length: 30 }, (_, i) => i + 1),
        'a cursor-following reader saw all',
      );
    }, 30_000);
  });
}
