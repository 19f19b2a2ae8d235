import type { Db, Document } from 'mongodb';
import type { ScheduledMessage, ScheduledMessageStore } from '@parley/core';
import { fromDoc, insertUnlessExists, toDoc } from './support.js';

/**
 * Scheduled messages, and one settlement document per settled message whose `_id` is the message's: the
 * insert that wins decides between sending and cancelling (a unique _id holds on FerretDB too, where two
 * conditional updates of one document may both "succeed"). The message document mirrors the outcome for
 * queries; a process dying between the two writes is repaired by the next listDue.
 */
export class MongoScheduledMessageStore implements ScheduledMessageStore {
  private readonly messages;
  private readonly settlements;

  constructor(db: Db) {
    this.messages = db.collection('scheduled_messages');
    this.settlements = db.collection<{ _id: string; outcome: 'sent' | 'cancelled'; at: Date }>('scheduled_settlements');
  }

  async create(message: ScheduledMessage): Promise<void> {
    await this.messages.insertOne({ ...toDoc(message), settledAt: null });
  }

  async findById(id: string): Promise<ScheduledMessage | null> {
    return out(await this.messages.findOne({ _id: id as never }));
  }

  async listScheduled(senderId: string, conversationId: string): Promise<ScheduledMessage[]> {
    const rows = await this.messages
      .find({ senderId, conversationId, state: 'scheduled' })
      .sort({ sendAt: 1, _id: 1 })
      .toArray();
    return this.withoutSettled(rows);
  }

  async reschedule(
    id: string,
    patch: { content?: string | null; sendAt?: Date; updatedAt: Date },
  ): Promise<ScheduledMessage | null> {
    if (await this.settlements.findOne({ _id: id })) return null;
    const updated = await this.messages.findOneAndUpdate(
      { _id: id as never, state: 'scheduled' },
      { $set: patch as Document },
      { returnDocument: 'after' },
    );
    return out(updated);
  }

  async settle(id: string, outcome: 'sent' | 'cancelled', at: Date): Promise<boolean> {
    if (!(await insertUnlessExists(this.settlements as never, { _id: id, outcome, at }))) return false;
    await this.messages.updateOne({ _id: id as never }, { $set: { state: outcome, settledAt: at } });
    return true;
  }

  async listDue(now: Date, limit: number): Promise<ScheduledMessage[]> {
    const rows = await this.messages
      .find({ state: 'scheduled', sendAt: { $lte: now } })
      .sort({ sendAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return this.withoutSettled(rows);
  }

  async listUndelivered(before: Date, limit: number): Promise<ScheduledMessage[]> {
    const rows = await this.messages
      .find({ state: 'sent', messageId: null, settledAt: { $lt: before } })
      .sort({ sendAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return rows.map((d) => out(d)!);
  }

  async recordDelivery(id: string, outcome: { messageId: string } | { failure: string }): Promise<void> {
    const set =
      'messageId' in outcome ? { messageId: outcome.messageId } : { state: 'failed', failure: outcome.failure };
    await this.messages.updateOne({ _id: id as never }, { $set: set });
  }

  /** Rows whose settlement was written but not mirrored (a process died in between): mirrored now, left out. */
  private async withoutSettled(rows: Document[]): Promise<ScheduledMessage[]> {
    if (rows.length === 0) return [];
    const settled = await this.settlements.find({ _id: { $in: rows.map((r) => r._id as string) } }).toArray();
    for (const s of settled)
      await this.messages.updateOne({ _id: s._id as never }, { $set: { state: s.outcome, settledAt: s.at } });
    const ids = new Set(settled.map((s) => s._id));
    return rows.filter((r) => !ids.has(r._id as string)).map((d) => out(d)!);
  }
}

function out(doc: Document | null): ScheduledMessage | null {
  const row = fromDoc<ScheduledMessage & { settledAt?: Date | null }>(doc);
  if (!row) return null;
  const { settledAt: _settledAt, ...message } = row;
  return message;
}
