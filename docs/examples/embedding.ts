/**
 * Embedding @parley/core in your own Node service: keep Parley's memory adapters for everything except
 * the port you own (here, realtime fan-out goes to your own bus), then call the use cases.
 * This file is executed by docs/examples/embedding.spec.ts, so it stays true.
 */
import {
  createParley,
  sentMessage,
  type EventPublisher,
  type RealtimeEvent,
  type Topic,
  type Unsubscribe,
} from '@parley/core';
import { createMemoryPorts } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';
import { JimpImageProcessor } from '@parley/adapter-jimp';

/** Your adapter: implement the port's interface and pass the contract suite (see docs/architecture.md). */
export class MyBusPublisher implements EventPublisher {
  readonly sent: { topic: Topic; event: RealtimeEvent }[] = [];

  async publish(topic: Topic, event: RealtimeEvent): Promise<void> {
    this.sent.push({ topic, event });
  }

  async subscribe(): Promise<Unsubscribe> {
    return async () => {};
  }
}

export async function chatOnce() {
  const bus = new MyBusPublisher();
  const ports = {
    ...createMemoryPorts({ ...createSystemPorts({ logLevel: 'silent' }), images: new JimpImageProcessor() }),
    publisher: bus,
  };
  const parley = createParley(ports, { sendRate: null });

  const ann = await parley.identity.registerUser.execute({
    email: 'ann@example.com',
    username: 'ann',
    password: 'correct horse battery',
  });
  const bob = await parley.identity.registerUser.execute({
    email: 'bob@example.com',
    username: 'bob',
    password: 'correct horse battery',
  });
  if (!ann.ok || !bob.ok) throw new Error('registration failed');

  const dm = await parley.conversations.createConversation.execute({
    actorId: ann.value.user.id,
    kind: 'direct',
    memberIds: [bob.value.user.id],
  });
  if (!dm.ok) throw new Error(dm.error.message);

  const sent = await parley.messaging.sendMessage.execute({
    actorId: ann.value.user.id,
    conversationId: dm.value.conversation.id,
    content: 'Hello from my service',
    clientMessageId: 'first',
  });
  // Expected failures are values, never exceptions: map `error.type` to your own outcomes.
  if (!sent.ok) throw new Error(`${sent.error.type}: ${sent.error.message}`);

  const inbox = await parley.conversations.listConversations.execute({ actorId: bob.value.user.id });
  await ports.jobs.close();
  return { bus, message: sentMessage(sent.value), inbox: inbox.ok ? inbox.value.data : [] };
}
