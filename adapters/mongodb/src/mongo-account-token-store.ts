import type { Db } from 'mongodb';
import type { AccountToken, AccountTokenKind, AccountTokenStore } from '@parley/core';
import { fromDoc, insertUnlessExists, toDoc } from './support.js';

/**
 * Tokens in `account_tokens` (`_id` the secret's hash), written once. Spending one inserts its mark into
 * `spent_account_tokens` under the same `_id`: the unique `_id` decides a race, with no update (FerretDB can lose
 * concurrent updates of one document). Both expire by TTL index on MongoDB, and by the retention sweep everywhere.
 */
export class MongoAccountTokenStore implements AccountTokenStore {
  private readonly tokens;
  private readonly spent;

  constructor(db: Db) {
    this.tokens = db.collection('account_tokens');
    this.spent = db.collection('spent_account_tokens');
  }

  async create(token: AccountToken): Promise<void> {
    await this.tokens.insertOne(toDoc(token));
  }

  async find(id: string): Promise<AccountToken | null> {
    return fromDoc<AccountToken>(await this.tokens.findOne({ _id: id as never }));
  }

  async isSpent(id: string): Promise<boolean> {
    return (await this.spent.findOne({ _id: id as never }, { projection: { _id: 1 } })) !== null;
  }

  async spend(id: string, at: Date): Promise<boolean> {
    const token = await this.find(id);
    return insertUnlessExists(this.spent, { _id: id as never, at, expiresAt: token?.expiresAt ?? at });
  }

  async spendAllForUser(userId: string, kind: AccountTokenKind, at: Date): Promise<void> {
    // Bounded by one person's outstanding links (the userId index).
    const live = await this.tokens.find({ userId, kind }, { projection: { _id: 1, expiresAt: 1 } }).toArray();
    for (const doc of live)
      await insertUnlessExists(this.spent, { _id: doc._id, at, expiresAt: doc.expiresAt as Date });
  }

  async deleteExpired(before: Date): Promise<number> {
    await this.spent.deleteMany({ expiresAt: { $lt: before } });
    return (await this.tokens.deleteMany({ expiresAt: { $lt: before } })).deletedCount;
  }
}
