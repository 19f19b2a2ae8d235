import type { Db } from 'mongodb';
import type { ConversationBan, ConversationBanStore } from '@parley/core';
import { stripId } from './support.js';

const key = (conversationId: string, userId: string) => `${conversationId}:${userId}`;

/**
 * One document per (conversation, person), its `_id` the pair: banning again replaces it. A ban that ended
 * stays until it is lifted or replaced (small; every read checks the time).
 */
export class MongoConversationBanStore implements ConversationBanStore {
  private readonly bans;

  constructor(db: Db) {
    this.bans = db.collection('conversation_bans');
  }

  async put(ban: ConversationBan): Promise<void> {
    const _id = key(ban.conversationId, ban.userId);
    await this.bans.replaceOne({ _id: _id as never, conversationId: ban.conversationId }, ban, { upsert: true });
  }

  async remove(conversationId: string, userId: string): Promise<boolean> {
    const _id = key(conversationId, userId);
    return (await this.bans.deleteOne({ _id: _id as never, conversationId })).deletedCount === 1;
  }

  async find(conversationId: string, userId: string): Promise<ConversationBan | null> {
    return stripId<ConversationBan>(
      await this.bans.findOne({ _id: key(conversationId, userId) as never, conversationId }),
    );
  }

  async list(conversationId: string, opts: { afterUserId?: string; limit: number }): Promise<ConversationBan[]> {
    const rows = await this.bans
      .find({ conversationId, ...(opts.afterUserId ? { userId: { $gt: opts.afterUserId } } : {}) })
      .sort({ userId: 1 })
      .limit(opts.limit)
      .toArray();
    return rows.map((row) => stripId<ConversationBan>(row)!);
  }
}
