import type { Db } from 'mongodb';
import type { RefreshTokenFamily, SessionStore } from '@parley/core';
import { fromDoc, isDuplicateKey, toDoc, type WriteGuard } from './support.js';

export class MongoSessionStore implements SessionStore {
  private readonly sessions;
  private readonly spent;

  constructor(db: Db, private readonly guard: WriteGuard) {
    this.sessions = db.collection('sessions');
    this.spent = db.collection<{ _id: string; at: Date }>('spent_refresh_hashes');
  }

  async create(session: RefreshTokenFamily): Promise<void> {
    await this.sessions.insertOne(toDoc(session));
  }

  async findByTokenHash(hash: string): Promise<{ session: RefreshTokenFamily; current: boolean } | null> {
    const session = fromDoc<RefreshTokenFamily>(await this.sessions.findOne({ $or: [{ tokenHash: hash }, { previousHashes: hash }] }));
    return session ? { session, current: session.tokenHash === hash } : null;
  }

  /** A secret can be spent once: the unique `_id` of its spent record decides which rotation wins. */
  async rotate(id: string, expectedHash: string, newHash: string, at: Date, expiresAt: Date): Promise<boolean> {
    try {
      await this.spent.insertOne({ _id: expectedHash, at });
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    const result = await this.guard.run(`sessions:${id}`, () => this.sessions.updateOne(
      { _id: id as never, tokenHash: expectedHash, revokedAt: null },
      { $set: { tokenHash: newHash, rotatedAt: at, expiresAt }, $push: { previousHashes: expectedHash } as never },
    ));
    return result.modifiedCount === 1;
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.guard.run(`sessions:${id}`, () => this.sessions.updateOne({ _id: id as never, revokedAt: null }, { $set: { revokedAt: at } }));
  }

  async revokeAllForUser(userId: string, at: Date): Promise<void> {
    // Bounded by one user's devices, so this updateMany is small.
    await this.sessions.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: at } });
  }

  async deleteExpired(before: Date): Promise<number> {
    const result = await this.sessions.deleteMany({ $or: [{ expiresAt: { $lt: before } }, { revokedAt: { $lt: before } }] });
    return result.deletedCount;
  }
}
