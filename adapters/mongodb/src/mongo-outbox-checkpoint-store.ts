import type { Db } from 'mongodb';
import type { OutboxCheckpoint, OutboxCheckpointStore } from '@parley/core';

type Stored = { _id: string; doneBefore: Date; beatAt: Date };
const toCheckpoint = (doc: Stored): OutboxCheckpoint => ({
  origin: doc._id,
  doneBefore: doc.doneBefore,
  beatAt: doc.beatAt,
});

/**
 * One document per process, `_id` its origin, written only by that process and one write at a time, so
 * FerretDB's unlocked updates lose nothing here. Removal is conditional on the beat the remover saw.
 */
export class MongoOutboxCheckpointStore implements OutboxCheckpointStore {
  private readonly checkpoints;

  constructor(db: Db) {
    this.checkpoints = db.collection<Stored>('outbox_checkpoints');
  }

  async save(checkpoint: OutboxCheckpoint): Promise<void> {
    await this.checkpoints.replaceOne(
      { _id: checkpoint.origin },
      { doneBefore: checkpoint.doneBefore, beatAt: checkpoint.beatAt },
      { upsert: true },
    );
  }

  async find(origin: string): Promise<OutboxCheckpoint | null> {
    const doc = await this.checkpoints.findOne({ _id: origin });
    return doc ? toCheckpoint(doc) : null;
  }

  async list(limit: number): Promise<OutboxCheckpoint[]> {
    return (await this.checkpoints.find({}).sort({ beatAt: 1 }).limit(limit).toArray()).map(toCheckpoint);
  }

  async remove(origin: string, beatAt: Date): Promise<boolean> {
    return (await this.checkpoints.deleteOne({ _id: origin, beatAt })).deletedCount === 1;
  }
}
