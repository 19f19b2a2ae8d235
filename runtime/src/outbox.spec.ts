import { describe, expect, it } from 'vitest';
import { createParley } from '@parley/core';
import { ManualClock } from '@parley/core/testkit';
import { createMemoryPorts } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';
import { aDirectConversation, noImages, withQueueDown } from './outbox.fixtures.js';

describe('the message outbox', () => {
  it('keeps the notification job of a message whose queueing failed, and the relay queues it later, once', async () => {
    const { clock, ports, queued, queue, parley } = withQueueDown();
    const { sender, send } = await aDirectConversation(ports);
    const message = await send('hello');
    await sender.followUps.settle();
    await sender.followUps.beat();
    const held = await ports.checkpoints.find(sender.followUps.origin);
    expect(held!.doneBefore.getTime()).toBeLessThanOrEqual(message.createdAt.getTime());

    await sender.delivery.relayOutbox.execute();
    expect(queued).toEqual([]);
    queue.up = true;
    await sender.delivery.relayOutbox.execute();
    expect(queued).toEqual([`notify.message:notify:${message.id}`]);
    clock.advance(1);
    await sender.followUps.beat();
    const moved = await ports.checkpoints.find(sender.followUps.origin);
    expect(moved!.doneBefore.getTime()).toBeGreaterThan(message.createdAt.getTime());
    await sender.delivery.relayOutbox.execute();
    await parley.delivery.relayOutbox.execute({ startup: true });
    expect(queued).toHaveLength(1);
  });

  it('repeats only the follow-ups that failed, and one failing again holds back none of the others', async () => {
    const { clock, ports, queued, queue } = withQueueDown();
    const { sender, send } = await aDirectConversation(ports);
    // Jobs of these messages are refused even while the queue is up (a fault that keeps coming back).
    const refused = new Set<string>();
    const enqueue = ports.jobs.enqueue;
    ports.jobs.enqueue = async (name, payload, opts) => {
      if ([...refused].some((id) => opts?.id?.endsWith(id))) throw new Error('broker down again');
      return enqueue(name, payload, opts);
    };
    const first = await send('first, while the queue is down');
    queue.up = true;
    const landed = [];
    for (let i = 0; i < 120; i += 1) landed.push(await send(`landed ${i}`)); // more than a repair batch
    queue.up = false;
    const last = await send('last, while the queue is down');
    await sender.followUps.settle();
    queue.up = true;
    refused.add(first.id);
    queued.length = 0;
    clock.advance(20_000);
    expect(await sender.followUps.repairOwn()).toBe(2);
    // The last one's job is queued although the first's failed again; none of those that landed is queued again.
    expect(queued).toEqual([`notify.message:notify:${last.id}`]);
    await sender.followUps.beat();
    expect((await ports.checkpoints.find(sender.followUps.origin))!.doneBefore).toEqual(first.createdAt);
    refused.clear();
    clock.advance(20_000);
    expect(await sender.followUps.repairOwn()).toBe(1);
    expect(queued).toEqual([`notify.message:notify:${last.id}`, `notify.message:notify:${first.id}`]);
    await sender.followUps.beat();
    expect((await ports.checkpoints.find(sender.followUps.origin))!.doneBefore).toEqual(clock.now());
    expect(await sender.followUps.repairOwn()).toBe(0);
    expect(landed).toHaveLength(120);
  });

  it("queues a message's jobs once while another of its follow-ups keeps failing, and repeats only that", async () => {
    const { clock, ports, queued, queue } = withQueueDown();
    queue.up = true;
    const { sender, send } = await aDirectConversation(ports);
    // The conversation's activity mark fails three times (the database away), then lands.
    const recordActivity = ports.conversations.recordActivity.bind(ports.conversations);
    let failures = 3;
    ports.conversations.recordActivity = async (...args) => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('database away');
      }
      return recordActivity(...args);
    };
    const message = await send('hello');
    await sender.followUps.settle();
    for (let repair = 0; repair < 4; repair += 1) {
      clock.advance(20_000);
      await sender.followUps.repairOwn();
    }
    expect(failures).toBe(0);
    // Queued when it was sent; the three repeats that followed wrote the mark again, not the job.
    expect(queued).toEqual([`notify.message:notify:${message.id}`]);
    await sender.followUps.beat();
    const checkpoint = await ports.checkpoints.find(sender.followUps.origin);
    expect(checkpoint!.doneBefore.getTime()).toBeGreaterThan(message.createdAt.getTime());
  });

  it(
    'writes the checkpoint before the first insert, and never moves it past a message whose follow-ups ' + 'run',
    async () => {
      const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
      const ports = createMemoryPorts({ ...createSystemPorts({ clock, logLevel: 'silent' }), images: noImages });
      const { sender, send } = await aDirectConversation(ports);
      const append = ports.messages.append.bind(ports.messages);
      const seenAtInsert: (Date | null)[] = [];
      ports.messages.append = async (draft, outbox) => {
        seenAtInsert.push((await ports.checkpoints.find(sender.followUps.origin))?.doneBefore ?? null);
        return append(draft, outbox);
      };
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      ports.jobs.enqueue = async () => {
        await gate;
      };
      const first = await send('first');
      expect(seenAtInsert[0]?.getTime()).toBe(first.createdAt.getTime());
      clock.advance(5_000);
      await sender.followUps.beat();
      expect((await ports.checkpoints.find(sender.followUps.origin))!.doneBefore).toEqual(first.createdAt);
      release();
      await sender.followUps.settle();
      await sender.followUps.beat();
      expect((await ports.checkpoints.find(sender.followUps.origin))!.doneBefore).toEqual(clock.now());
      // A clock that stepped back behind the written checkpoint: the checkpoint is written again first.
      clock.advance(-60_000);
      const behind = await send('behind');
      expect(seenAtInsert.at(-1)).toEqual(behind.createdAt);
      await sender.close();
      expect(await ports.checkpoints.list(10)).toEqual([]);
    },
  );

  it(
    "writes a quiet conversation's marks at once, a burst's once more after the interval; a read in the same " +
      'process sees them',
    async () => {
      const ports = createMemoryPorts({ ...createSystemPorts({ logLevel: 'silent' }), images: noImages });
      const { sender, send, bob, conversationId } = await aDirectConversation(ports);
      let writes = 0;
      let readWrites = 0;
      const record = ports.conversations.recordActivity.bind(ports.conversations);
      ports.conversations.recordActivity = async (...args) => {
        writes += 1;
        return record(...args);
      };
      const advance = ports.participants.advanceRead.bind(ports.participants);
      ports.participants.advanceRead = async (...args) => {
        readWrites += 1;
        return advance(...args);
      };
      await send('first');
      await new Promise((r) => setTimeout(r, 30));
      expect([writes, readWrites]).toEqual([1, 1]);
      for (let i = 0; i < 20; i += 1) await send(`m${i}`);
      const view = await sender.conversations.getConversation.execute({ actorId: bob, conversationId });
      expect(view.ok && [view.value.unreadCount, view.value.lastMessage?.content]).toEqual([21, 'm19']);
      expect(writes).toBeLessThanOrEqual(2);
      // The sender's read mark follows their burst too (spaced the same way), so views of a busy sender's
      // conversations never walk back over their own messages to count what is unread.
      expect(readWrites).toBeLessThanOrEqual(2);
      const own = await ports.participants.find(conversationId, view.ok ? view.value.lastMessage!.senderId : '');
      expect(own?.lastReadSeq).toBe(21);
    },
  );

  it("with the app's timer, a send does not wait on checkpoint writes a slow database holds up", async () => {
    const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
    const ports = createMemoryPorts({ ...createSystemPorts({ clock, logLevel: 'silent' }), images: noImages });
    const { ann, conversationId } = await aDirectConversation(ports);
    let tick = () => {};
    const timed = createParley(
      ports,
      { sendRate: null },
      {
        followUps: {
          every: (_ms, run) => {
            tick = run;
            return () => {};
          },
        },
      },
    );
    const send = (content: string) => timed.messaging.sendMessage.execute({ actorId: ann, conversationId, content });
    expect((await send('first')).ok).toBe(true);
    ports.checkpoints.save = () => new Promise(() => {}); // the database holds the checkpoint writes up
    tick();
    clock.advance(3_000);
    tick();
    const sent = await Promise.race([
      send('during').then((r) => r.ok),
      new Promise((r) => setTimeout(() => r('waited'), 2_000)),
    ]);
    expect(sent).toBe(true);
  });

  it('a process whose checkpoint cannot be written for 5 s stops storing sends until it can', async () => {
    const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
    const ports = createMemoryPorts({ ...createSystemPorts({ clock, logLevel: 'silent' }), images: noImages });
    const { ann, bob, conversationId } = await aDirectConversation(ports);
    let tick = () => {};
    const timed = createParley(
      ports,
      { sendRate: null },
      { followUps: { every: (_ms, run) => ((tick = run), () => {}) } },
    );
    const send = (content: string) => timed.messaging.sendMessage.execute({ actorId: ann, conversationId, content });
    expect((await send('first')).ok).toBe(true);
    const save = ports.checkpoints.save.bind(ports.checkpoints);
    ports.checkpoints.save = async () => {
      throw new Error('checkpoint store down');
    };
    tick();
    clock.advance(4_000);
    expect((await send('still within the beat')).ok).toBe(true);
    clock.advance(2_000);
    tick();
    // Another process would take this one for dead at 10 s, relay it once and never look again: refused.
    await expect(send('behind a stale checkpoint')).rejects.toThrow('checkpoint store down');
    const history = await ports.messages.page(conversationId, { limit: 10, viewerId: bob });
    expect(history.map((m) => m.content)).toEqual(['still within the beat', 'first']);
    ports.checkpoints.save = save;
    expect((await send('back')).ok).toBe(true);
    await timed.close();
  });

  it("a read in the sending process does not wait out the marks' interval", async () => {
    const ports = createMemoryPorts({ ...createSystemPorts({ logLevel: 'silent' }), images: noImages });
    const { bob, conversationId, ann } = await aDirectConversation(ports);
    const slow = createParley(ports, { sendRate: null }, { followUps: { markIntervalMs: 60_000 } });
    for (let i = 0; i < 3; i += 1)
      await slow.messaging.sendMessage.execute({ actorId: ann, conversationId, content: `m${i}` });
    const started = Date.now();
    const view = await slow.conversations.getConversation.execute({ actorId: bob, conversationId });
    expect(view.ok && view.value.unreadCount).toBe(3);
    expect(Date.now() - started).toBeLessThan(30_000);
    await slow.close();
  });

  it(
    'confirms an upload while the queue is down; the relay queues its processing once, when the queue is ' + 'back',
    async () => {
      const { clock, ports, queued, queue, parley } = withQueueDown();
      const ann = await parley.identity.registerUser.execute({
        email: 'ann@x.test',
        username: 'ann',
        password: 'correct horse battery',
      });
      if (!ann.ok) throw new Error('setup');
      const actorId = ann.value.user.id;
      const ticket = await parley.media.requestUpload.execute({
        actorId,
        filename: 'a.txt',
        contentType: 'text/plain',
        size: 5,
      });
      if (!ticket.ok) throw new Error('setup');
      const media = await ports.media.findById(ticket.value.id);
      await ports.blobs.put(media!.storageKey, new TextEncoder().encode('hello'), 'text/plain');

      const confirmed = await parley.media.confirmUpload.execute({ actorId, mediaId: ticket.value.id });
      expect(confirmed.ok && [confirmed.value.status, confirmed.value.jobPending]).toEqual(['uploaded', true]);
      await parley.delivery.relayOutbox.execute();
      expect(queued).toEqual([]);
      queue.up = true;
      clock.advance(11_000);
      await parley.delivery.relayOutbox.execute();
      expect(queued).toEqual([`media.process:media:${ticket.value.id}`]);
      expect((await ports.media.findById(ticket.value.id))?.jobPending).toBe(false);
      await parley.delivery.relayOutbox.execute();
      expect(queued).toHaveLength(1);
    },
  );

  it('finishes a send whose typing store fails: marks and jobs land, nothing is thrown or left unhandled', async () => {
    const ports = createMemoryPorts({ ...createSystemPorts({ logLevel: 'silent' }), images: noImages });
    ports.presence.clearTyping = async () => {
      throw new Error('presence store down');
    };
    const { sender, send, bob, conversationId } = await aDirectConversation(ports);
    const message = await send('hello');
    await sender.close();
    expect(await ports.checkpoints.list(10)).toEqual([]);
    const view = await sender.conversations.getConversation.execute({ actorId: bob, conversationId });
    expect(view.ok && [view.value.unreadCount, view.value.lastMessage?.id]).toEqual([1, message.id]);
  });
});
