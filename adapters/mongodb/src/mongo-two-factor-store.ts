import type { Db } from 'mongodb';
import type { TwoFactor, TwoFactorStore } from '@parley/core';
import { insertUnlessExists } from './support.js';

/**
 * One document per account in `two_factor` (`_id` the user id), written whole. Spent codes are inserts into
 * `spent_second_factors` under `_id` `<userId>|<key>`: the unique `_id` decides which of two racing uses of one
 * code wins. The marks expire by TTL index on MongoDB (a recovery code's after ten years).
 */
export class MongoTwoFactorStore implements TwoFactorStore {
  private readonly states;
  private readonly spent;

  constructor(db: Db) {
    this.states = db.collection<Omit<TwoFactor, 'userId'> & { _id: string }>('two_factor');
    this.spent = db.collection<{ _id: string; expiresAt: Date }>('spent_second_factors');
  }

  async get(userId: string): Promise<TwoFactor | null> {
    const doc = await this.states.findOne({ _id: userId });
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return { userId: _id, ...rest };
  }

  async put(state: TwoFactor): Promise<void> {
    const { userId, ...rest } = state;
    await this.states.replaceOne({ _id: userId }, rest, { upsert: true });
  }

  async remove(userId: string): Promise<void> {
    await this.states.deleteOne({ _id: userId });
  }

  async spend(userId: string, key: string, expiresAt: Date): Promise<boolean> {
    return insertUnlessExists(this.spent as never, { _id: `${userId}|${key}`, expiresAt });
  }

  async countSpent(userId: string, keys: readonly string[]): Promise<number> {
    if (keys.length === 0) return 0;
    return this.spent.countDocuments({ _id: { $in: keys.map((key) => `${userId}|${key}`) } });
  }

  async deleteExpired(before: Date): Promise<number> {
    return (await this.spent.deleteMany({ expiresAt: { $lt: before } })).deletedCount;
  }
}
