import type { HeldMessage, HeldMessageStore, HeldState } from '@parley/core';

const clientKey = (held: HeldMessage) =>
  held.clientMessageId === null ? null : `${held.conversationId}\u0000${held.senderId}\u0000${held.clientMessageId}`;

export class InMemoryHeldMessageStore implements HeldMessageStore {
  private readonly held = new Map<string, HeldMessage>();
  private readonly byClientKey = new Map<string, string>();

  async hold(held: HeldMessage): Promise<{ held: HeldMessage; created: boolean }> {
    const key = clientKey(held);
    const earlier = key === null ? undefined : this.byClientKey.get(key);
    if (earlier !== undefined) return { held: structuredClone(this.held.get(earlier)!), created: false };
    this.held.set(held.id, structuredClone(held));
    if (key !== null) this.byClientKey.set(key, held.id);
    return { held: structuredClone(held), created: true };
  }

  async find(id: string): Promise<HeldMessage | null> {
    const held = this.held.get(id);
    return held ? structuredClone(held) : null;
  }

  async list(query: { state: HeldState; afterId?: string; limit: number }): Promise<HeldMessage[]> {
    return [...this.held.values()]
      .filter((h) => h.state === query.state && (!query.afterId || h.id > query.afterId))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, query.limit)
      .map((h) => structuredClone(h));
  }

  async decide(
    id: string,
    decision: Pick<HeldMessage, 'state' | 'decidedBy' | 'decidedAt' | 'reason' | 'messageId'>,
  ): Promise<HeldMessage | null> {
    const held = this.held.get(id);
    if (!held) return null;
    const next = { ...held, ...structuredClone(decision) };
    this.held.set(id, next);
    return structuredClone(next);
  }
}
