import type { Conversation } from '../../domain/conversation.js';
import type { MessageView } from '../../domain/message.js';
import type { Participant, ParticipantRole } from '../../domain/participant.js';
import type { Ports } from '../../ports/index.js';
import { toViews } from './views.js';

export interface ConversationView extends Omit<Conversation, 'directKey' | 'deletedAt'> {
  myRole: ParticipantRole;
  unreadCount: number;
  lastReadSeq: number;
  lastMessage: MessageView | null;
  mutedUntil: Date | null;
}

/** The conversation as one participant sees it: their role, unread count and the last message they can see. */
export async function toConversationView(
  deps: Pick<Ports, 'messages' | 'reactions'>,
  conversation: Conversation,
  participant: Participant,
): Promise<ConversationView> {
  const [unreadCount, last] = await Promise.all([
    deps.messages.countAfter(conversation.id, participant.lastReadSeq, participant.userId),
    deps.messages.page(conversation.id, { limit: 1, viewerId: participant.userId }),
  ]);
  const [lastMessage] = await toViews(deps.reactions, last, participant.userId);
  const { directKey: _key, deletedAt: _deleted, ...rest } = conversation;
  return {
    ...rest,
    myRole: participant.role,
    unreadCount,
    lastReadSeq: participant.lastReadSeq,
    lastMessage: lastMessage ?? null,
    mutedUntil: participant.mutedUntil,
  };
}
