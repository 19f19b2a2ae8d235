import { describe, expect, it, vi } from 'vitest';
import {
  createParley,
  sentMessage,
  type ImageProcessor,
  type Notification,
  type NotificationSender,
} from '@parley/core';
import { ManualClock } from '@parley/core/testkit';
import { createMemoryPorts } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';
import { jobHandlers } from './jobs.js';

/** A community of three in a group, over memory adapters, with a clock the test moves. */
async function setup(notifier?: NotificationSender) {
  const clock = new ManualClock(new Date('2026-03-01T12:00:00Z'));
  const memory = createMemoryPorts({
    ...createSystemPorts({ clock, logLevel: 'silent' }),
    images: {} as ImageProcessor,
  });
  const ports = notifier ? { ...memory, notifier } : memory;
  // The notify jobs sends queue, by message: tests run them as the worker would.
  const queued = new Map<string, Record<string, unknown>>();
  const enqueue = memory.jobs.enqueue.bind(memory.jobs);
  memory.jobs.enqueue = async (name, payload, opts) => {
    if (name === 'notify.message') queued.set(String(payload.messageId), payload);
    return enqueue(name, payload, opts);
  };
  const sent = memory.notifier.sent;
  const parley = createParley(ports, { sendRate: null });
  const user = async (name: string) => {
    const r = await parley.identity.registerUser.execute({
      email: `${name}@x.test`,
      username: name,
      password: 'correct horse battery',
    });
    if (!r.ok) throw new Error('setup');
    return r.value.user.id;
  };
  const [ann, bob, cat] = [await user('ann'), await user('bob'), await user('cat')];
  const group = await parley.conversations.createConversation.execute({
    actorId: ann,
    kind: 'group',
    name: 'Team',
    memberIds: [bob, cat],
  });
  if (!group.ok) throw new Error('setup');
  const send = async (content: string, extra: Record<string, unknown> = {}) => {
    const r = await parley.messaging.sendMessage.execute({
      actorId: ann,
      conversationId: group.value.conversation.id,
      content,
      ...extra,
    });
    if (!r.ok) throw new Error(r.error.message);
    return sentMessage(r.value)!.id;
  };
  const handle = jobHandlers(parley)['notify.message'];
  /** Runs the notify job a send queued, as the worker does. */
  const notify = async (messageId: string) => {
    await parley.followUps.settle();
    const payload = queued.get(messageId);
    if (!payload) throw new Error(`no notify job was queued for ${messageId}`);
    return handle({ id: `notify:${messageId}`, name: 'notify.message', payload, attempt: 1 });
  };
  return { clock, ports, sent, parley, ann, bob, cat, groupId: group.value.conversation.id, send, notify };
}

describe('notify.message', () => {
  it('notifies offline members only, never the sender', async () => {
    const { sent, parley, bob, cat, send, notify } = await setup();
    await parley.delivery.trackPresence.execute({ kind: 'connect', userId: cat, connectionId: 'c1' });
    const id = await send('lunch?');
    expect(await notify(id)).toBe('ack');
    expect(sent.map((n) => [n.userId, n.title, n.body])).toEqual([[bob, 'Team', 'ann: lunch?']]);
  });

  it('collapses a burst into one notification per conversation, and notifies again after the window', async () => {
    const { clock, sent, bob, send, notify } = await setup();
    for (let i = 0; i < 50; i += 1) await notify(await send(`spam ${i}`));
    expect(sent.filter((n) => n.userId === bob)).toHaveLength(1);
    clock.advance(61_000);
    await notify(await send('after a while'));
    expect(sent.filter((n) => n.userId === bob)).toHaveLength(2);
  });

  it('respects mute, except for mentions', async () => {
    const { sent, parley, bob, groupId, send, notify } = await setup();
    expect(
      (await parley.conversations.muteConversation.execute({ actorId: bob, conversationId: groupId, until: 'forever' }))
        .ok,
    ).toBe(true);
    await notify(await send('ignored'));
    expect(sent.filter((n) => n.userId === bob)).toHaveLength(0);
    await notify(await send('hey bob', { metadata: { mentions: [bob] } }));
    expect(sent.filter((n) => n.userId === bob).map((n) => n.mention)).toEqual([true]);
  });

  it('does no harm when a job is delivered twice', async () => {
    const { sent, send, notify } = await setup();
    const id = await send('once');
    await notify(id);
    await notify(id);
    expect(sent).toHaveLength(2);
  });

  it('asks for a retry when delivery fails; the retry sends to those it failed for, not the notified', async () => {
    const delivered: Notification[] = [];
    let failFor: string | null = null;
    const flaky: NotificationSender = {
      send: async (n) => {
        if (n.userId === failFor) throw new Error('smtp down');
        delivered.push(n);
      },
    };
    const { bob, cat, send, notify } = await setup(flaky);
    failFor = cat;
    const id = await send('important');
    expect(await notify(id)).toBe('retry');
    expect(delivered.map((n) => n.userId)).toEqual([bob]);
    failFor = null;
    expect(await notify(id)).toBe('ack');
    expect(delivered.map((n) => n.userId)).toEqual([bob, cat]);
    await notify(id);
    expect(delivered.map((n) => n.userId)).toEqual([bob, cat]);
  });
});

describe('notify.message reads the message only to notify', () => {
  it('reads nothing when every recipient is online, and the message once when someone is offline', async () => {
    const { ports, sent, parley, bob, cat, send, notify } = await setup();
    await parley.delivery.trackPresence.execute({ kind: 'connect', userId: bob, connectionId: 'b1' });
    await parley.delivery.trackPresence.execute({ kind: 'connect', userId: cat, connectionId: 'c1' });
    const reads = vi.spyOn(ports.messages, 'findById');
    expect(await notify(await send('all here'))).toBe('ack');
    expect(reads).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
    await parley.delivery.trackPresence.execute({ kind: 'disconnect', userId: cat, connectionId: 'c1' });
    expect(await notify(await send('cat left'))).toBe('ack');
    expect(reads).toHaveBeenCalledTimes(1);
    // Inside cat's burst window nothing more goes out, so nothing more is read.
    expect(await notify(await send('and again'))).toBe('ack');
    expect(reads).toHaveBeenCalledTimes(1);
    expect(sent.map((n) => [n.userId, n.body])).toEqual([[cat, 'ann: cat left']]);
  });

  it('notifies nobody of a message deleted before its job ran, and keeps the burst open for the next', async () => {
    const { sent, parley, ann, bob, groupId, send, notify } = await setup();
    const id = await send('oops');
    const deleted = await parley.messaging.deleteMessage.execute({
      actorId: ann,
      conversationId: groupId,
      messageId: id,
      for: 'everyone',
    });
    expect(deleted.ok).toBe(true);
    expect(await notify(id)).toBe('ack');
    expect(sent).toEqual([]);
    await notify(await send('what I meant'));
    expect(sent.filter((n) => n.userId === bob).map((n) => n.body)).toEqual(['ann: what I meant']);
  });

  it('a silent message reads nothing and notifies nobody', async () => {
    const { ports, sent, send, notify } = await setup();
    const reads = vi.spyOn(ports.messages, 'findById');
    expect(await notify(await send('shh', { silent: true }))).toBe('ack');
    expect(reads).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });

  it('still runs a job queued before its payload carried more than the message id', async () => {
    const { sent, parley, bob, cat, send } = await setup();
    const notify = jobHandlers(parley)['notify.message'];
    const id = await send('from an older release');
    await parley.followUps.settle();
    expect(await notify({ id: `notify:${id}`, name: 'notify.message', payload: { messageId: id }, attempt: 1 })).toBe(
      'ack',
    );
    expect(sent.map((n) => n.userId).sort()).toEqual([bob, cat].sort());
  });
});

describe('retention.sweep', () => {
  it("deletes messages past the conversation's retention, with events, and keeps recent ones", async () => {
    const { clock, ports, parley, ann, groupId, send } = await setup();
    await parley.conversations.updateConversation.execute({
      actorId: ann,
      conversationId: groupId,
      settings: { retentionDays: 1 },
    });
    const old = await send('old news');
    clock.advance(2 * 86_400_000);
    const fresh = await send('fresh news');
    const report = await parley.moderation.runRetention.execute();
    expect(report.ok && report.value).toMatchObject({ ran: true, expired: 1 });
    expect((await ports.messages.findById(old))?.deletedAt).not.toBeNull();
    expect((await ports.messages.findById(fresh))?.deletedAt).toBeNull();
    const events = await ports.events.listAfter(groupId, 0, 100);
    expect(events.at(-1)?.payload).toMatchObject({ type: 'message.deleted', messageId: old, deletedBy: 'system' });
  });

  it('removes uploads never attached after a day, from storage and records', async () => {
    const { clock, ports, parley, ann } = await setup();
    const ticket = await parley.media.requestUpload.execute({
      actorId: ann,
      filename: 'a.bin',
      contentType: 'application/octet-stream',
      size: 3,
    });
    if (!ticket.ok) throw new Error('setup');
    const media = (await ports.media.findById(ticket.value.id))!;
    await ports.blobs.put(media.storageKey, new Uint8Array([1, 2, 3]), 'application/octet-stream');
    clock.advance(25 * 3600_000);
    const report = await parley.moderation.runRetention.execute();
    expect(report.ok && report.value.mediaRemoved).toBe(1);
    expect(await ports.media.findById(media.id)).toBeNull();
    expect(await ports.blobs.get(media.storageKey)).toBeNull();
  });

  it('drops sync tokens past their 30 days; a newer one keeps working', async () => {
    const { clock, parley, bob } = await setup();
    const old = await parley.delivery.syncConversations.execute({ actorId: bob });
    clock.advance(20 * 86_400_000);
    const newer = await parley.delivery.syncConversations.execute({ actorId: bob });
    clock.advance(11 * 86_400_000);
    const report = await parley.moderation.runRetention.execute();
    expect(report.ok && report.value.syncSnapshotsRemoved).toBe(1);
    // The newer token still names its snapshot: nothing changed since, so nothing is listed.
    const synced = await parley.delivery.syncConversations.execute({
      actorId: bob,
      syncToken: newer.ok ? newer.value.syncToken : '',
    });
    expect(synced.ok && synced.value.changes).toEqual([]);
    // The expired one lists every conversation again, as a first sync would.
    const expired = await parley.delivery.syncConversations.execute({
      actorId: bob,
      syncToken: old.ok ? old.value.syncToken : '',
    });
    expect(expired.ok && expired.value.changes.length).toBeGreaterThan(0);
  });

  it('runs once per lease however many workers ask', async () => {
    const { clock, parley } = await setup();
    const runs = await Promise.all([
      parley.moderation.runRetention.execute(),
      parley.moderation.runRetention.execute(),
      parley.moderation.runRetention.execute(),
    ]);
    expect(runs.filter((r) => r.ok && r.value.ran)).toHaveLength(1);
    clock.advance(6 * 60_000);
    const later = await parley.moderation.runRetention.execute();
    expect(later.ok && later.value.ran).toBe(true);
  });
});

describe('follow-ups repeated', () => {
  it('after a delete, an edit and a ban, repeating every follow-up and notification changes nothing', async () => {
    const { clock, ports, sent, parley, ann, bob, cat, groupId, send, notify } = await setup();
    const root = await send('plans for friday?');
    const reply = await send('pizza', { replyToId: root });
    const other = await send('or sushi');
    for (const id of [root, reply, other]) await notify(id);
    await parley.followUps.settle();
    clock.advance(1_000);
    // What happens after the sends: the reply deleted for everyone, the other edited, the sender banned.
    const deleted = await parley.messaging.deleteMessage.execute({
      actorId: ann,
      conversationId: groupId,
      messageId: reply,
      for: 'everyone',
    });
    const edited = await parley.messaging.editMessage.execute({
      actorId: ann,
      conversationId: groupId,
      messageId: other,
      content: 'sushi, actually',
    });
    await ports.users.update(cat, { role: 'admin' });
    const banned = await parley.moderation.setUserBan.execute({
      actorId: cat,
      userId: ann,
      banned: true,
      reason: 'spam',
    });
    expect([deleted.ok, edited.ok, banned.ok]).toEqual([true, true, true]);
    await parley.followUps.settle();

    const state = async () => {
      const view = await parley.conversations.getConversation.execute({ actorId: bob, conversationId: groupId });
      const history = await parley.messaging.listMessages.execute({ actorId: bob, conversationId: groupId });
      return {
        thread: await ports.threads.summarize([root]),
        events: (await ports.events.listAfter(groupId, 0, 1000)).length,
        history: history.ok && history.value.data.map((m) => [m.seq, m.content, m.deletedAt !== null]),
        view: view.ok && [view.value.unreadCount, view.value.lastMessage?.id, view.value.lastMessage?.content],
        notified: sent.length,
      };
    };
    const before = await state();
    // Everything a broker redelivery, a retry or the outbox relay could run again, run again.
    const records = await ports.outboxLog.listByOrigin(parley.followUps.origin, new Date(0), 100);
    expect(records).toHaveLength(3);
    for (const record of records) await parley.followUps.run(record);
    for (const id of [root, reply, other]) await notify(id);
    await parley.followUps.settle();
    expect(await state()).toEqual(before);
    expect(before.thread.get(root)).toBeUndefined();
  });
});
