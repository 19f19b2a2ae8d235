export const ViewStore = Symbol.for('ViewStore');

/** Who has seen which channel post: one view per (post, user), counted once. */
export interface ViewStore {
  /** Records that the user saw these posts; returns the ids of those they had not seen before (counted now). */
  record(conversationId: string, userId: string, messageIds: readonly string[], at: Date): Promise<string[]>;
  /** How many people saw each post (posts nobody saw are absent). */
  count(messageIds: readonly string[]): Promise<Map<string, number>>;
}
