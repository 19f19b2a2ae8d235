import type { Db } from 'mongodb';
import type { SyncSnapshot, SyncSnapshotStore } from '@parley/core';
import { deleteExpired, fromDoc } from './support.js';

/** One document per sync token, inserted once (`_id` is the token's id); expired ones go by TTL or the sweep. */
export class MongoSyncSnapshotStore implements SyncSnapshotStore {
  private readonly snapshots;

  constructor(db: Db) {
    this.snapshots = db.collection('sync_snapshots');
  }

  async save(snapshot: SyncSnapshot): Promise<void> {
    const { id, ...rest } = snapshot;
    await this.snapshots.insertOne({ _id: id as never, ...rest });
  }

  async find(id: string, userId: string, now: Date): Promise<SyncSnapshot | null> {
    const found = fromDoc<SyncSnapshot>(await this.snapshots.findOne({ _id: id as never, userId }));
    return found && found.expiresAt > now ? found : null;
  }

  deleteExpired(now: Date, limit: number): Promise<number> {
    return deleteExpired(this.snapshots, now, limit);
  }
}
