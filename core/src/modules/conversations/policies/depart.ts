import type { Conversation } from '../domain/conversation.js';
import type { Participant } from '../domain/participant.js';
import type { Ports } from '../../../ports.js';
import { closeConversation } from './close-conversation.js';
import { notifyUser, recordEvent } from '../../delivery/index.js';
import { botMemberStatus, tellBotOfMembership, type BotMembershipDeps } from '../../bots/index.js';

export type DepartDeps = BotMembershipDeps &
  Pick<Ports, 'conversations' | 'participants' | 'events' | 'publisher' | 'clock' | 'logger'>;

/**
 * Takes a participant out of a conversation. When the owner goes, ownership passes to the longest-standing
 * admin, else (groups only) the longest-standing member; a conversation nobody can own is closed.
 */
export async function depart(
  deps: DepartDeps,
  conversation: Conversation,
  leaving: Participant,
  actorId: string,
  reason: 'left' | 'removed' | 'erased' | 'banned',
  /** With `banned`: when the ban ends (null: until lifted), told to the person's devices. */
  until: Date | null = null,
): Promise<void> {
  const now = deps.clock.now();
  await deps.participants.update(conversation.id, leaving.userId, { state: 'left', leftAt: now });
  await recordEvent(deps, conversation.id, actorId, { type: 'participant.removed', userId: leaving.userId, reason });
  await tellBotOfMembership(deps, {
    conversationId: conversation.id,
    userId: leaving.userId,
    actorId,
    from: botMemberStatus(leaving.role),
    to: reason === 'banned' ? 'kicked' : 'left',
  });
  await notifyUser(deps, leaving.userId, {
    type: 'conversation.left',
    conversationId: conversation.id,
    userId: leaving.userId,
    reason,
    ...(reason === 'banned' ? { until } : {}),
  });
  if (leaving.role !== 'owner') return;
  const rest = await deps.participants.listActive(conversation.id);
  const heir = rest.find((p) => p.role === 'admin') ?? (conversation.kind === 'group' ? rest[0] : undefined);
  if (!heir) {
    await closeConversation(deps, conversation.id, actorId);
    return;
  }
  await deps.participants.update(conversation.id, heir.userId, { role: 'owner' });
  await recordEvent(deps, conversation.id, actorId, {
    type: 'participant.role_changed',
    userId: heir.userId,
    role: 'owner',
  });
}
