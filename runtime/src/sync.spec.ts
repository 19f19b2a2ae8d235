import { describe, expect, it } from 'vitest';
import { createParley } from '@parley/core';
import { ManualClock } from '@parley/core/testkit';
import { createMemoryPorts } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';
import { aDirectConversation, noImages } from './outbox.fixtures.js';

describe('sync tokens', () => {
  it('a sync between a crashed send and the relay that finishes it does not hide it from the next sync', async () => {
    const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
    const ports = createMemoryPorts({ ...createSystemPorts({ clock, logLevel: 'silent' }), images: noImages });
    const { send, bob, conversationId } = await aDirectConversation(ports, (step) => {
      if (step === 'stored') throw new Error('killed');
    });
    const live = createParley(ports, { sendRate: null });
    clock.advance(60_000);
    const first = await live.delivery.syncConversations.execute({ actorId: bob });
    await expect(send('lost in the crash')).rejects.toThrow('killed');
    await live.delivery.relayOutbox.execute(); // sees the crashed process's checkpoint, still fresh
    clock.advance(6_000);
    // Bob syncs while the message is stored but its marks are not: nothing has changed for him yet.
    const between = await live.delivery.syncConversations.execute({
      actorId: bob,
      syncToken: first.ok ? first.value.syncToken : '',
    });
    expect(between.ok && between.value.changes).toEqual([]);
    clock.advance(6_000);
    await live.delivery.relayOutbox.execute(); // the crashed process stopped beating: its send is finished now
    const next = await live.delivery.syncConversations.execute({
      actorId: bob,
      syncToken: between.ok ? between.value.syncToken : '',
    });
    expect(next.ok && next.value.changes.map((c) => c.conversationId)).toEqual([conversationId]);
  });

  it('a sync token does not depend on clocks: a writer 10 s behind still shows up in the next sync', async () => {
    const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
    const behind = new ManualClock(new Date('2026-03-01T00:00:00Z'));
    const ports = createMemoryPorts({ ...createSystemPorts({ clock, logLevel: 'silent' }), images: noImages });
    const { ann, bob, conversationId } = await aDirectConversation(ports);
    const reader = createParley(ports, { sendRate: null });
    // The same stores, written by a process whose clock is 10 s behind the reader's.
    const writer = createParley({ ...ports, clock: behind }, { sendRate: null });
    clock.advance(60_000);
    behind.advance(50_000);
    const first = await reader.delivery.syncConversations.execute({ actorId: bob });
    clock.advance(1_000);
    behind.advance(1_000);
    const sent = await writer.messaging.sendMessage.execute({ actorId: ann, conversationId, content: 'from the past' });
    expect(sent.ok).toBe(true);
    await writer.followUps.settle();
    const next = await reader.delivery.syncConversations.execute({
      actorId: bob,
      syncToken: first.ok ? first.value.syncToken : '',
    });
    expect(next.ok && next.value.changes.map((c) => c.conversationId)).toEqual([conversationId]);
    await writer.close();
  });
});
