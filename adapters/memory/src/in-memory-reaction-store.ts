import { summarizeReactions, type Reaction, type ReactionStore, type ReactionSummary } from '@parley/core';
import { clone } from './clone.js';

const key = (r: Pick<Reaction, 'messageId' | 'userId' | 'emoji'>): string =>
  `${r.messageId}\u0000${r.userId}\u0000${r.emoji}`;

export class InMemoryReactionStore implements ReactionStore {
  /** Insertion-ordered, so emojis come out in order of first use. */
  private readonly rows = new Map<string, Reaction>();
  /** The same rows by message (also insertion-ordered), so a page's summaries read only its messages' rows. */
  private readonly byMessage = new Map<string, Map<string, Reaction>>();

  async add(reaction: Reaction): Promise<boolean> {
    const k = key(reaction);
    if (this.rows.has(k)) return false;
    const row = clone(reaction);
    this.rows.set(k, row);
    let ofMessage = this.byMessage.get(row.messageId);
    if (!ofMessage) this.byMessage.set(row.messageId, (ofMessage = new Map()));
    ofMessage.set(k, row);
    return true;
  }

  async remove(messageId: string, userId: string, emoji: string): Promise<boolean> {
    const k = key({ messageId, userId, emoji });
    const ofMessage = this.byMessage.get(messageId);
    ofMessage?.delete(k);
    if (ofMessage?.size === 0) this.byMessage.delete(messageId);
    return this.rows.delete(k);
  }

  async summarize(messageIds: readonly string[], viewerId: string): Promise<Map<string, ReactionSummary[]>> {
    return summarizeReactions(this.rowsOf(messageIds), viewerId);
  }

  async listForMessages(messageIds: readonly string[]): Promise<Reaction[]> {
    return this.rowsOf(messageIds).map(clone);
  }

  private rowsOf(messageIds: readonly string[]): Reaction[] {
    const rows: Reaction[] = [];
    for (const id of new Set(messageIds)) for (const row of this.byMessage.get(id)?.values() ?? []) rows.push(row);
    return rows;
  }

  async removeAllForMessage(messageId: string): Promise<number> {
    const ofMessage = this.byMessage.get(messageId);
    if (!ofMessage) return 0;
    for (const k of ofMessage.keys()) this.rows.delete(k);
    this.byMessage.delete(messageId);
    return ofMessage.size;
  }

  async listByUser(userId: string): Promise<Reaction[]> {
    return [...this.rows.values()].filter((r) => r.userId === userId).map(clone);
  }
}
