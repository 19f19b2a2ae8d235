import { describe, expect, it } from 'vitest';
import { createParley, type ImageProcessor, type JobName, type Ports, type SendProbe } from '@parley/core';
import { aMessageDraft, ManualClock } from '@parley/core/testkit';
import { createMemoryPorts } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';

const noImages = {} as ImageProcessor;

/** Memory ports whose job queue refuses everything until `queue.up`; what it accepted lands in `queued`. */
function withQueueDown() {
  const clock = new ManualClock(new Date());
  const ports = createMemoryPorts({ ...createSystemPorts({ clock, logLevel: 'silent' }), images: noImages });
  const queued: string[] = [];
  const queue = { up: false };
  ports.jobs.enqueue = async (name: JobName, _payload, opts) => {
    if (!queue.up) throw new Error('broker down');
    queued.push(`${name}:${opts?.id}`);
  };
  return { clock, ports, queued, queue, parley: createParley(ports, { sendRate: null }) };
}

/** Ann and Bob in a direct conversation. */
async function aDirectConversation(ports: Ports, probe?: SendProbe) {
  const parley = createParley(ports, { sendRate: null });
  const ann = await parley.identity.registerUser.execute({
    email: 'ann@x.test',
    username: 'ann',
    password: 'correct horse battery',
  });
  const bob = await parley.identity.registerUser.execute({
    email: 'bob@x.test',
    username: 'bob',
    password: 'correct horse battery',
  });
  if (!ann.ok || !bob.ok) throw new Error('setup');
  const dm = await parley.conversations.createConversation.execute({
    actorId: ann.value.user.id,
    kind: 'direct',
    memberIds: [bob.value.user.id],
  });
  if (!dm.ok) throw new Error('setup');
  await parley.close();
  const sender = createParley(ports, { sendRate: null }, probe ? { probe } : {});
  const send = async (content: string) => {
    const sent = await sender.messaging.sendMessage.execute({
      actorId: ann.value.user.id,
      conversationId: dm.value.conversation.id,
      content,
    });
    if (!sent.ok) throw new Error(sent.error.message);
    return sent.value.message;
  };
  return { sender, send, ann: ann.value.user.id, bob: bob.value.user.id, conversationId: dm.value.conversation.id };
}

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
    'finishes the messages of a process that died after storing them: at start-up, or once it stops ' + 'beating',
    async () => {
      const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
      const ports = createMemoryPorts({ ...createSystemPorts({ clock, logLevel: 'silent' }), images: noImages });
      const queued: string[] = [];
      ports.jobs.enqueue = async (_name, _payload, opts) => {
        queued.push(opts!.id!);
      };
      const { send, sender, bob, conversationId } = await aDirectConversation(ports, (step) => {
        if (step === 'stored') throw new Error('killed');
      });
      await expect(send('lost in the crash')).rejects.toThrow('killed');
      const [orphan] = await ports.messages.page(conversationId, { limit: 1, viewerId: bob });
      expect(queued).toEqual([]);

      const live = createParley(ports, { sendRate: null });
      await live.delivery.relayOutbox.execute();
      expect(queued).toEqual([]);
      clock.advance(11_000);
      await live.delivery.relayOutbox.execute();
      expect(queued).toEqual([`notify:${orphan!.id}`]);
      const view = await live.conversations.getConversation.execute({ actorId: bob, conversationId });
      expect(view.ok && [view.value.unreadCount, view.value.lastMessage?.id]).toEqual([1, orphan!.id]);
      await live.delivery.relayOutbox.execute();
      expect(queued).toHaveLength(1);
      expect(await ports.checkpoints.find(sender.followUps.origin)).not.toBeNull();
      clock.advance(60 * 60_000);
      await live.delivery.relayOutbox.execute();
      expect(await ports.checkpoints.find(sender.followUps.origin)).toBeNull();

      const restarted = createParley(ports, { sendRate: null });
      await restarted.delivery.relayOutbox.execute({ startup: true });
      expect(queued).toHaveLength(1);
    },
  );

  it('a message of a process taken for dead that lands after the scan is relayed by the next run', async () => {
    const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
    const ports = createMemoryPorts({ ...createSystemPorts({ clock, logLevel: 'silent' }), images: noImages });
    const queued: string[] = [];
    ports.jobs.enqueue = async (_name, _payload, opts) => {
      queued.push(opts!.id!);
    };
    const { send, sender, conversationId, ann } = await aDirectConversation(ports, (step) => {
      if (step === 'stored') throw new Error('killed');
    });
    await expect(send('first, lost in the crash')).rejects.toThrow('killed');
    const relay = createParley(ports, { sendRate: null });
    await relay.delivery.relayOutbox.execute(); // sees the checkpoint for the first time
    clock.advance(11_000);
    await relay.delivery.relayOutbox.execute();
    expect(queued).toHaveLength(1);
    // An insert of the same process that was slow to land (or the process was only paused): stored after the scan,
    // dated before it, with its outbox entry.
    const late = await ports.messages.append(
      aMessageDraft(conversationId, {
        id: 'late-message',
        senderId: ann,
        content: 'landed late',
        createdAt: new Date(clock.now().getTime() - 9_000),
      }),
      { origin: sender.followUps.origin, jobs: [{ name: 'notify.message', payload: {}, id: 'notify:late-message' }] },
    );
    expect(late.created).toBe(true);
    clock.advance(15_000);
    await relay.delivery.relayOutbox.execute();
    expect(queued).toEqual([expect.stringMatching(/^notify:/), 'notify:late-message']);
    await relay.delivery.relayOutbox.execute();
    expect(queued).toHaveLength(2);
  });

  it('a relay whose clock is 2 h ahead neither takes a live process for dead nor removes its checkpoint', async () => {
    const start = new Date('2026-03-01T00:00:00Z');
    const clock = new ManualClock(start);
    const ahead = new ManualClock(new Date(start.getTime() + 2 * 3_600_000));
    const ports = createMemoryPorts({ ...createSystemPorts({ clock, logLevel: 'silent' }), images: noImages });
    const { ann, conversationId } = await aDirectConversation(ports);
    let tick = () => {};
    const live = createParley(
      ports,
      { sendRate: null },
      { followUps: { every: (_ms, run) => ((tick = run), () => {}) } },
    );
    const sent = await live.messaging.sendMessage.execute({ actorId: ann, conversationId, content: 'hello' });
    expect(sent.ok).toBe(true);
    await live.followUps.settle();
    tick();
    const relay = createParley({ ...ports, clock: ahead }, { sendRate: null });
    for (let second = 0; second < 20; second += 1) {
      await relay.delivery.relayOutbox.execute();
      expect(await ports.checkpoints.find(live.followUps.origin), `second ${second}`).not.toBeNull();
      clock.advance(1_000);
      ahead.advance(1_000);
      tick();
    }
    await live.close();
  });

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
