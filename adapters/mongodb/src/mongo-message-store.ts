import type { Db, Document } from 'mongodb';
import type { Message, MessageDraft, MessageStore, PageQuery, SearchQuery } from '@parley/core';
import { escapeRegex, fromDoc, insertNext, isDuplicateKey, sleep, toDoc, type WriteGuard } from './support.js';

/** Messages are stored with `hasPendingJobs`, an indexable flag for the outbox relay. */
const toStored = (message: Message): Document => ({ ...toDoc(message), hasPendingJobs: message.pendingJobs.length > 0 });
function fromStored(doc: Document | null): Message | null {
  if (!doc) return null;
  const { hasPendingJobs: _flag, ...rest } = doc;
  return fromDoc<Message>(rest);
}

/** How long a claimed client id may wait for its message before another request takes the claim over. */
const CLAIM_TIMEOUT_MS = 5_000;

/**
 * Idempotent sends without transactions: a send with a clientMessageId first claims `{ _id: sender + id }`
 * (unique _id), and only the claimant inserts. Seqs are taken by insertion under the unique
 * (conversationId, seq) index (see insertNext), so they are dense even if a process dies mid-send.
 */
export class MongoMessageStore implements MessageStore {
  private readonly messages;
  private readonly claims;

  constructor(db: Db, private readonly guard: WriteGuard) {
    this.messages = db.collection('messages');
    this.claims = db.collection<{ _id: string; messageId: string; at: Date }>('client_ids');
  }

  async append(draft: MessageDraft): Promise<{ message: Message; created: boolean }> {
    if (draft.clientMessageId) {
      const earlier = await this.claim(`${draft.senderId}\u0000${draft.clientMessageId}`, draft.id);
      if (earlier) return { message: earlier, created: false };
    }
    const message = await insertNext(this.messages, { conversationId: draft.conversationId }, 'seq',
      (seq) => toStored({ ...draft, seq }), (doc) => fromStored(doc)!);
    return { message, created: true };
  }

  /** Claims a client id for messageId; returns the earlier message when someone else holds the claim. */
  private async claim(key: string, messageId: string): Promise<Message | null> {
    try {
      await this.claims.insertOne({ _id: key, messageId, at: new Date() });
      return null;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const started = Date.now();
    for (;;) {
      const claim = await this.claims.findOne({ _id: key });
      const message = claim ? await this.findById(claim.messageId) : null;
      if (message) return message;
      if (claim && Date.now() - started > CLAIM_TIMEOUT_MS) {
        // The claimant died before inserting: take the claim over atomically.
        const taken = await this.claims.updateOne({ _id: key, messageId: claim.messageId }, { $set: { messageId, at: new Date() } });
        if (taken.modifiedCount === 1) return null;
      }
      await sleep(20);
    }
  }

  async findById(id: string): Promise<Message | null> {
    return fromStored(await this.messages.findOne({ _id: id as never }));
  }

  async findManyByIds(ids: readonly string[]): Promise<Message[]> {
    return (await this.messages.find({ _id: { $in: [...ids] as never[] } }).toArray()).map((d) => fromStored(d)!);
  }

  async findByClientId(senderId: string, clientMessageId: string): Promise<Message | null> {
    const claim = await this.claims.findOne({ _id: `${senderId}\u0000${clientMessageId}` });
    return claim ? this.findById(claim.messageId) : null;
  }

  async page(conversationId: string, query: PageQuery): Promise<Message[]> {
    const filter: Document = { conversationId, hiddenFor: { $ne: query.viewerId } };
    if (query.after !== undefined) filter.seq = { $gt: query.after };
    else if (query.before !== undefined) filter.seq = { $lt: query.before };
    const docs = await this.messages.find(filter).sort({ seq: query.after !== undefined ? 1 : -1 }).limit(query.limit).toArray();
    return docs.map((d) => fromStored(d)!);
  }

  async update(id: string, patch: Partial<Omit<Message, 'id' | 'conversationId' | 'seq' | 'senderId'>>): Promise<Message | null> {
    const set: Document = { ...patch };
    if (patch.pendingJobs !== undefined) set.hasPendingJobs = patch.pendingJobs.length > 0;
    return this.guard.run(`messages:${id}`, async () =>
      fromStored(await this.messages.findOneAndUpdate({ _id: id as never }, { $set: set }, { returnDocument: 'after' })));
  }

  async hideFor(id: string, userId: string): Promise<void> {
    await this.guard.run(`messages:${id}`, () => this.messages.updateOne({ _id: id as never }, { $addToSet: { hiddenFor: userId } as never }));
  }

  async countAfter(conversationId: string, afterSeq: number, excludeSenderId: string): Promise<number> {
    return this.messages.countDocuments({ conversationId, seq: { $gt: afterSeq }, senderId: { $ne: excludeSenderId }, deletedAt: null });
  }

  async search(query: SearchQuery): Promise<Message[]> {
    if (query.conversationIds.length === 0) return [];
    const words = query.text.split(/\s+/).filter(Boolean);
    const filter: Document = {
      conversationId: { $in: [...query.conversationIds] }, deletedAt: null, hiddenFor: { $ne: query.viewerId },
      $and: words.map((w) => ({ content: { $regex: escapeRegex(w), $options: 'i' } })),
    };
    if (query.before) filter.$or = [{ createdAt: { $lt: query.before.createdAt } }, { createdAt: query.before.createdAt, _id: { $lt: query.before.id } }];
    const docs = await this.messages.find(filter).sort({ createdAt: -1, _id: -1 }).limit(query.limit).toArray();
    return docs.map((d) => fromStored(d)!);
  }

  async listBySender(senderId: string, opts: { afterId?: string; limit: number }): Promise<Message[]> {
    const filter: Document = { senderId };
    if (opts.afterId) filter._id = { $gt: opts.afterId };
    return (await this.messages.find(filter).sort({ _id: 1 }).limit(opts.limit).toArray()).map((d) => fromStored(d)!);
  }

  async countBySender(senderId: string): Promise<number> {
    return this.messages.countDocuments({ senderId });
  }

  async listCreatedBefore(conversationId: string, before: Date, limit: number): Promise<Message[]> {
    const docs = await this.messages.find({ conversationId, deletedAt: null, createdAt: { $lt: before } }).sort({ seq: 1 }).limit(limit).toArray();
    return docs.map((d) => fromStored(d)!);
  }

  async listDeletedBefore(before: Date, limit: number): Promise<Message[]> {
    const docs = await this.messages.find({ deletedAt: { $ne: null, $lt: before }, $or: [{ content: { $ne: null } }, { 'attachmentIds.0': { $exists: true } }] }).limit(limit).toArray();
    return docs.map((d) => fromStored(d)!);
  }

  async listWithPendingJobs(before: Date, limit: number): Promise<Message[]> {
    const docs = await this.messages.find({ hasPendingJobs: true, createdAt: { $lt: before } }).sort({ createdAt: 1 }).limit(limit).toArray();
    return docs.map((d) => fromStored(d)!);
  }

  async count(): Promise<number> {
    return this.messages.countDocuments();
  }
}
