import type { Ports } from '../../../ports.js';
import { notifyUser, recordEvent } from '../../delivery/index.js';

/**
 * Marks the conversation deleted: it disappears for everyone, a final `conversation.deleted` event is
 * replayable, and the retention job purges its messages later.
 */
export async function closeConversation(
  deps: Pick<Ports, 'conversations' | 'participants' | 'events' | 'publisher' | 'clock' | 'logger'>,
  conversationId: string,
  actorId: string,
): Promise<void> {
  const members = await deps.participants.listActive(conversationId);
  await recordEvent(deps, conversationId, actorId, { type: 'conversation.deleted', conversationId });
  const now = deps.clock.now();
  await deps.conversations.update(conversationId, { deletedAt: now, updatedAt: now });
  for (const member of members) {
    await deps.participants.update(conversationId, member.userId, { state: 'left', leftAt: now });
    await notifyUser(deps, member.userId, { type: 'conversation.left', conversationId, userId: member.userId });
  }
}
