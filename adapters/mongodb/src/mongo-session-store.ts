import type { Db } from 'mongodb';
import { NO_DEVICE, type RefreshTokenFamily, type SessionStore } from '@parley/core';
import { fromDoc, isDuplicateKey, toDoc, type WriteGuard } from './support.js';

/** A stored family; ones stored before devices were recorded get an unknown device and their last rotation. */
function family(doc: Parameters<typeof fromDoc>[0]): RefreshTokenFamily | null {
  const session = fromDoc<RefreshTokenFamily>(doc);
  if (!session) return null;
  return {
    ...session,
    device: { ...NO_DEVICE, ...session.device },
    lastActiveAt: session.lastActiveAt ?? session.rotatedAt,
  };
}

export class MongoSessionStore implements SessionStore {
  private readonly sessions;
  private readonly spent;

  constructor(
    db: Db,
    private readonly guard: WriteGuard,
  ) {
    this.sessions = db.collection('sessions');
    this.spent = db.collection<{ _id: string; sessionId: string; at: Date; expiresAt: Date }>('spent_refresh_hashes');
  }

  async create(session: RefreshTokenFamily): Promise<void> {
    await this.sessions.insertOne(toDoc(session));
  }

  async findById(id: string): Promise<RefreshTokenFamily | null> {
    return family(await this.sessions.findOne({ _id: id as never }));
  }

  async listActiveForUser(userId: string, now: Date): Promise<RefreshTokenFamily[]> {
    // Bounded by one user's devices (the userId index).
    const docs = await this.sessions.find({ userId, revokedAt: null, expiresAt: { $gt: now } }).toArray();
    return docs.map((d) => family(d)!).sort((a, b) => b.lastActiveAt.getTime() - a.lastActiveAt.getTime());
  }

  async findByTokenHash(hash: string): Promise<{ session: RefreshTokenFamily; current: boolean } | null> {
    const current = family(await this.sessions.findOne({ tokenHash: hash }));
    if (current) return { session: current, current: true };
    const spent = await this.spent.findOne({ _id: hash });
    const previous = spent ? family(await this.sessions.findOne({ _id: spent.sessionId as never })) : null;
    return previous ? { session: previous, current: false } : null;
  }

  /**
   * A secret can be spent once: the unique `_id` of its spent record decides which rotation wins. Spent
   * records (not an array in the family, which would grow with every refresh) remember old hashes for
   * reuse detection; they expire with the family (TTL index on MongoDB, deleteExpired everywhere).
   */
  async rotate(id: string, expectedHash: string, newHash: string, at: Date, expiresAt: Date): Promise<boolean> {
    try {
      await this.spent.insertOne({ _id: expectedHash, sessionId: id, at, expiresAt });
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    const result = await this.guard.run(`sessions:${id}`, () =>
      this.sessions.updateOne(
        { _id: id as never, tokenHash: expectedHash, revokedAt: null },
        { $set: { tokenHash: newHash, rotatedAt: at, expiresAt }, $max: { lastActiveAt: at } },
      ),
    );
    return result.modifiedCount === 1;
  }

  async touch(id: string, at: Date, ip?: string | null): Promise<void> {
    // $max: a touch that lands late (or from a node whose clock is behind) never moves it back.
    await this.guard.run(`sessions:${id}`, () =>
      this.sessions.updateOne(
        { _id: id as never, revokedAt: null },
        { $max: { lastActiveAt: at }, ...(ip ? { $set: { 'device.ip': ip } } : {}) },
      ),
    );
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.guard.run(`sessions:${id}`, () =>
      this.sessions.updateOne({ _id: id as never, revokedAt: null }, { $set: { revokedAt: at } }),
    );
  }

  async revokeAllForUser(userId: string, at: Date, keep?: string): Promise<void> {
    // Bounded by one user's devices, so this updateMany is small.
    await this.sessions.updateMany(
      { userId, revokedAt: null, ...(keep ? { _id: { $ne: keep as never } } : {}) },
      { $set: { revokedAt: at } },
    );
  }

  async deleteExpired(before: Date): Promise<number> {
    // Spent hashes of families the sessions TTL index removed on its own (MongoDB) go by their own expiry.
    await this.spent.deleteMany({ expiresAt: { $lt: before } });
    const gone = await this.sessions
      .find({ $or: [{ expiresAt: { $lt: before } }, { revokedAt: { $lt: before } }] }, { projection: { _id: 1 } })
      .toArray();
    if (gone.length === 0) return 0;
    const ids = gone.map((d) => d._id as unknown as string);
    await this.spent.deleteMany({ sessionId: { $in: ids } });
    const result = await this.sessions.deleteMany({ _id: { $in: ids as never[] } });
    return result.deletedCount;
  }
}
