import type { ConversationBan, ConversationBanStore } from '@parley/core';

const key = (conversationId: string, userId: string) => `${conversationId}\u0000${userId}`;

export class InMemoryConversationBanStore implements ConversationBanStore {
  private readonly bans = new Map<string, ConversationBan>();

  async put(ban: ConversationBan): Promise<void> {
    this.bans.set(key(ban.conversationId, ban.userId), structuredClone(ban));
  }

  async remove(conversationId: string, userId: string): Promise<boolean> {
    return this.bans.delete(key(conversationId, userId));
  }

  async find(conversationId: string, userId: string): Promise<ConversationBan | null> {
    const ban = this.bans.get(key(conversationId, userId));
    return ban ? structuredClone(ban) : null;
  }

  async list(conversationId: string, opts: { afterUserId?: string; limit: number }): Promise<ConversationBan[]> {
    return [...this.bans.values()]
      .filter((b) => b.conversationId === conversationId && (!opts.afterUserId || b.userId > opts.afterUserId))
      .sort((x, y) => (x.userId < y.userId ? -1 : 1))
      .slice(0, opts.limit)
      .map((b) => structuredClone(b));
  }
}
