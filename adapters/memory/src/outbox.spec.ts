import { describe, expect, it } from 'vitest';
import { createUseCases, type ImageProcessor, type JobName } from '@parley/core';
import { ManualClock } from '@parley/core/testkit';
import { createMemoryPorts } from './index.js';

const noImages = {} as ImageProcessor;

/** Memory ports whose job queue refuses everything until `queue.up`; what it accepted lands in `queued`. */
function withQueueDown() {
  const clock = new ManualClock(new Date());
  const ports = createMemoryPorts({ images: noImages, clock, logLevel: 'silent' });
  const queued: string[] = [];
  const queue = { up: false };
  ports.jobs.enqueue = async (name: JobName, _payload, opts) => {
    if (!queue.up) throw new Error('broker down');
    queued.push(`${name}:${opts?.id}`);
  };
  return { clock, ports, queued, queue, parley: createUseCases(ports, { sendRate: null }) };
}

describe('the message outbox', () => {
  it('keeps the notification job of a message whose queueing failed, and the relay queues it later', async () => {
    const { clock, ports, queued, queue, parley } = withQueueDown();
    const ann = await parley.registerUser.execute({ email: 'ann@x.test', username: 'ann', password: 'correct horse battery' });
    const bob = await parley.registerUser.execute({ email: 'bob@x.test', username: 'bob', password: 'correct horse battery' });
    if (!ann.ok || !bob.ok) throw new Error('setup');
    const dm = await parley.createConversation.execute({ actorId: ann.value.user.id, kind: 'direct', memberIds: [bob.value.user.id] });
    if (!dm.ok) throw new Error('setup');
    const sent = await parley.sendMessage.execute({ actorId: ann.value.user.id, conversationId: dm.value.conversation.id, content: 'hello' });
    expect(sent.ok).toBe(true);
    const id = sent.ok ? sent.value.message.id : '';
    expect((await ports.messages.findById(id))?.pendingJobs).toHaveLength(1);

    expect((await parley.relayOutbox.execute()).ok && queued).toEqual([]);
    queue.up = true;
    clock.advance(11_000);
    await parley.relayOutbox.execute();
    expect(queued).toEqual([`notify.message:notify:${id}`]);
    expect((await ports.messages.findById(id))?.pendingJobs).toEqual([]);
    await parley.relayOutbox.execute();
    expect(queued).toHaveLength(1);
  });

  it('confirms an upload while the queue is down; the relay queues its processing once, when the queue is back', async () => {
    const { clock, ports, queued, queue, parley } = withQueueDown();
    const ann = await parley.registerUser.execute({ email: 'ann@x.test', username: 'ann', password: 'correct horse battery' });
    if (!ann.ok) throw new Error('setup');
    const actorId = ann.value.user.id;
    const ticket = await parley.requestUpload.execute({ actorId, filename: 'a.txt', contentType: 'text/plain', size: 5 });
    if (!ticket.ok) throw new Error('setup');
    const media = await ports.media.findById(ticket.value.id);
    await ports.blobs.put(media!.storageKey, new TextEncoder().encode('hello'), 'text/plain');

    const confirmed = await parley.confirmUpload.execute({ actorId, mediaId: ticket.value.id });
    expect(confirmed.ok && [confirmed.value.status, confirmed.value.jobPending]).toEqual(['uploaded', true]);
    await parley.relayOutbox.execute();
    expect(queued).toEqual([]);
    queue.up = true;
    clock.advance(11_000);
    await parley.relayOutbox.execute();
    expect(queued).toEqual([`media.process:media:${ticket.value.id}`]);
    expect((await ports.media.findById(ticket.value.id))?.jobPending).toBe(false);
    await parley.relayOutbox.execute();
    expect(queued).toHaveLength(1);
  });

  it('finishes a send whose typing store fails: marks and jobs land, nothing is thrown or left unhandled', async () => {
    const ports = createMemoryPorts({ images: noImages, logLevel: 'silent' });
    ports.presence.clearTyping = async () => { throw new Error('presence store down'); };
    const parley = createUseCases(ports, { sendRate: null });
    const ann = await parley.registerUser.execute({ email: 'ann@x.test', username: 'ann', password: 'correct horse battery' });
    const bob = await parley.registerUser.execute({ email: 'bob@x.test', username: 'bob', password: 'correct horse battery' });
    if (!ann.ok || !bob.ok) throw new Error('setup');
    const dm = await parley.createConversation.execute({ actorId: ann.value.user.id, kind: 'direct', memberIds: [bob.value.user.id] });
    if (!dm.ok) throw new Error('setup');
    const sent = await parley.sendMessage.execute({ actorId: ann.value.user.id, conversationId: dm.value.conversation.id, content: 'hello' });
    expect(sent.ok).toBe(true);
    await parley.close();
    const id = sent.ok ? sent.value.message.id : '';
    expect((await ports.messages.findById(id))?.pendingJobs).toEqual([]);
    const view = await parley.getConversation.execute({ actorId: bob.value.user.id, conversationId: dm.value.conversation.id });
    expect(view.ok && [view.value.unreadCount, view.value.lastMessage?.id]).toEqual([1, id]);
  });
});
