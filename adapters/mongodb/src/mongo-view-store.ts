import type { Db } from 'mongodb';
import type { ViewStore } from '@parley/core';
import { isDuplicateKey } from './support.js';

/** One document per (post, viewer), its `_id` the pair: a second view is a duplicate key, not a count. */
export class MongoViewStore implements ViewStore {
  private readonly views;

  constructor(db: Db) {
    this.views = db.collection('post_views');
  }

  async record(conversationId: string, userId: string, messageIds: readonly string[], at: Date): Promise<string[]> {
    const ids = [...new Set(messageIds)];
    if (ids.length === 0) return [];
    try {
      await this.views.insertMany(
        ids.map((messageId) => ({ _id: `${messageId}:${userId}` as never, messageId, conversationId, userId, at })),
        { ordered: false },
      );
      return ids;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Some were seen before: the ones this call inserted are those the driver does not report as duplicates.
      const failed = new Set(
        ((error as { writeErrors?: { index?: number; err?: { index?: number } }[] }).writeErrors ?? []).map(
          (e) => e.index ?? e.err?.index,
        ),
      );
      return ids.filter((_, i) => !failed.has(i));
    }
  }

  async count(messageIds: readonly string[]): Promise<Map<string, number>> {
    if (messageIds.length === 0) return new Map();
    const rows = await this.views
      .aggregate<{ _id: string; n: number }>([
        { $match: { messageId: { $in: [...messageIds] } } },
        { $group: { _id: '$messageId', n: { $sum: 1 } } },
      ])
      .toArray();
    return new Map(rows.map((r) => [r._id, r.n]));
  }
}
