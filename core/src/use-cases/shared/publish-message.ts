import type { Message, MessageView } from '../../domain/message.js';
import type { Ports } from '../../ports/index.js';
import { conversationTopic } from '../../domain/event.js';
import { publishSafely, recordEvent, type EventDeps } from './record-event.js';
import { toViews } from './views.js';

/** Queues a message's pending jobs, then clears them; on failure they stay for RelayOutbox. */
export async function flushOutbox(deps: Pick<Ports, 'jobs' | 'messages' | 'logger'>, message: Message): Promise<void> {
  if (message.pendingJobs.length === 0) return;
  try {
    for (const job of message.pendingJobs) await deps.jobs.enqueue(job.name, job.payload, { id: job.id });
    await deps.messages.update(message.id, { pendingJobs: [] });
  } catch (error) {
    deps.logger.error('could not queue the jobs of a message; the outbox relay will retry', { messageId: message.id, error: String(error) });
  }
}

/** The jobs every new message carries in its outbox. */
export const outboxFor = (messageId: string, conversationId: string) =>
  [{ id: `notify:${messageId}`, name: 'notify.message' as const, payload: { messageId, conversationId } }];

export type PublishDeps = EventDeps & Pick<Ports, 'messages' | 'reactions' | 'participants' | 'media' | 'jobs' | 'ids' | 'presence'>;

/**
 * Everything that follows a stored message: attachments become visible to the conversation, the sender has
 * read their own message, the created event is recorded and fanned out, the sender stops typing, and the
 * message's outbox jobs are queued.
 */
export async function publishMessage(deps: PublishDeps, message: Message): Promise<MessageView> {
  for (const id of message.attachmentIds) await deps.media.markShared(id, message.conversationId, message.createdAt);
  await deps.participants.advanceRead(message.conversationId, message.senderId, message.seq, message.createdAt);
  const [view] = await toViews(deps.reactions, [message], message.senderId);
  await recordEvent(deps, message.conversationId, message.senderId, { type: 'message.created', message: view! }, message.seq);
  if (await deps.presence.clearTyping(message.conversationId, message.senderId, deps.clock.now())) {
    await publishSafely(deps, conversationTopic(message.conversationId), {
      kind: 'ephemeral', event: { type: 'typing.stopped', conversationId: message.conversationId, userId: message.senderId },
    });
  }
  await flushOutbox(deps, message);
  return view!;
}
