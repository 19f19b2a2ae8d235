import type { Db } from 'mongodb';
import { summarizeReactions, type Reaction, type ReactionStore, type ReactionSummary } from '@parley/core';
import { insertUnlessExists, stripId } from './support.js';

const key = (messageId: string, userId: string, emoji: string) => `${messageId}:${userId}:${emoji}`;

export class MongoReactionStore implements ReactionStore {
  private readonly reactions;

  constructor(db: Db) {
    this.reactions = db.collection('reactions');
  }

  async add(reaction: Reaction): Promise<boolean> {
    return insertUnlessExists(this.reactions, {
      _id: key(reaction.messageId, reaction.userId, reaction.emoji) as never,
      ...reaction,
    });
  }

  async remove(messageId: string, userId: string, emoji: string): Promise<boolean> {
    return (
      (await this.reactions.deleteOne({ _id: key(messageId, userId, emoji) as never, messageId })).deletedCount === 1
    );
  }

  async summarize(messageIds: readonly string[], viewerId: string): Promise<Map<string, ReactionSummary[]>> {
    return summarizeReactions(await this.listForMessages(messageIds), viewerId);
  }

  async listForMessages(messageIds: readonly string[]): Promise<Reaction[]> {
    if (messageIds.length === 0) return [];
    const rows = await this.reactions
      .find({ messageId: { $in: [...messageIds] } })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    return rows.map((d) => stripId<Reaction>(d)!);
  }

  async removeAllForMessage(messageId: string): Promise<number> {
    return (await this.reactions.deleteMany({ messageId })).deletedCount;
  }

  async listByUser(userId: string): Promise<Reaction[]> {
    return (await this.reactions.find({ userId }).toArray()).map((d) => stripId<Reaction>(d)!);
  }
}
