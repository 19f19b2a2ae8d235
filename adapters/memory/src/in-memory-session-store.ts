import type { RefreshTokenFamily, SessionStore } from '@parley/core';
import { clone } from './clone.js';

export class InMemorySessionStore implements SessionStore {
  private readonly byId = new Map<string, RefreshTokenFamily>();
  /** Spent hash -> family id: presenting one is reuse. */
  private readonly spent = new Map<string, string>();

  async create(session: RefreshTokenFamily): Promise<void> {
    this.byId.set(session.id, clone(session));
  }

  async findById(id: string): Promise<RefreshTokenFamily | null> {
    const session = this.byId.get(id);
    return session ? clone(session) : null;
  }

  async findByTokenHash(hash: string): Promise<{ session: RefreshTokenFamily; current: boolean } | null> {
    for (const session of this.byId.values())
      if (session.tokenHash === hash) return { session: clone(session), current: true };
    const previous = this.byId.get(this.spent.get(hash) ?? '');
    return previous ? { session: clone(previous), current: false } : null;
  }

  async listActiveForUser(userId: string, now: Date): Promise<RefreshTokenFamily[]> {
    return [...this.byId.values()]
      .filter((s) => s.userId === userId && !s.revokedAt && s.expiresAt > now)
      .sort((a, b) => b.lastActiveAt.getTime() - a.lastActiveAt.getTime())
      .map(clone);
  }

  async rotate(id: string, expectedHash: string, newHash: string, at: Date, expiresAt: Date): Promise<boolean> {
    const session = this.byId.get(id);
    if (!session || session.revokedAt || session.tokenHash !== expectedHash) return false;
    this.spent.set(session.tokenHash, id);
    session.tokenHash = newHash;
    session.rotatedAt = at;
    if (at > session.lastActiveAt) session.lastActiveAt = at;
    session.expiresAt = expiresAt;
    return true;
  }

  async touch(id: string, at: Date, ip?: string | null): Promise<void> {
    const session = this.byId.get(id);
    if (!session || session.revokedAt) return;
    if (at > session.lastActiveAt) session.lastActiveAt = at;
    if (ip) session.device = { ...session.device, ip };
  }

  async revoke(id: string, at: Date): Promise<void> {
    const session = this.byId.get(id);
    if (session && !session.revokedAt) session.revokedAt = at;
  }

  async revokeAllForUser(userId: string, at: Date, keep?: string): Promise<void> {
    for (const session of this.byId.values())
      if (session.userId === userId && !session.revokedAt && session.id !== keep) session.revokedAt = at;
  }

  async deleteExpired(before: Date): Promise<number> {
    let removed = 0;
    for (const [id, session] of this.byId) {
      if (session.expiresAt < before || (session.revokedAt && session.revokedAt < before)) {
        this.byId.delete(id);
        for (const [hash, owner] of this.spent) if (owner === id) this.spent.delete(hash);
        removed += 1;
      }
    }
    return removed;
  }
}
