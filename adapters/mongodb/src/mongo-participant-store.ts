import type { Db, Document } from 'mongodb';
import type { Participant, ParticipantPatchable, ParticipantStore } from '@parley/core';
import { isDuplicateKey, stripId, type WriteGuard } from './support.js';

const key = (conversationId: string, userId: string) => `${conversationId}:${userId}`;
const JOIN_ORDER = { joinedAt: 1, userId: 1 } as const;

export class MongoParticipantStore implements ParticipantStore {
  private readonly rows;

  constructor(
    db: Db,
    private readonly guard: WriteGuard,
  ) {
    this.rows = db.collection('participants');
  }

  async add(participant: Participant): Promise<'added' | 'rejoined' | 'exists'> {
    const _id = key(participant.conversationId, participant.userId);
    try {
      await this.rows.insertOne({ _id: _id as never, ...participant });
      return 'added';
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const rejoined = await this.guard.run(`participants:${_id}`, () =>
      this.rows.updateOne(
        { _id: _id as never, conversationId: participant.conversationId, state: 'left' },
        { $set: { state: 'active', leftAt: null, role: participant.role, joinedAt: participant.joinedAt } },
      ),
    );
    return rejoined.modifiedCount === 1 ? 'rejoined' : 'exists';
  }

  async find(conversationId: string, userId: string): Promise<Participant | null> {
    return stripId<Participant>(await this.rows.findOne({ _id: key(conversationId, userId) as never, conversationId }));
  }

  async listActive(
    conversationId: string,
    opts: { afterUserId?: string; limit?: number } = {},
  ): Promise<Participant[]> {
    const filter: Document = { conversationId, state: 'active' };
    if (opts.afterUserId) {
      const after = await this.find(conversationId, opts.afterUserId);
      if (after)
        filter.$or = [
          { joinedAt: { $gt: after.joinedAt } },
          { joinedAt: after.joinedAt, userId: { $gt: after.userId } },
        ];
    }
    const cursor = this.rows.find(filter).sort(JOIN_ORDER);
    if (opts.limit !== undefined) cursor.limit(opts.limit);
    return (await cursor.toArray()).map((d) => stripId<Participant>(d)!);
  }

  async listByUser(userId: string, opts: { state?: Participant['state'] } = {}): Promise<Participant[]> {
    const filter: Document = { userId };
    if (opts.state) filter.state = opts.state;
    return (await this.rows.find(filter).toArray()).map((d) => stripId<Participant>(d)!);
  }

  async countActive(conversationId: string): Promise<number> {
    return this.rows.countDocuments({ conversationId, state: 'active' });
  }

  async update(
    conversationId: string,
    userId: string,
    patch: Partial<Pick<Participant, ParticipantPatchable>>,
  ): Promise<Participant | null> {
    const _id = key(conversationId, userId);
    return this.guard.run(`participants:${_id}`, async () =>
      stripId<Participant>(
        await this.rows.findOneAndUpdate(
          { _id: _id as never, conversationId },
          { $set: patch },
          { returnDocument: 'after' },
        ),
      ),
    );
  }

  async advanceRead(
    conversationId: string,
    userId: string,
    seq: number,
    at: Date,
  ): Promise<{ participant: Participant | null; moved: boolean }> {
    const _id = key(conversationId, userId) as never;
    // Two round trips when the mark moves (the common case): the row comes back from the first write.
    const row = await this.guard.run(`participants:${_id}`, async () => {
      const read = await this.rows.findOneAndUpdate(
        { _id, conversationId, lastReadSeq: { $lt: seq } },
        { $set: { lastReadSeq: seq, lastReadAt: at } },
        { returnDocument: 'after' },
      );
      if (read && (read.lastDeliveredSeq as number) < seq) {
        await this.rows.updateOne(
          { _id, conversationId, lastDeliveredSeq: { $lt: seq } },
          { $set: { lastDeliveredSeq: seq, lastDeliveredAt: at } },
        );
        return { ...read, lastDeliveredSeq: seq, lastDeliveredAt: at };
      }
      return read;
    });
    if (row) return { participant: stripId<Participant>(row), moved: true };
    return { participant: await this.find(conversationId, userId), moved: false };
  }

  async advanceDelivered(
    conversationId: string,
    userId: string,
    seq: number,
    at: Date,
  ): Promise<{ participant: Participant | null; moved: boolean }> {
    const _id = key(conversationId, userId);
    const moved = await this.guard.run(`participants:${_id}`, () =>
      this.rows.updateOne(
        { _id: _id as never, conversationId, lastDeliveredSeq: { $lt: seq } },
        { $set: { lastDeliveredSeq: seq, lastDeliveredAt: at } },
      ),
    );
    return { participant: await this.find(conversationId, userId), moved: moved.modifiedCount === 1 };
  }

  async listReachedSeq(conversationId: string, seq: number): Promise<Participant[]> {
    const docs = await this.rows
      .find({
        conversationId,
        state: 'active',
        $or: [{ lastReadSeq: { $gte: seq } }, { lastDeliveredSeq: { $gte: seq } }],
      })
      .sort(JOIN_ORDER)
      .toArray();
    return docs.map((d) => stripId<Participant>(d)!);
  }
}
