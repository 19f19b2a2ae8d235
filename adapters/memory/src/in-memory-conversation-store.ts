import { deepFreeze, type ActivityMark, type Conversation, type ConversationStore } from '@parley/core';

/**
 * Conversations stored frozen and handed out without copying; every write replaces the stored object
 * (copy on write). Direct conversations are indexed by their pair key, so opening one is a lookup.
 */
export class InMemoryConversationStore implements ConversationStore {
  private readonly byId = new Map<string, Conversation>();
  private readonly byDirectKey = new Map<string, string>();
  /** Lower-cased public username -> conversation id. */
  private readonly byUsername = new Map<string, string>();

  async create(conversation: Conversation): Promise<void> {
    this.put(structuredClone(conversation));
  }

  async findOrCreateDirect(conversation: Conversation): Promise<{ conversation: Conversation; created: boolean }> {
    const existing =
      conversation.directKey === null ? undefined : this.byId.get(this.byDirectKey.get(conversation.directKey) ?? '');
    if (existing && !existing.deletedAt) return { conversation: existing, created: false };
    return { conversation: this.put(structuredClone(conversation)), created: true };
  }

  async findDirect(directKey: string): Promise<Conversation | null> {
    const existing = this.byId.get(this.byDirectKey.get(directKey) ?? '');
    return existing && !existing.deletedAt ? existing : null;
  }

  async findById(id: string): Promise<Conversation | null> {
    return this.byId.get(id) ?? null;
  }

  async findManyByIds(ids: readonly string[]): Promise<Conversation[]> {
    return [...new Set(ids)].flatMap((id) => (this.byId.has(id) ? [this.byId.get(id)!] : []));
  }

  async update(
    id: string,
    patch: Partial<Omit<Conversation, 'id' | 'kind' | 'createdAt'>>,
  ): Promise<Conversation | null> {
    const found = this.byId.get(id);
    return found ? this.put({ ...found, ...structuredClone(patch) }) : null;
  }

  async recordActivity(id: string, mark: ActivityMark): Promise<void> {
    const found = this.byId.get(id);
    if (!found) return;
    const next = { ...found, lastEventSeq: Math.max(found.lastEventSeq, mark.eventSeq) };
    if (mark.at > found.lastActivityAt) next.lastActivityAt = mark.at;
    if (mark.messageSeq !== undefined && mark.messageSeq > found.lastMessageSeq) {
      next.lastMessageSeq = mark.messageSeq;
      next.lastMessageAt = mark.at;
    }
    this.put(next);
  }

  async listWithRetention(): Promise<Conversation[]> {
    return [...this.byId.values()].filter((c) => !c.deletedAt && c.settings.retentionDays !== null);
  }

  async list(query: { afterId?: string; kind?: Conversation['kind']; limit: number }): Promise<Conversation[]> {
    return [...this.byId.values()]
      .filter(
        (c) =>
          (query.afterId === undefined || c.id > query.afterId) && (query.kind === undefined || c.kind === query.kind),
      )
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, query.limit);
  }

  async listByLastMessage(query: { before?: { at: Date; id: string }; limit: number }): Promise<Conversation[]> {
    const { before } = query;
    const key = (c: Conversation) => [c.lastMessageAt!.getTime(), c.id] as const;
    const after = (a: readonly [number, string], b: readonly [number, string]) =>
      a[0] !== b[0] ? a[0] > b[0] : a[1] > b[1];
    return [...this.byId.values()]
      .filter(
        (c) => !c.deletedAt && c.lastMessageAt !== null && (!before || after([before.at.getTime(), before.id], key(c))),
      )
      .sort((a, b) => (after(key(a), key(b)) ? -1 : 1))
      .slice(0, query.limit)
      .map((c) => structuredClone(c));
  }

  async listByActivity(query: {
    since: Date;
    after?: { at: Date; id: string };
    limit: number;
  }): Promise<Conversation[]> {
    const key = (c: Conversation) => [c.lastActivityAt.getTime(), c.id] as const;
    const later = (a: readonly [number, string], b: readonly [number, string]) =>
      a[0] !== b[0] ? a[0] > b[0] : a[1] > b[1];
    const { after } = query;
    return [...this.byId.values()]
      .filter(
        (c) =>
          c.kind !== 'direct' &&
          c.lastActivityAt.getTime() >= query.since.getTime() &&
          (!after || later(key(c), [after.at.getTime(), after.id])),
      )
      .sort((a, b) => (later(key(a), key(b)) ? 1 : -1))
      .slice(0, query.limit)
      .map((c) => structuredClone(c));
  }

  async setUsername(id: string, username: string | null): Promise<boolean> {
    const found = this.byId.get(id);
    if (!found) return false;
    if (username !== null) {
      const holder = this.holderOf(username);
      if (holder && holder.id !== id) return false;
      this.byUsername.set(username.toLowerCase(), id);
    }
    const previous = found.username?.toLowerCase();
    if (previous && previous !== username?.toLowerCase() && this.byUsername.get(previous) === id)
      this.byUsername.delete(previous);
    this.put({ ...found, username });
    return true;
  }

  async findByUsername(username: string): Promise<Conversation | null> {
    return this.holderOf(username);
  }

  /** Synchronous, so that a check and the claim after it cannot interleave with another claim. */
  private holderOf(username: string): Conversation | null {
    const lower = username.toLowerCase();
    const found = this.byId.get(this.byUsername.get(lower) ?? '');
    return found && !found.deletedAt && found.username?.toLowerCase() === lower ? found : null;
  }

  async searchPublic(query: { text: string; afterId?: string; limit: number }): Promise<Conversation[]> {
    const text = query.text.toLowerCase();
    return [...this.byUsername.values()]
      .map((id) => this.byId.get(id)!)
      .filter(
        (c) =>
          !c.deletedAt &&
          typeof c.username === 'string' &&
          (query.afterId === undefined || c.id > query.afterId) &&
          (c.username.toLowerCase().includes(text) || (c.name ?? '').toLowerCase().includes(text)),
      )
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, query.limit);
  }

  async countByKind(): Promise<Record<Conversation['kind'], number>> {
    const counts = { direct: 0, group: 0, channel: 0 };
    for (const c of this.byId.values()) if (!c.deletedAt) counts[c.kind] += 1;
    return counts;
  }

  private put(conversation: Conversation): Conversation {
    const stored = deepFreeze(conversation);
    this.byId.set(stored.id, stored);
    // The pair's live conversation; once deleted, the next one opened for the pair takes its place.
    if (stored.directKey !== null && !stored.deletedAt) this.byDirectKey.set(stored.directKey, stored.id);
    return stored;
  }
}
