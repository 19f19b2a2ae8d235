import type { ThreadReply, ThreadStore, ThreadSummary } from '@parley/core';

export class InMemoryThreadStore implements ThreadStore {
  /** rootId -> messageId -> reply. */
  private readonly threads = new Map<string, Map<string, Readonly<ThreadReply>>>();
  /** Replies removed from their thread: a repeated `add` does not bring them back. */
  private readonly removed = new Set<string>();

  async add(reply: ThreadReply): Promise<void> {
    let replies = this.threads.get(reply.rootId);
    if (!replies) this.threads.set(reply.rootId, (replies = new Map()));
    if (!replies.has(reply.messageId) && !this.removed.has(`${reply.rootId}:${reply.messageId}`))
      replies.set(reply.messageId, Object.freeze({ ...reply, createdAt: new Date(reply.createdAt) }));
  }

  async remove(rootId: string, messageId: string): Promise<void> {
    this.removed.add(`${rootId}:${messageId}`);
    this.threads.get(rootId)?.delete(messageId);
  }

  async summarize(rootIds: readonly string[]): Promise<Map<string, ThreadSummary>> {
    const out = new Map<string, ThreadSummary>();
    for (const rootId of new Set(rootIds)) {
      const replies = [...(this.threads.get(rootId)?.values() ?? [])];
      if (replies.length === 0) continue;
      const last = replies.reduce((a, b) => (b.seq > a.seq ? b : a));
      out.set(rootId, { replyCount: replies.length, lastReplySeq: last.seq, lastReplyAt: last.createdAt });
    }
    return out;
  }

  async page(rootId: string, query: { before?: number; after?: number; limit: number }): Promise<ThreadReply[]> {
    const replies = [...(this.threads.get(rootId)?.values() ?? [])]
      .filter(
        (r) =>
          (query.before === undefined || r.seq < query.before) && (query.after === undefined || r.seq > query.after),
      )
      .sort((a, b) => a.seq - b.seq);
    return (query.after === undefined ? replies.reverse() : replies).slice(0, query.limit);
  }
}
