import type { Conversation } from '../domain/conversation.js';
import type { MessageRef, MessageView } from '../../messaging/index.js';
import type { Participant, ParticipantRole } from '../domain/participant.js';
import type { Ports } from '../../../ports.js';
import { toViews } from '../../messaging/index.js';

export interface ConversationView extends Omit<Conversation, 'directKey' | 'deletedAt'> {
  myRole: ParticipantRole;
  unreadCount: number;
  lastReadSeq: number;
  lastMessage: MessageView | null;
  mutedUntil: Date | null;
}

/** More positions than this after a watermark that do not count as unread are not looked at (a page). */
const NOT_UNREAD_SCAN = 5_000;

/**
 * Conversations as one participant sees them — role, unread count, the last message they can see — in a
 * fixed number of queries whatever the page size: unread counts are watermark arithmetic
 * (lastMessageSeq - lastReadSeq, less the deleted and own messages after the watermark, found in one
 * query), last messages are fetched by seq in one query, their reactions in one more.
 */
export async function toConversationViews(
  deps: Pick<Ports, 'messages' | 'reactions'>,
  viewerId: string,
  rows: readonly { conversation: Conversation; participant: Participant }[],
): Promise<ConversationView[]> {
  const behind = rows.filter((r) => r.conversation.lastMessageSeq > r.participant.lastReadSeq);
  const [lasts, notUnread] = await Promise.all([
    deps.messages.findBySeqs(
      rows
        .filter((r) => r.conversation.lastMessageSeq > 0)
        .map((r) => ({ conversationId: r.conversation.id, seq: r.conversation.lastMessageSeq })),
    ),
    behind.length === 0
      ? ([] as MessageRef[])
      : deps.messages.listNotUnread(
          viewerId,
          behind.map((r) => ({ conversationId: r.conversation.id, seq: r.participant.lastReadSeq })),
          NOT_UNREAD_SCAN,
        ),
  ]);
  const excluded = new Map<string, number>();
  for (const ref of notUnread) excluded.set(ref.conversationId, (excluded.get(ref.conversationId) ?? 0) + 1);
  const lastByConversation = new Map(lasts.map((m) => [m.conversationId, m]));
  // A last message the viewer hid for themselves: fall back to their latest visible one (rare).
  for (const { conversation } of rows) {
    const last = lastByConversation.get(conversation.id);
    if (last?.hiddenFor.includes(viewerId)) {
      const [visible] = await deps.messages.page(conversation.id, { limit: 1, viewerId });
      if (visible) lastByConversation.set(conversation.id, visible);
      else lastByConversation.delete(conversation.id);
    }
  }
  const views = new Map(
    (await toViews(deps.reactions, [...lastByConversation.values()], viewerId)).map((v) => [v.conversationId, v]),
  );
  return rows.map(({ conversation, participant }) => {
    const { directKey: _key, deletedAt: _deleted, ...rest } = conversation;
    const unread = conversation.lastMessageSeq - participant.lastReadSeq - (excluded.get(conversation.id) ?? 0);
    return {
      ...rest,
      username: conversation.username ?? null,
      myRole: participant.role,
      unreadCount: Math.max(0, unread),
      lastReadSeq: participant.lastReadSeq,
      lastMessage: views.get(conversation.id) ?? null,
      mutedUntil: participant.mutedUntil,
    };
  });
}

/** One conversation as one participant sees it. */
export async function toConversationView(
  deps: Pick<Ports, 'messages' | 'reactions'>,
  conversation: Conversation,
  participant: Participant,
): Promise<ConversationView> {
  const [view] = await toConversationViews(deps, participant.userId, [{ conversation, participant }]);
  return view!;
}
