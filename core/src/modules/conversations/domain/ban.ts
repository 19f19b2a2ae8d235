/**
 * A person banned from one conversation by its owner or an admin: they are taken out and cannot come back
 * (public join, invite link, join request, being added) until the ban is lifted or `until` passes.
 */
export interface ConversationBan {
  conversationId: string;
  userId: string;
  bannedBy: string;
  reason: string | null;
  /** When the ban ends by itself; null: until lifted. */
  until: Date | null;
  createdAt: Date;
}

/** Whether the ban still holds at `now` (an expired ban is as good as none). */
export const banHolds = (ban: ConversationBan | null, now: Date): ban is ConversationBan =>
  ban !== null && (ban.until === null || ban.until.getTime() > now.getTime());

export const MAX_BAN_REASON = 500;
