import type { ActivityMark, Conversation, ConversationStore } from '@parley/core';
import { clone } from './clone.js';

export class InMemoryConversationStore implements ConversationStore {
  private readonly byId = new Map<string, Conversation>();

  async create(conversation: Conversation): Promise<void> {
    this.byId.set(conversation.id, clone(conversation));
  }

  async findOrCreateDirect(conversation: Conversation): Promise<{ conversation: Conversation; created: boolean }> {
    for (const existing of this.byId.values()) {
      if (existing.directKey !== null && existing.directKey === conversation.directKey && !existing.deletedAt)
        return { conversation: clone(existing), created: false };
    }
    this.byId.set(conversation.id, clone(conversation));
    return { conversation: clone(conversation), created: true };
  }

  async findById(id: string): Promise<Conversation | null> {
    const found = this.byId.get(id);
    return found ? clone(found) : null;
  }

  async findManyByIds(ids: readonly string[]): Promise<Conversation[]> {
    return [...new Set(ids)].flatMap((id) => (this.byId.has(id) ? [clone(this.byId.get(id)!)] : []));
  }

  async update(id: string, patch: Partial<Omit<Conversation, 'id' | 'kind' | 'createdAt'>>): Promise<Conversation | null> {
    const found = this.byId.get(id);
    if (!found) return null;
    Object.assign(found, clone(patch));
    return clone(found);
  }

  async recordActivity(id: string, mark: ActivityMark): Promise<void> {
    const found = this.byId.get(id);
    if (!found) return;
    if (mark.at > found.lastActivityAt) found.lastActivityAt = mark.at;
    found.lastEventSeq = Math.max(found.lastEventSeq, mark.eventSeq);
    if (mark.messageSeq !== undefined && mark.messageSeq > found.lastMessageSeq) {
      found.lastMessageSeq = mark.messageSeq;
      found.lastMessageAt = mark.at;
    }
  }

  async listWithRetention(): Promise<Conversation[]> {
    return [...this.byId.values()].filter((c) => !c.deletedAt && c.settings.retentionDays !== null).map(clone);
  }

  async list(query: { afterId?: string; kind?: Conversation['kind']; limit: number }): Promise<Conversation[]> {
    return [...this.byId.values()]
      .filter((c) => (query.afterId === undefined || c.id > query.afterId) && (query.kind === undefined || c.kind === query.kind))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, query.limit)
      .map(clone);
  }

  async countByKind(): Promise<Record<Conversation['kind'], number>> {
    const counts = { direct: 0, group: 0, channel: 0 };
    for (const c of this.byId.values()) if (!c.deletedAt) counts[c.kind] += 1;
    return counts;
  }
}
