import type { MessageRef } from '../../messaging/index.js';
import type { Ports } from '../../../ports.js';

/** More positions than this after the watermarks that do not count as unread are not looked at (as for a page). */
const NOT_UNREAD_SCAN = 5_000;

/**
 * Someone's unread messages over every conversation they are in (an app icon's badge): the same watermark
 * arithmetic as the conversation list (lastMessageSeq - lastReadSeq, less their own and deleted messages after
 * the watermark), in three queries whatever the number of conversations. A conversation's last seq is written
 * behind its sends (at most once a second, see MessageFollowUps); `known` is a message known to exist (the one being
 * pushed), counted even when its conversation's mark has not caught up.
 */
export async function unreadTotal(
  deps: Pick<Ports, 'participants' | 'conversations' | 'messages'>,
  userId: string,
  known?: MessageRef,
): Promise<number> {
  const memberships = await deps.participants.listByUser(userId, { state: 'active' });
  if (memberships.length === 0) return 0;
  const conversations = await deps.conversations.findManyByIds(memberships.map((p) => p.conversationId));
  const seqOf = new Map(conversations.filter((c) => !c.deletedAt).map((c) => [c.id, c.lastMessageSeq]));
  if (known && seqOf.has(known.conversationId))
    seqOf.set(known.conversationId, Math.max(seqOf.get(known.conversationId)!, known.seq));
  const behind = memberships.filter((p) => (seqOf.get(p.conversationId) ?? 0) > p.lastReadSeq);
  if (behind.length === 0) return 0;
  const notUnread: MessageRef[] = await deps.messages.listNotUnread(
    userId,
    behind.map((p) => ({ conversationId: p.conversationId, seq: p.lastReadSeq })),
    NOT_UNREAD_SCAN,
  );
  const total = behind.reduce((sum, p) => sum + seqOf.get(p.conversationId)! - p.lastReadSeq, 0);
  return Math.max(0, total - notUnread.length);
}
