export const ThreadStore = Symbol.for('ThreadStore');

/** A reply in the thread of its root message (a reply to a reply joins the root's thread). */
export interface ThreadReply {
  rootId: string;
  conversationId: string;
  messageId: string;
  seq: number;
  createdAt: Date;
}

export interface ThreadSummary {
  replyCount: number;
  lastReplySeq: number;
  lastReplyAt: Date;
}

/**
 * The thread index: which messages reply in which thread. Written after the reply is stored (a message
 * follow-up, repeated by the outbox relay until it lands), so a crash between the two loses no reply.
 */
export interface ThreadStore {
  /**
   * Records the reply in its thread; idempotent (the same message twice is one reply), and a reply removed before
   * stays out (a follow-up repeated after a delete changes nothing).
   */
  add(reply: ThreadReply): Promise<void>;
  /** Takes a reply out of its thread (deleted for everyone); idempotent. */
  remove(rootId: string, messageId: string): Promise<void>;
  /** Per root: how many replies, and the last one. Roots without replies are absent. */
  summarize(rootIds: readonly string[]): Promise<Map<string, ThreadSummary>>;
  /**
   * A page of a thread by seq, as history pages: below `before` newest first, above `after` oldest first (both: a
   * range).
   */
  page(rootId: string, query: { before?: number; after?: number; limit: number }): Promise<ThreadReply[]>;
}
