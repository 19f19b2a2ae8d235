import type { RefreshTokenFamily, SessionStore } from '@parley/core';
import { clone } from './clone.js';

export class InMemorySessionStore implements SessionStore {
  private readonly byId = new Map<string, RefreshTokenFamily>();

  async create(session: RefreshTokenFamily): Promise<void> {
    this.byId.set(session.id, clone(session));
  }

  async findByTokenHash(hash: string): Promise<{ session: RefreshTokenFamily; current: boolean } | null> {
    for (const session of this.byId.values()) {
      if (session.tokenHash === hash) return { session: clone(session), current: true };
      if (session.previousHashes.includes(hash)) return { session: clone(session), current: false };
    }
    return null;
  }

  async rotate(id: string, expectedHash: string, newHash: string, at: Date, expiresAt: Date): Promise<boolean> {
    const session = this.byId.get(id);
    if (!session || session.revokedAt || session.tokenHash !== expectedHash) return false;
    session.previousHashes.push(session.tokenHash);
    session.tokenHash = newHash;
    session.rotatedAt = at;
    session.expiresAt = expiresAt;
    return true;
  }

  async revoke(id: string, at: Date): Promise<void> {
    const session = this.byId.get(id);
    if (session && !session.revokedAt) session.revokedAt = at;
  }

  async revokeAllForUser(userId: string, at: Date): Promise<void> {
    for (const session of this.byId.values()) if (session.userId === userId && !session.revokedAt) session.revokedAt = at;
  }

  async deleteExpired(before: Date): Promise<number> {
    let removed = 0;
    for (const [id, session] of this.byId) {
      if (session.expiresAt < before || (session.revokedAt && session.revokedAt < before)) {
        this.byId.delete(id);
        removed += 1;
      }
    }
    return removed;
  }
}
