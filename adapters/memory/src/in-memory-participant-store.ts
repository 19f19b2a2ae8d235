import { deepFreeze, type Participant, type ParticipantPatchable, type ParticipantStore } from '@parley/core';

const key = (conversationId: string, userId: string): string => `${conversationId}\u0000${userId}`;
const joinOrder = (a: Participant, b: Participant): number =>
  a.joinedAt.getTime() - b.joinedAt.getTime() || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

/**
 * Rows indexed by conversation and by user (no scan of every row per query), stored frozen and handed out
 * without copying; every write replaces the row with a new frozen one (copy on write).
 */
export class InMemoryParticipantStore implements ParticipantStore {
  private readonly rows = new Map<string, Participant>();
  private readonly byConversation = new Map<string, Set<string>>();
  private readonly byUser = new Map<string, Set<string>>();
  /**
   * Each conversation's rows in join order (keys; all states), kept until someone joins, rejoins or leaves: a
   * socket's connect asks for the first 101 members of each of its conversations, and sorting a channel of tens
   * of thousands per connect made connecting them all quadratic.
   */
  private readonly joinOrders = new Map<string, string[]>();

  async add(participant: Participant): Promise<'added' | 'rejoined' | 'exists'> {
    const existing = this.rows.get(key(participant.conversationId, participant.userId));
    if (existing?.state === 'active') return 'exists';
    if (existing) {
      this.put({ ...existing, state: 'active', leftAt: null, role: participant.role, joinedAt: participant.joinedAt });
      return 'rejoined';
    }
    this.put(structuredClone(participant));
    return 'added';
  }

  async find(conversationId: string, userId: string): Promise<Participant | null> {
    return this.rows.get(key(conversationId, userId)) ?? null;
  }

  async listActive(
    conversationId: string,
    opts: { afterUserId?: string; limit?: number } = {},
  ): Promise<Participant[]> {
    const limit = opts.limit ?? Number.POSITIVE_INFINITY;
    const rows = this.inJoinOrder(conversationId);
    if (!opts.afterUserId) {
      const page: Participant[] = [];
      for (const row of rows) {
        if (page.length >= limit) break;
        if (row.state === 'active') page.push(row);
      }
      return page;
    }
    const active = [...rows].filter((p) => p.state === 'active');
    const start = active.findIndex((p) => p.userId === opts.afterUserId) + 1;
    return active.slice(start, start + limit);
  }

  async listByUser(userId: string, opts: { state?: Participant['state'] } = {}): Promise<Participant[]> {
    return this.of(this.byUser, userId).filter((p) => opts.state === undefined || p.state === opts.state);
  }

  async countActive(conversationId: string): Promise<number> {
    let n = 0;
    for (const k of this.byConversation.get(conversationId) ?? []) if (this.rows.get(k)!.state === 'active') n += 1;
    return n;
  }

  async update(
    conversationId: string,
    userId: string,
    patch: Partial<Pick<Participant, ParticipantPatchable>>,
  ): Promise<Participant | null> {
    const row = this.rows.get(key(conversationId, userId));
    return row ? this.put({ ...row, ...structuredClone(patch) }) : null;
  }

  async advanceRead(
    conversationId: string,
    userId: string,
    seq: number,
    at: Date,
  ): Promise<{ participant: Participant | null; moved: boolean }> {
    const row = this.rows.get(key(conversationId, userId));
    if (!row) return { participant: null, moved: false };
    if (seq <= row.lastReadSeq) return { participant: row, moved: false };
    const delivered = seq > row.lastDeliveredSeq ? { lastDeliveredSeq: seq, lastDeliveredAt: at } : {};
    return { participant: this.put({ ...row, lastReadSeq: seq, lastReadAt: at, ...delivered }), moved: true };
  }

  async advanceDelivered(
    conversationId: string,
    userId: string,
    seq: number,
    at: Date,
  ): Promise<{ participant: Participant | null; moved: boolean }> {
    const row = this.rows.get(key(conversationId, userId));
    if (!row) return { participant: null, moved: false };
    if (seq <= row.lastDeliveredSeq) return { participant: row, moved: false };
    return { participant: this.put({ ...row, lastDeliveredSeq: seq, lastDeliveredAt: at }), moved: true };
  }

  async listReachedSeq(conversationId: string, seq: number): Promise<Participant[]> {
    return this.of(this.byConversation, conversationId)
      .filter((p) => p.state === 'active' && (p.lastReadSeq >= seq || p.lastDeliveredSeq >= seq))
      .sort(joinOrder);
  }

  /** The conversation's rows, current, in join order (the order kept; the rows read afresh). */
  private *inJoinOrder(conversationId: string): Generator<Participant> {
    let keys = this.joinOrders.get(conversationId);
    if (!keys) {
      keys = [...(this.byConversation.get(conversationId) ?? [])].sort((a, b) =>
        joinOrder(this.rows.get(a)!, this.rows.get(b)!),
      );
      this.joinOrders.set(conversationId, keys);
    }
    for (const k of keys) yield this.rows.get(k)!;
  }

  private of(index: Map<string, Set<string>>, id: string): Participant[] {
    return [...(index.get(id) ?? [])].map((k) => this.rows.get(k)!);
  }

  private put(row: Participant): Participant {
    const k = key(row.conversationId, row.userId);
    const before = this.rows.get(k);
    if (!before || before.state !== row.state || before.joinedAt.getTime() !== row.joinedAt.getTime())
      this.joinOrders.delete(row.conversationId);
    const stored = deepFreeze(row);
    this.rows.set(k, stored);
    for (const [index, id] of [
      [this.byConversation, row.conversationId],
      [this.byUser, row.userId],
    ] as const) {
      let set = index.get(id);
      if (!set) index.set(id, (set = new Set()));
      set.add(k);
    }
    return stored;
  }
}
