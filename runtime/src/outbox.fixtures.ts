/** What the outbox, relay and sync specs share: memory ports with a queue that can be down, and a DM to send in. */
import { createParley, sentMessage, type ImageProcessor, type JobName, type Ports, type SendProbe } from '@parley/core';
import { ManualClock } from '@parley/core/testkit';
import { createMemoryPorts } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';

export const noImages = {} as ImageProcessor;

/** Memory ports whose job queue refuses everything until `queue.up`; what it accepted lands in `queued`. */
export function withQueueDown() {
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
export async function aDirectConversation(ports: Ports, probe?: SendProbe) {
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
    return sentMessage(sent.value)!;
  };
  return { sender, send, ann: ann.value.user.id, bob: bob.value.user.id, conversationId: dm.value.conversation.id };
}
