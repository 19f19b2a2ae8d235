import type { Db, Document } from 'mongodb';
import type { ActivityMark, Conversation, ConversationStore } from '@parley/core';
import { escapeRegex, fromDoc, isDuplicateKey, sleep, toDoc, type WriteGuard } from './support.js';

/** A username claim younger than this may still be on its way to its conversation (two writes). */
const STALE_CLAIM_MS = 30_000;

/**
 * One direct conversation per pair without transactions: the conversation document is written first,
 * then a claim `{ _id: directKey }` whose unique _id decides the winner; a loser removes its own
 * conversation and returns the winner's.
 */
export class MongoConversationStore implements ConversationStore {
  private readonly conversations;
  private readonly pairs;
  private readonly usernames;

  constructor(
    db: Db,
    private readonly guard: WriteGuard,
  ) {
    this.conversations = db.collection('conversations');
    this.pairs = db.collection<{ _id: string; conversationId: string }>('direct_pairs');
    this.usernames = db.collection<{ _id: string; conversationId: string; claimedAt: Date }>('conversation_usernames');
  }

  async create(conversation: Conversation): Promise<void> {
    await this.conversations.insertOne(toDoc(conversation));
  }

  async findOrCreateDirect(conversation: Conversation): Promise<{ conversation: Conversation; created: boolean }> {
    const key = conversation.directKey!;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const claim = await this.pairs.findOne({ _id: key });
      if (claim) {
        const existing = await this.findById(claim.conversationId);
        if (existing && !existing.deletedAt) return { conversation: existing, created: false };
        if (existing?.deletedAt) await this.pairs.deleteOne({ _id: key, conversationId: claim.conversationId });
        else {
          await sleep(25);
          continue;
        }
      }
      await this.conversations.insertOne(toDoc(conversation));
      try {
        await this.pairs.insertOne({ _id: key, conversationId: conversation.id });
        return { conversation, created: true };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        await this.conversations.deleteOne({ _id: conversation.id as never });
      }
    }
    throw new Error(`could not settle the direct conversation ${key}`);
  }

  async findDirect(directKey: string): Promise<Conversation | null> {
    const claim = await this.pairs.findOne({ _id: directKey });
    const existing = claim ? await this.findById(claim.conversationId) : null;
    return existing && !existing.deletedAt ? existing : null;
  }

  async findById(id: string): Promise<Conversation | null> {
    return fromDoc<Conversation>(await this.conversations.findOne({ _id: id as never }));
  }

  async findManyByIds(ids: readonly string[]): Promise<Conversation[]> {
    return (await this.conversations.find({ _id: { $in: [...ids] as never[] } }).toArray()).map((d) =>
      fromDoc<Conversation>(d)!,
    );
  }

  async update(
    id: string,
    patch: Partial<Omit<Conversation, 'id' | 'kind' | 'createdAt'>>,
  ): Promise<Conversation | null> {
    return this.guard.run(`conversations:${id}`, async () =>
      fromDoc<Conversation>(
        await this.conversations.findOneAndUpdate(
          { _id: id as never },
          { $set: patch as Document },
          { returnDocument: 'after' },
        ),
      ),
    );
  }

  async recordActivity(id: string, mark: ActivityMark): Promise<void> {
    await this.guard.run(`conversations:${id}`, () => this.record(id, mark));
  }

  private async record(id: string, mark: ActivityMark): Promise<void> {
    // One write: every mark moves by $max (a later message seq never carries an earlier time).
    const max: Document = { lastActivityAt: mark.at, lastEventSeq: mark.eventSeq };
    if (mark.messageSeq !== undefined) Object.assign(max, { lastMessageSeq: mark.messageSeq, lastMessageAt: mark.at });
    await this.conversations.updateOne({ _id: id as never }, { $max: max });
  }

  async listWithRetention(): Promise<Conversation[]> {
    return (await this.conversations.find({ deletedAt: null, 'settings.retentionDays': { $ne: null } }).toArray()).map(
      (d) => fromDoc<Conversation>(d)!,
    );
  }

  async list(query: { afterId?: string; kind?: Conversation['kind']; limit: number }): Promise<Conversation[]> {
    const filter: Document = {};
    if (query.afterId !== undefined) filter._id = { $gt: query.afterId };
    if (query.kind !== undefined) filter.kind = query.kind;
    return (await this.conversations.find(filter).sort({ _id: 1 }).limit(query.limit).toArray()).map((d) =>
      fromDoc<Conversation>(d)!,
    );
  }

  async listByLastMessage(query: { before?: { at: Date; id: string }; limit: number }): Promise<Conversation[]> {
    const { before } = query;
    const filter: Document = before
      ? {
          deletedAt: null,
          $or: [{ lastMessageAt: { $lt: before.at } }, { lastMessageAt: before.at, _id: { $lt: before.id } }],
        }
      : { deletedAt: null, lastMessageAt: { $ne: null } };
    const rows = await this.conversations
      .find(filter)
      .sort({ lastMessageAt: -1, _id: -1 })
      .limit(query.limit)
      .toArray();
    return rows.map((d) => fromDoc<Conversation>(d)!);
  }

  async listByActivity(query: {
    since: Date;
    after?: { at: Date; id: string };
    limit: number;
  }): Promise<Conversation[]> {
    const { after } = query;
    const filter: Document = {
      kind: { $in: ['group', 'channel'] },
      lastActivityAt: { $gte: query.since },
      ...(after
        ? { $or: [{ lastActivityAt: { $gt: after.at } }, { lastActivityAt: after.at, _id: { $gt: after.id } }] }
        : {}),
    };
    const rows = await this.conversations.find(filter).sort({ lastActivityAt: 1, _id: 1 }).limit(query.limit).toArray();
    return rows.map((d) => fromDoc<Conversation>(d)!);
  }

  /**
   * The same claim pattern as direct pairs: `{ _id: lower-cased username }` decides who holds a name, then
   * the conversation is updated. A claim whose conversation does not hold the name (deleted, renamed, or a
   * process that died between the two writes) is stale and may be taken over, once it is old enough that
   * it cannot be a claim still on its way to its conversation.
   */
  async setUsername(id: string, username: string | null): Promise<boolean> {
    const current = await this.findById(id);
    if (!current) return false;
    const previous = current.username?.toLowerCase() ?? null;
    const next = username?.toLowerCase() ?? null;
    if (next !== null && next !== previous && !(await this.claimUsername(next, id))) return false;
    await this.update(id, { username });
    if (previous !== null && previous !== next) await this.usernames.deleteOne({ _id: previous, conversationId: id });
    return true;
  }

  private async claimUsername(lower: string, id: string): Promise<boolean> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      try {
        await this.usernames.insertOne({ _id: lower, conversationId: id, claimedAt: new Date() });
        return true;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const claim = await this.usernames.findOne({ _id: lower });
      if (!claim) continue;
      if (claim.conversationId === id) return true;
      const holder = await this.findById(claim.conversationId);
      const holds = holder !== null && !holder.deletedAt && holder.username?.toLowerCase() === lower;
      if (holds || (holder !== null && !holder.deletedAt && Date.now() - claim.claimedAt.getTime() < STALE_CLAIM_MS))
        return false;
      const taken = await this.usernames.updateOne(
        { _id: lower, conversationId: claim.conversationId },
        { $set: { conversationId: id, claimedAt: new Date() } },
      );
      if (taken.modifiedCount === 1) return true;
    }
    return false;
  }

  async findByUsername(username: string): Promise<Conversation | null> {
    const lower = username.toLowerCase();
    const claim = await this.usernames.findOne({ _id: lower });
    const found = claim ? await this.findById(claim.conversationId) : null;
    return found && !found.deletedAt && found.username?.toLowerCase() === lower ? found : null;
  }

  async searchPublic(query: { text: string; afterId?: string; limit: number }): Promise<Conversation[]> {
    const pattern = { $regex: escapeRegex(query.text), $options: 'i' };
    const filter: Document = {
      deletedAt: null,
      username: { $ne: null },
      $or: [{ username: pattern }, { name: pattern }],
    };
    if (query.afterId !== undefined) filter._id = { $gt: query.afterId };
    return (await this.conversations.find(filter).sort({ _id: 1 }).limit(query.limit).toArray()).map((d) =>
      fromDoc<Conversation>(d)!,
    );
  }

  async countByKind(): Promise<Record<Conversation['kind'], number>> {
    const [direct, group, channel] = await Promise.all(
      (['direct', 'group', 'channel'] as const).map((kind) =>
        this.conversations.countDocuments({ kind, deletedAt: null }),
      ),
    );
    return { direct: direct!, group: group!, channel: channel! };
  }
}
