import type { ConversationBan } from '../domain/ban.js';

export const ConversationBanStore = Symbol.for('ConversationBanStore');

/**
 * Who is banned from which conversation. Read where someone is let in (a rare path, so no cache): a ban
 * applies on every node as soon as it is acknowledged. An expired ban may still be returned: callers ask
 * `banHolds`.
 */
export interface ConversationBanStore {
  /** Stores the ban, replacing one the person already had there (a new time or reason). */
  put(ban: ConversationBan): Promise<void>;
  /** Lifts it; false when there was none. */
  remove(conversationId: string, userId: string): Promise<boolean>;
  find(conversationId: string, userId: string): Promise<ConversationBan | null>;
  /** The conversation's bans ordered by userId, after `afterUserId`, at most `limit`. */
  list(conversationId: string, opts: { afterUserId?: string; limit: number }): Promise<ConversationBan[]>;
}
