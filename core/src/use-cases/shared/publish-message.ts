import type { Message, MessageView } from '../../domain/message.js';
import type { Ports } from '../../ports/index.js';
import { recordEvent, type EventDeps } from './record-event.js';
import { toViews } from './views.js';

export type PublishDeps = EventDeps & Pick<Ports, 'messages' | 'reactions' | 'participants' | 'media' | 'jobs' | 'ids'>;

/**
 * Everything that follows a stored message: attachments become visible to the conversation, the sender has
 * read their own message, the created event is recorded and fanned out, and a notification job is queued.
 */
export async function publishMessage(deps: PublishDeps, message: Message): Promise<MessageView> {
  for (const id of message.attachmentIds) await deps.media.markShared(id, message.conversationId, message.createdAt);
  await deps.participants.advanceRead(message.conversationId, message.senderId, message.seq, message.createdAt);
  const [view] = await toViews(deps.reactions, [message], message.senderId);
  await recordEvent(deps, message.conversationId, message.senderId, { type: 'message.created', message: view! }, message.seq);
  try {
    await deps.jobs.enqueue('notify.message', { messageId: message.id, conversationId: message.conversationId }, { id: `notify:${message.id}` });
  } catch (error) {
    deps.logger.error('could not queue notification', { messageId: message.id, error: String(error) });
  }
  return view!;
}
