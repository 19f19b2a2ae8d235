import type { Db } from 'mongodb';
import type { Pin, PinStore } from '@parley/core';
import { insertUnlessExists, stripId } from './support.js';

/** One document per pin, its `_id` the (conversation, message) pair: pinning twice is a duplicate key. */
export class MongoPinStore implements PinStore {
  private readonly pins;

  constructor(db: Db) {
    this.pins = db.collection('pins');
  }

  async add(pin: Pin): Promise<boolean> {
    return insertUnlessExists(this.pins, { _id: `${pin.conversationId}:${pin.messageId}` as never, ...pin });
  }

  async remove(conversationId: string, messageId: string): Promise<boolean> {
    return (
      (await this.pins.deleteOne({ _id: `${conversationId}:${messageId}` as never, conversationId })).deletedCount === 1
    );
  }

  async list(conversationId: string, limit: number): Promise<Pin[]> {
    const rows = await this.pins.find({ conversationId }).sort({ pinnedAt: -1, seq: -1 }).limit(limit).toArray();
    return rows.map((d) => stripId<Pin>(d)!);
  }

  async count(conversationId: string): Promise<number> {
    return this.pins.countDocuments({ conversationId });
  }
}
