import type { Db } from 'mongodb';
import type { Purge, PurgeStore } from '@parley/core';
import { fromDoc, toDoc } from './support.js';

/** One small document per purge, by `_id`; the job updates its progress. */
export class MongoPurgeStore implements PurgeStore {
  private readonly purges;

  constructor(db: Db) {
    this.purges = db.collection('purges');
  }

  async create(purge: Purge): Promise<void> {
    await this.purges.insertOne(toDoc(purge));
  }

  async find(id: string): Promise<Purge | null> {
    return fromDoc<Purge>(await this.purges.findOne({ _id: id as never }));
  }

  async update(id: string, patch: Partial<Omit<Purge, 'id' | 'userId' | 'createdAt'>>): Promise<Purge | null> {
    return fromDoc<Purge>(
      await this.purges.findOneAndUpdate({ _id: id as never }, { $set: patch }, { returnDocument: 'after' }),
    );
  }
}
