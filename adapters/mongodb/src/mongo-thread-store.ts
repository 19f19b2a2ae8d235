import type { Db, Document } from 'mongodb';
import type { ThreadReply, ThreadStore, ThreadSummary } from '@parley/core';
import { insertUnlessExists, stripId } from './support.js';

/**
 * One document per reply, its `_id` the reply's message id (a message replies in one thread at most). A removed
 * reply leaves its document as a tombstone (`removed: true`), so a repeated `add` (the outbox relay finishing a
 * send after the reply was deleted) is a duplicate insert and changes nothing.
 */
export class MongoThreadStore implements ThreadStore {
  private readonly replies;

  constructor(db: Db) {
    this.replies = db.collection('thread_replies');
  }

  async add(reply: ThreadReply): Promise<void> {
    await insertUnlessExists(this.replies, { _id: reply.messageId as never, ...reply });
  }

  async remove(rootId: string, messageId: string): Promise<void> {
    await this.replies.updateOne({ _id: messageId as never, rootId }, { $set: { removed: true } }, { upsert: true });
  }

  async summarize(rootIds: readonly string[]): Promise<Map<string, ThreadSummary>> {
    if (rootIds.length === 0) return new Map();
    const counts = await this.replies
      .aggregate<{ _id: string; n: number }>([
        { $match: { rootId: { $in: [...new Set(rootIds)] }, removed: { $ne: true } } },
        { $group: { _id: '$rootId', n: { $sum: 1 } } },
      ])
      .toArray();
    // The last reply of each root that has any ($max in $group is not in FerretDB 1.x): one indexed read each.
    const lasts = await Promise.all(
      counts.map((c) =>
        this.replies
          .find({ rootId: c._id, removed: { $ne: true } })
          .sort({ seq: -1 })
          .limit(1)
          .next(),
      ),
    );
    return new Map(
      counts.map((c, i) => [
        c._id,
        { replyCount: c.n, lastReplySeq: lasts[i]!.seq as number, lastReplyAt: lasts[i]!.createdAt as Date },
      ]),
    );
  }

  async page(rootId: string, query: { before?: number; after?: number; limit: number }): Promise<ThreadReply[]> {
    const seq: Document = {};
    if (query.before !== undefined) seq.$lt = query.before;
    if (query.after !== undefined) seq.$gt = query.after;
    const filter: Document = { rootId, removed: { $ne: true }, ...(Object.keys(seq).length ? { seq } : {}) };
    const rows = await this.replies
      .find(filter)
      .sort({ seq: query.after === undefined ? -1 : 1 })
      .limit(query.limit)
      .toArray();
    return rows.map((d) => stripId<ThreadReply>(d)!);
  }
}
