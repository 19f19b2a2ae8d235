import type { RealtimeEvent } from '../modules/delivery/index.js';
import type { EventPublisher } from '../modules/delivery/index.js';
import { same } from './assert.js';
import { fixtureId } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const typing = (conversationId: string, userId: string): RealtimeEvent => ({
  kind: 'ephemeral',
  event: { type: 'typing.stopped', conversationId, userId },
});

/** Polls briefly: a networked publisher delivers asynchronously. */
async function eventually(check: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

export function eventPublisherContract(t: TestApi, factory: FixtureFactory<EventPublisher>): void {
  const test = testWith(t, factory);
  t.describe('EventPublisher contract', () => {
    test('delivers to every subscriber of a topic, in publish order, and to no other topic', async (pub) => {
      const id = fixtureId('c');
      const a: RealtimeEvent[] = [];
      const b: RealtimeEvent[] = [];
      const other: RealtimeEvent[] = [];
      await pub.subscribe(`conversation:${id}`, (e) => a.push(e));
      await pub.subscribe(`conversation:${id}`, (e) => b.push(e));
      await pub.subscribe(`conversation:${id}-other`, (e) => other.push(e));
      for (const user of ['u1', 'u2', 'u3']) await pub.publish(`conversation:${id}`, typing(id, user));
      await eventually(() => a.length === 3 && b.length === 3);
      const users = (list: RealtimeEvent[]) => list.map((e) => (e.event as { userId: string }).userId);
      same(users(a), ['u1', 'u2', 'u3'], 'first subscriber, in order');
      same(users(b), ['u1', 'u2', 'u3'], 'second subscriber');
      same(other.length, 0, 'other topics get nothing');
    });

    test('hands every subscriber on a node the same frozen event', async (pub) => {
      const id = fixtureId('c');
      const got: RealtimeEvent[] = [];
      await pub.subscribe(`conversation:${id}`, (e) => got.push(e));
      await pub.subscribe(`conversation:${id}`, (e) => got.push(e));
      const sent = typing(id, 'u1');
      await pub.publish(`conversation:${id}`, sent);
      await eventually(() => got.length === 2);
      same(got[0] === got[1], true, 'one object for both subscribers');
      same(Object.isFrozen(got[0]) && Object.isFrozen(got[0]!.event), true, 'frozen, nested objects too');
      same(Object.isFrozen(sent), false, 'the publisher keeps its own object');
    });

    test('stops delivering after unsubscribe', async (pub) => {
      const id = fixtureId('u');
      const got: RealtimeEvent[] = [];
      const unsubscribe = await pub.subscribe(`user:${id}`, (e) => got.push(e));
      await pub.publish(`user:${id}`, typing('c', id));
      await eventually(() => got.length === 1);
      await unsubscribe();
      await pub.publish(`user:${id}`, typing('c', id));
      await new Promise((r) => setTimeout(r, 100));
      same(got.length, 1, 'nothing after unsubscribe');
    });

    test('dates survive the trip', async (pub) => {
      const id = fixtureId('c');
      const got: RealtimeEvent[] = [];
      await pub.subscribe(`conversation:${id}`, (e) => got.push(e));
      const expiresAt = new Date('2026-01-01T00:00:06Z');
      await pub.publish(`conversation:${id}`, {
        kind: 'ephemeral',
        event: { type: 'typing.started', conversationId: id, userId: 'u', expiresAt },
      });
      await eventually(() => got.length === 1);
      const event = got[0]?.event as { expiresAt: Date } | undefined;
      same(event?.expiresAt instanceof Date && event.expiresAt.getTime() === expiresAt.getTime(), true, 'a Date again');
    });
  });
}
