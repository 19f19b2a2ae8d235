import type { Db } from 'mongodb';
import type { OutboxCheckpoint, OutboxCheckpointStore, RelayMark } from '@parley/core';

type Stored = { _id: string; doneBefore: Date; beatAt: Date; startRelayedTo?: Date };
const toCheckpoint = (doc: Stored): OutboxCheckpoint => ({
  origin: doc._id,
  doneBefore: doc.doneBefore,
  beatAt: doc.beatAt,
  ...(doc.startRelayedTo ? { startRelayedTo: doc.startRelayedTo } : {}),
});

/**
 * One document per process, `_id` its origin, saved only by that process and one write at a time, so FerretDB's
 * unlocked updates lose nothing here. The relay's advance and removal are conditional on the beat it saw.
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

  /**
   * Conditional on the beat and on the value being behind, so it never undoes a newer write of the process. On
   * FerretDB, whose updates are not atomic, it can race the process's own next beat and put the old beat back: the
   * process then looks silent until its next beat (a second), and nothing it stored is skipped, since the relay only
   * moves past messages whose follow-ups it finished.
   */
  async advance(origin: string, beatAt: Date, mark: RelayMark, to: Date): Promise<boolean> {
    const result = await this.checkpoints.updateOne(
      { _id: origin, beatAt, $or: [{ [mark]: { $lt: to } }, { [mark]: { $exists: false } }] },
      { $set: { [mark]: to } },
    );
    return result.modifiedCount === 1;
  }

  async remove(origin: string, beatAt: Date): Promise<boolean> {
    return (await this.checkpoints.deleteOne({ _id: origin, beatAt })).deletedCount === 1;
  }
}
