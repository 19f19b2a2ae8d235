import type { Reaction, ReactionStore, ReactionSummary } from '@parley/core';
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
    const out = new Map<string, ReactionSummary[]>();
    for (const r of this.rows.values()) {
      if (!wanted.has(r.messageId)) continue;
      const list = out.get(r.messageId) ?? [];
      let entry = list.find((s) => s.emoji === r.emoji);
      if (!entry) list.push((entry = { emoji: r.emoji, count: 0, mine: false }));
      entry.count += 1;
      entry.mine ||= r.userId === viewerId;
      out.set(r.messageId, list);
    }
    return out;
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
