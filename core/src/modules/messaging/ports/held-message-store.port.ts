import type { HeldMessage, HeldState } from '../domain/held-message.js';

export const HeldMessageStore = Symbol.for('HeldMessageStore');

/** Messages a `hold` filter kept for review. */
export interface HeldMessageStore {
  /**
   * Stores it, insert-only: with a clientMessageId, at most one per (conversation, sender, key), however
   * retries race; `created` false hands back the one already there.
   */
  hold(held: HeldMessage): Promise<{ held: HeldMessage; created: boolean }>;
  find(id: string): Promise<HeldMessage | null>;
  /** Those in the state, oldest first, after the one with `afterId` (same state), at most `limit`. */
  list(query: { state: HeldState; afterId?: string; limit: number }): Promise<HeldMessage[]>;
  /** Records a moderator's decision; null when there is no such message. */
  decide(
    id: string,
    decision: Pick<HeldMessage, 'state' | 'decidedBy' | 'decidedAt' | 'reason' | 'messageId'>,
  ): Promise<HeldMessage | null>;
}
