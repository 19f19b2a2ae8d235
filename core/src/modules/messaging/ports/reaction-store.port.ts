import type { ReactionSummary } from '../domain/message.js';
import type { Reaction } from '../domain/reaction.js';

export const ReactionStore = Symbol.for('ReactionStore');

export interface ReactionStore {
  /** Stores the reaction; false (and nothing changes) if the (message, user, emoji) triple exists. */
  add(reaction: Reaction): Promise<boolean>;
  /** Removes the triple; false if it did not exist. */
  remove(messageId: string, userId: string, emoji: string): Promise<boolean>;
  /** Per message: each emoji with its count and whether the viewer used it, emojis ordered by first use. */
  summarize(messageIds: readonly string[], viewerId: string): Promise<Map<string, ReactionSummary[]>>;
  /**
   * Every reaction to these messages, each message's in order of first use (what `summarize` counts; a cache
   * keeps these rows and summarizes them for each viewer with `summarizeReactions`).
   */
  listForMessages(messageIds: readonly string[]): Promise<Reaction[]>;
  /** Removes every reaction of a message; returns how many. */
  removeAllForMessage(messageId: string): Promise<number>;
  /** Every reaction the user made. */
  listByUser(userId: string): Promise<Reaction[]>;
}
