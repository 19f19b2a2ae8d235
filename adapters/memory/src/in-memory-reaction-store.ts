import { summarizeReactions, type Reaction, type ReactionStore, type ReactionSummary } from '@parley/core';
import { clone } from './clone.js';

const key = (r: Pick<Reaction, 'messageId' | 'userId' | 'emoji'>): string => `${r.messageId}\u0000${r.userId}\u0000${r.emoji}`;

export class InMemoryReactionStore implements ReactionStore {
  /** Insertion-ordered, so emojis come out in order of first use. */
  private readonly rows = new Map<string, Reaction>();

  async add(reaction: Reaction): Promise<boolean> {
    if (this.rows.has(key(reaction))) return false;
    this.rows.set(key(reaction), clone(reaction));
    return true;
  }

  async remove(messageId: string, userId: string, emoji: string): Promise<boolean> {
    return this.rows.delete(key({ messageId, userId, emoji }));
  }

  async summarize(messageIds: readonly string[], viewerId: string): Promise<Map<string, ReactionSummary[]>> {
    const wanted = new Set(messageIds);
    return summarizeReactions([...this.rows.values()].filter((r) => wanted.has(r.messageId)), viewerId);
  }

  async removeAllForMessage(messageId: string): Promise<number> {
    let n = 0;
    for (const [k, r] of this.rows) if (r.messageId === messageId && this.rows.delete(k)) n += 1;
    return n;
  }

  async listByUser(userId: string): Promise<Reaction[]> {
    return [...this.rows.values()].filter((r) => r.userId === userId).map(clone);
  }
}
