import { describe, expect, it } from 'vitest';
import { EventOrder } from './event-order.js';
import type { ConversationEvent } from './protocol.js';

const event = (eventSeq: number, conversationId = 'c1'): ConversationEvent => ({
  type: 'message.created',
  conversationId,
  eventSeq,
  actorId: 'u1',
  createdAt: '2026-11-25T00:00:00.000Z',
  payload: { type: 'message.created' },
});

/** An EventOrder whose catch-up replays from a fake server log of `logged` events. */
function harness(logged: number) {
  const delivered: number[] = [];
  const asked: number[] = [];
  const order: EventOrder = new EventOrder(
    (e) => delivered.push(e.eventSeq),
    async (conversationId, after) => {
      asked.push(after);
      await Promise.resolve();
      for (let seq = after + 1; seq <= logged; seq += 1) order.replayed(event(seq, conversationId));
    },
  );
  return { order, delivered, asked };
}

describe('EventOrder', () => {
  it('delivers live events in order and drops duplicates', () => {
    const { order, delivered } = harness(0);
    order.follow('c1', 0);
    order.catchUpAll();
    for (const seq of [1, 2, 2, 3, 1]) order.live(event(seq));
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('holds an event after a gap, fetches the gap, then delivers everything in order once', async () => {
    const { order, delivered, asked } = harness(5);
    order.follow('c1', 1);
    order.catchUpAll();
    await new Promise((r) => setTimeout(r, 0));
    expect(delivered).toEqual([2, 3, 4, 5]);
    order.live(event(5)); // already replayed
    order.live(event(8)); // 6 and 7 missing: held, fetched
    expect(delivered).toEqual([2, 3, 4, 5]);
    expect(asked).toEqual([1, 5]);
  });

  it('merges live events that arrive during a catch-up', async () => {
    const delivered: number[] = [];
    let release!: () => void;
    const order: EventOrder = new EventOrder(
      (e) => delivered.push(e.eventSeq),
      async () => {
        await new Promise<void>((r) => {
          release = r;
        });
        for (const seq of [4, 5, 6]) order.replayed(event(seq));
      },
    );
    order.follow('c1', 3);
    order.catchUpAll();
    order.live(event(6));
    order.live(event(7));
    expect(delivered).toEqual([]);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(delivered).toEqual([4, 5, 6, 7]);
  });

  it('follows a conversation first seen live from that event on, and keeps conversations apart', () => {
    const { order, delivered } = harness(0);
    order.catchUpAll();
    order.live(event(41, 'c2'));
    order.live(event(1, 'c1'));
    order.live(event(42, 'c2'));
    expect(delivered).toEqual([41, 1, 42]);
    expect([order.position('c1'), order.position('c2')]).toEqual([1, 42]);
  });

  it('does not fetch while disconnected; reconnecting catches every followed conversation up', async () => {
    const { order, delivered, asked } = harness(3);
    order.follow('c1', 0);
    order.live(event(3));
    expect(asked).toEqual([]);
    order.catchUpAll();
    await new Promise((r) => setTimeout(r, 0));
    expect(delivered).toEqual([1, 2, 3]);
  });
});
