import { describe, expect, it } from 'vitest';
import { createParley } from '@parley/core';
import { aMessageDraft, ManualClock } from '@parley/core/testkit';
import { createMemoryPorts } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';
import { aDirectConversation, noImages } from './outbox.fixtures.js';

/**
 * Memory ports whose job queue records the ids it takes (and refuses the one `refused()` names), and a direct
 * conversation whose sender's process "dies" after storing each of `lost` messages (1 ms apart), leaving their
 * follow-ups to the relay; `landLate` stores one more of that process's messages, dated `msAgo` before now: an insert
 * that was slow to land.
 */
async function aDeadSender(lost: number, refused: () => string | null = () => null) {
  const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
  const ports = createMemoryPorts({ ...createSystemPorts({ clock, logLevel: 'silent' }), images: noImages });
  const queued: string[] = [];
  ports.jobs.enqueue = async (_name, _payload, opts) => {
    if (opts!.id === refused()) throw new Error('broker down again');
    queued.push(opts!.id!);
  };
  const dm = await aDirectConversation(ports, (step) => {
    if (step === 'stored') throw new Error('killed');
  });
  for (let i = 0; i < lost; i += 1) {
    clock.advance(1);
    await expect(dm.send(`lost ${i}`)).rejects.toThrow('killed');
  }
  const landLate = (msAgo: number) =>
    ports.messages.append(
      aMessageDraft(dm.conversationId, {
        id: 'late-message',
        senderId: dm.ann,
        content: 'landed late',
        createdAt: new Date(clock.now().getTime() - msAgo),
      }),
      {
        origin: dm.sender.followUps.origin,
        jobs: [{ name: 'notify.message', payload: {}, id: 'notify:late-message' }],
      },
    );
  return { clock, ports, queued, landLate, ...dm };
}

describe('the outbox relay', () => {
  it(
    'finishes the messages of a process that died after storing them: at start-up, or once it stops ' + 'beating',
    async () => {
      const { clock, ports, queued, sender, bob, conversationId } = await aDeadSender(1);
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

  it("keeps how far it got in a dead process's messages when a later batch fails, and goes on from there", async () => {
    let refused: string | null = null;
    const { clock, ports, queued } = await aDeadSender(120, () => refused);
    const ids: string[] = [];
    const relay = createParley(ports, { sendRate: null });
    await relay.delivery.relayOutbox.execute(); // sees the checkpoint for the first time
    clock.advance(11_000);
    const stored = await ports.outboxLog.listByOrigin((await ports.checkpoints.list(10))[0]!.origin, new Date(0), 200);
    ids.push(...stored.map((r) => `notify:${r.message.id}`));
    refused = ids[70]!; // in the second batch of 50
    await relay.delivery.relayOutbox.execute();
    // A batch runs at once: the failing one's others landed; the run stops after that batch.
    const firstRun = ids.slice(0, 100).filter((id) => id !== refused);
    expect(queued).toEqual(firstRun);
    refused = null;
    await relay.delivery.relayOutbox.execute();
    // The first batch is not queued again: the run goes on from the end of it (the failed batch, then the rest).
    expect(queued).toEqual([...firstRun, ...ids.slice(50)]);
  });

  it("a process that starts after another relayed a dead process's messages does not repeat them", async () => {
    const { clock, ports, queued, sender } = await aDeadSender(120);
    const first = createParley(ports, { sendRate: null });
    await first.delivery.relayOutbox.execute();
    clock.advance(11_000);
    await first.delivery.relayOutbox.execute();
    expect(queued).toHaveLength(120);
    const last = queued.at(-1);
    // Each later start relays the dead process from its checkpoint: now only the last message's millisecond.
    for (let start = 0; start < 3; start += 1) {
      const restarted = createParley(ports, { sendRate: null });
      await restarted.delivery.relayOutbox.execute({ startup: true });
      clock.advance(11_000);
      await restarted.delivery.relayOutbox.execute();
    }
    expect(queued.slice(120)).toEqual(Array(6).fill(last));
    expect((await ports.checkpoints.find(sender.followUps.origin))?.doneBefore).toEqual(
      (await ports.messages.findById(last!.slice('notify:'.length)))?.createdAt,
    );
  });

  it('a start goes on from where earlier starts got to; what landed behind its scan is still relayed', async () => {
    const { clock, ports, queued, landLate } = await aDeadSender(120);
    await createParley(ports, { sendRate: null }).delivery.relayOutbox.execute({ startup: true });
    expect(queued).toHaveLength(120);
    const last = queued.at(-1);
    // Landed after that start's scan, dated before the last message it relayed (a slow insert of the dead process).
    await landLate(60);
    for (let start = 0; start < 3; start += 1)
      await createParley(ports, { sendRate: null }).delivery.relayOutbox.execute({ startup: true });
    // Each later start repeats the last millisecond only (it was 120 messages each).
    expect(queued.slice(120)).toEqual([last, last, last]);
    // The relay that takes the process for dead reads from doneBefore, and finds the late one.
    const worker = createParley(ports, { sendRate: null });
    await worker.delivery.relayOutbox.execute();
    clock.advance(11_000);
    await worker.delivery.relayOutbox.execute();
    expect(queued.filter((id) => id === 'notify:late-message')).toHaveLength(1);
  });

  it('a message of a process taken for dead that lands after the scan is relayed by the next run', async () => {
    const { clock, ports, queued, landLate } = await aDeadSender(1);
    const relay = createParley(ports, { sendRate: null });
    await relay.delivery.relayOutbox.execute(); // sees the checkpoint for the first time
    clock.advance(11_000);
    await relay.delivery.relayOutbox.execute();
    expect(queued).toHaveLength(1);
    // An insert of the same process that was slow to land (or the process was only paused): stored after the scan,
    // dated before it, with its outbox entry.
    const late = await landLate(9_000);
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
});
