import type { Message } from '../domain/message.js';
import type { Ports } from '../../../ports.js';

/** Attachments become readable by the conversation's members; idempotent. */
export async function shareAttachments(deps: Pick<Ports, 'media'>, message: Message): Promise<void> {
  for (const id of message.attachmentIds) await deps.media.markShared(id, message.conversationId, message.createdAt);
}
