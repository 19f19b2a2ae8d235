import type { Participant, ParticipantStore } from '@parley/core';
import { clone } from './clone.js';

const key = (conversationId: string, userId: string): string => `${conversationId}\u0000${userId}`;
const joinOrder = (a: Participant, b: Participant): number =>
  a.joinedAt.getTime() - b.joinedAt.getTime() || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

export class InMemoryParticipantStore implements ParticipantStore {
  private readonly rows = new Map<string, Participant>();

  async add(participant: Participant): Promise<'added' | 'rejoined' | 'exists'> {
    const existing = this.rows.get(key(participant.conversationId, participant.userId));
    if (existing?.state === 'active') return 'exists';
    if (existing) {
      Object.assign(existing, { state: 'active', leftAt: null, role: participant.role, joinedAt: participant.joinedAt });
      return 'rejoined';
    }
    this.rows.set(key(participant.conversationId, participant.userId), clone(participant));
    return 'added';
  }

  async find(conversationId: string, userId: string): Promise<Participant | null> {
    const row = this.rows.get(key(conversationId, userId));
    return row ? clone(row) : null;
  }

  async listActive(conversationId: string, opts: { afterUserId?: string; limit?: number } = {}): Promise<Participant[]> {
    const active = [...this.rows.values()].filter((p) => p.conversationId === conversationId && p.state === 'active').sort(joinOrder);
    const start = opts.afterUserId ? active.findIndex((p) => p.userId === opts.afterUserId) + 1 : 0;
    return active.slice(start, opts.limit === undefined ? undefined : start + opts.limit).map(clone);
  }

  async listByUser(userId: string, opts: { state?: Participant['state'] } = {}): Promise<Participant[]> {
    return [...this.rows.values()]
      .filter((p) => p.userId === userId && (opts.state === undefined || p.state === opts.state))
      .map(clone);
  }

  async countActive(conversationId: string): Promise<number> {
    let n = 0;
    for (const p of this.rows.values()) if (p.conversationId === conversationId && p.state === 'active') n += 1;
    return n;
  }

  async update(conversationId: string, userId: string, patch: Partial<Pick<Participant, 'role' | 'state' | 'leftAt' | 'mutedUntil'>>): Promise<Participant | null> {
    const row = this.rows.get(key(conversationId, userId));
    if (!row) return null;
    Object.assign(row, clone(patch));
    return clone(row);
  }

  async advanceRead(conversationId: string, userId: string, seq: number, at: Date): Promise<{ participant: Participant | null; moved: boolean }> {
    const row = this.rows.get(key(conversationId, userId));
    if (!row) return { participant: null, moved: false };
    if (seq <= row.lastReadSeq) return { participant: clone(row), moved: false };
    row.lastReadSeq = seq;
    row.lastReadAt = at;
    if (seq > row.lastDeliveredSeq) {
      row.lastDeliveredSeq = seq;
      row.lastDeliveredAt = at;
    }
    return { participant: clone(row), moved: true };
  }

  async advanceDelivered(conversationId: string, userId: string, seq: number, at: Date): Promise<{ participant: Participant | null; moved: boolean }> {
    const row = this.rows.get(key(conversationId, userId));
    if (!row) return { participant: null, moved: false };
    if (seq <= row.lastDeliveredSeq) return { participant: clone(row), moved: false };
    row.lastDeliveredSeq = seq;
    row.lastDeliveredAt = at;
    return { participant: clone(row), moved: true };
  }

  async listReachedSeq(conversationId: string, seq: number): Promise<Participant[]> {
    return [...this.rows.values()]
      .filter((p) => p.conversationId === conversationId && p.state === 'active' && (p.lastReadSeq >= seq || p.lastDeliveredSeq >= seq))
      .sort(joinOrder)
      .map(clone);
  }
}
