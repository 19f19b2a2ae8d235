import type { Db } from 'mongodb';
import type { PushTarget, PushTargetStore } from '@parley/core';
import { fromDoc, toDoc } from './support.js';

/** One document per device (`_id` `<kind>:<address>`), replaced whole when the device registers again. */
export class MongoPushTargetStore implements PushTargetStore {
  private readonly targets;

  constructor(db: Db) {
    this.targets = db.collection('push_targets');
  }

  async register(target: PushTarget): Promise<void> {
    const { _id, ...rest } = toDoc(target);
    await this.targets.replaceOne({ _id: _id as never }, rest, { upsert: true });
  }

  async listForUsers(userIds: readonly string[]): Promise<PushTarget[]> {
    if (userIds.length === 0) return [];
    const docs = await this.targets.find({ userId: { $in: [...userIds] } }).toArray();
    return docs.map((d) => fromDoc<PushTarget>(d)!);
  }

  async remove(id: string): Promise<void> {
    await this.targets.deleteOne({ _id: id as never });
  }

  async removeForSession(sessionId: string): Promise<void> {
    await this.targets.deleteMany({ sessionId });
  }
}
