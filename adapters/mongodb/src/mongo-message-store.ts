import { withDomainMarkup, withStoredMarkup } from './stored-markup.js';
import type { Db, Document } from 'mongodb';
import {
  conversationOfMessage,
  type Message,
  type MessageDraft,
  type MessageRef,
  type MessageStore,
  type OutboxEntry,
  type OutboxLog,
  type OutboxRecord,
  type PageQuery,
  type SearchQuery,
} from '@parley/core';
import { LogSequencer } from './log-sequencer.js';
import { blockOf, SeqBlockReader } from './seq-blocks.js';
import { escapeRegex, type WriteGuard } from './support.js';

/** The conversation log: messages and events in one collection (see LogSequencer and MongoEventStore). */
export const LOG_COLLECTION = 'log';

/**
 * The idempotency key of a log entry, unique per conversation (the index is `(conversationId, clientKey)`, prefixed
 * by the log's shard key). Every entry has a distinct one, so a plain unique index works on MongoDB and FerretDB
 * alike (no partial or sparse index needed): a message sent with a clientMessageId is keyed by sender and client
 * id, anything else by its own id.
 */
export const clientKey = (draft: Pick<Message, 'id' | 'senderId' | 'clientMessageId'>): string =>
  draft.clientMessageId ? `c:${draft.senderId}:${draft.clientMessageId}` : `m:${draft.id}`;

/**
 * Messages are stored with `kind: 'm'` and their idempotency key; their outbox entry, when given, in the
 * same document (`origin`, `pendingJobs`), so the message and what it owes are one insert.
 */
export const toStoredMessage = (message: Message, outbox?: OutboxEntry): Document => {
  const { id, ...rest } = message;
  return {
    _id: id,
    kind: 'm',
    clientKey: clientKey(message),
    seqBlock: blockOf(message.seq),
    ...withStoredMarkup(rest),
    ...(outbox ? { origin: outbox.origin, pendingJobs: outbox.jobs } : {}),
  };
};

export function fromStoredMessage(doc: Document | null): Message | null {
  if (!doc || doc.kind !== 'm') return null;
  // The outbox entry is the outbox's; `hasPendingJobs`: a flag of records stored before outbox checkpoints.
  const {
    _id,
    kind: _kind,
    clientKey: _key,
    seqBlock: _block,
    hasPendingJobs: _flag,
    origin: _origin,
    pendingJobs: _jobs,
    ...rest
  } = doc;
  return withDomainMarkup({ id: _id, ...rest } as Message);
}

/** The outbox entry stored in a message's document, or null (none, or a record older than checkpoints). */
const outboxOf = (doc: Document | null): OutboxEntry | null =>
  doc?.kind === 'm' && typeof doc.origin === 'string'
    ? { origin: doc.origin, jobs: (doc.pendingJobs ?? []) as OutboxEntry['jobs'] }
    : null;

const all = (docs: Document[]): Message[] => docs.map((d) => fromStoredMessage(d)!);

/**
 * The filter for a message by id, with the conversation its id names (see newMessageId): on a log sharded by
 * conversation (docs/scaling.md) the query goes to that conversation's shard only. An id made before ids named
 * their conversation is looked up by `_id` alone (every shard).
 */
export function byMessageId(id: string): Document {
  const conversationId = conversationOfMessage(id);
  return conversationId === null ? { _id: id } : { _id: id, conversationId };
}

/**
 * A send is one insert: the message document is also its `message.created` event (its eventSeq and seq
 * come from LogSequencer), and the unique clientKey index makes retries idempotent with no lease or
 * timeout: a retry that loses the race to the original reads the original back, and vice versa.
 */
export class MongoMessageStore implements MessageStore, OutboxLog {
  private readonly log;
  /** With `pointQueries`: history pages read by block (see SeqBlockReader). */
  private readonly blocks: SeqBlockReader | null;

  /**
   * `pointQueries`: FerretDB 1.x evaluates `$in` and `$or` filters in its own process over every document
   * of the collection (200+ ms at 5,000 messages), while equality filters go down to PostgreSQL. With the
   * flag, multi-row lookups by key run as parallel point queries and history pages are read by block; on MongoDB
   * they stay one query.
   */
  constructor(
    db: Db,
    private readonly guard: WriteGuard,
    private readonly sequencer = new LogSequencer(db.collection(LOG_COLLECTION)),
    private readonly pointQueries = false,
  ) {
    this.log = db.collection(LOG_COLLECTION);
    this.blocks = pointQueries ? new SeqBlockReader(db, this.log, (id) => this.sequencer.knownHead(id)?.seq) : null;
  }

  async append(
    draft: MessageDraft,
    outbox?: OutboxEntry,
  ): Promise<{ message: Message; created: boolean; outbox: OutboxEntry | null }> {
    const key = clientKey(draft);
    const result = await this.sequencer.append(
      draft.conversationId,
      true,
      ({ eventSeq, seq }) => toStoredMessage({ ...draft, seq, eventSeq }, outbox),
      async () => {
        const doc = draft.clientMessageId
          ? await this.log.findOne({ conversationId: draft.conversationId, clientKey: key })
          : null;
        return doc?.kind === 'm' ? doc : null;
      },
    );
    const doc = 'existing' in result ? result.existing : result.inserted;
    return { message: fromStoredMessage(doc)!, created: !('existing' in result), outbox: outboxOf(doc) };
  }

  async findById(id: string): Promise<Message | null> {
    return fromStoredMessage(await this.log.findOne(byMessageId(id)));
  }

  async findManyByIds(ids: readonly string[]): Promise<Message[]> {
    if (ids.length === 0) return [];
    if (this.pointQueries)
      return (await Promise.all([...new Set(ids)].map((id) => this.findById(id)))).flatMap((m) => (m ? [m] : []));
    const conversations = ids.map(conversationOfMessage);
    const filter: Document = { _id: { $in: [...ids] }, kind: 'm' };
    // With every id naming its conversation, only those conversations' shards are asked.
    if (conversations.every((c) => c !== null)) filter.conversationId = { $in: [...new Set(conversations)] };
    return all(await this.log.find(filter).toArray());
  }

  async findByClientId(conversationId: string, senderId: string, clientMessageId: string): Promise<Message | null> {
    const key = clientKey({ id: '', senderId, clientMessageId });
    return fromStoredMessage(await this.log.findOne({ conversationId, clientKey: key }));
  }

  async page(conversationId: string, query: PageQuery): Promise<Message[]> {
    const byBlocks = await this.blocks?.page(conversationId, query);
    if (byBlocks) return all(byBlocks);
    const filter: Document = { conversationId, kind: 'm', hiddenFor: { $ne: query.viewerId } };
    if (query.after !== undefined || query.before !== undefined)
      filter.seq = {
        ...(query.after !== undefined ? { $gt: query.after } : {}),
        ...(query.before !== undefined ? { $lt: query.before } : {}),
      };
    return all(
      await this.log
        .find(filter)
        .sort({ seq: query.after !== undefined ? 1 : -1 })
        .limit(query.limit)
        .toArray(),
    );
  }

  async update(
    id: string,
    patch: Partial<Omit<Message, 'id' | 'conversationId' | 'seq' | 'senderId'>>,
  ): Promise<Message | null> {
    const set: Document = withStoredMarkup({ ...patch });
    return this.guard.run(`messages:${id}`, async () =>
      fromStoredMessage(
        await this.log.findOneAndUpdate({ ...byMessageId(id), kind: 'm' }, { $set: set }, { returnDocument: 'after' }),
      ),
    );
  }

  async hideFor(id: string, userId: string): Promise<void> {
    await this.guard.run(`messages:${id}`, () =>
      this.log.updateOne({ ...byMessageId(id), kind: 'm' }, { $addToSet: { hiddenFor: userId } as never }),
    );
  }

  async findBySeqs(refs: readonly MessageRef[]): Promise<Message[]> {
    if (refs.length === 0) return [];
    if (this.pointQueries)
      return (
        await Promise.all(
          refs.map((r) => this.log.findOne({ conversationId: r.conversationId, kind: 'm', seq: r.seq })),
        )
      ).flatMap((d) => (d ? [fromStoredMessage(d)!] : []));
    return all(
      await this.log
        .find({ kind: 'm', $or: refs.map((r) => ({ conversationId: r.conversationId, seq: r.seq })) })
        .toArray(),
    );
  }

  async listNotUnread(viewerId: string, after: readonly MessageRef[], limit: number): Promise<MessageRef[]> {
    if (after.length === 0) return [];
    // Two branches per conversation, each served by its own index ({conversationId, senderId, seq} and
    // {conversationId, deletedAt, seq}), so the cost follows what is found — the viewer's own messages
    // and the deleted ones — not how far behind the watermark is (a reader a month behind a busy channel).
    const branches = (r: MessageRef) => [
      { conversationId: r.conversationId, senderId: viewerId, seq: { $gt: r.seq }, kind: 'm' },
      { conversationId: r.conversationId, deletedAt: { $ne: null }, seq: { $gt: r.seq }, kind: 'm' },
    ];
    const projection = { conversationId: 1, seq: 1 };
    const docs = this.pointQueries
      ? (
          await Promise.all(
            after.map((r) =>
              this.log
                .find({ $or: branches(r) }, { projection })
                .limit(limit)
                .toArray(),
            ),
          )
        )
          .flat()
          .slice(0, limit)
      : await this.log
          .find({ $or: after.flatMap(branches) }, { projection })
          .limit(limit)
          .toArray();
    return docs.map((d) => ({ conversationId: d.conversationId as string, seq: d.seq as number }));
  }

  async search(query: SearchQuery): Promise<Message[]> {
    if (query.conversationIds.length === 0) return [];
    const words = query.text.split(/\s+/).filter(Boolean);
    const filter: Document = {
      kind: 'm',
      conversationId: { $in: [...query.conversationIds] },
      deletedAt: null,
      hiddenFor: { $ne: query.viewerId },
      $and: words.map((w) => ({ content: { $regex: escapeRegex(w), $options: 'i' } })),
    };
    if (query.before)
      filter.$or = [
        { createdAt: { $lt: query.before.createdAt } },
        { createdAt: query.before.createdAt, _id: { $lt: query.before.id } },
      ];
    return all(await this.log.find(filter).sort({ createdAt: -1, _id: -1 }).limit(query.limit).toArray());
  }

  async listBySender(senderId: string, opts: { afterId?: string; limit: number }): Promise<Message[]> {
    const filter: Document = { kind: 'm', senderId };
    if (opts.afterId) filter._id = { $gt: opts.afterId };
    return all(await this.log.find(filter).sort({ _id: 1 }).limit(opts.limit).toArray());
  }

  async countBySender(senderId: string): Promise<number> {
    return this.log.countDocuments({ kind: 'm', senderId });
  }

  async listCreatedBefore(conversationId: string, before: Date, limit: number): Promise<Message[]> {
    return all(
      await this.log
        .find({ conversationId, kind: 'm', deletedAt: null, createdAt: { $lt: before } })
        .sort({ seq: 1 })
        .limit(limit)
        .toArray(),
    );
  }

  async listDeletedBefore(before: Date, limit: number): Promise<Message[]> {
    return all(
      await this.log
        .find({
          kind: 'm',
          deletedAt: { $ne: null, $lt: before },
          $or: [{ content: { $ne: null } }, { 'attachmentIds.0': { $exists: true } }],
        })
        .limit(limit)
        .toArray(),
    );
  }

  async listByOrigin(
    origin: string,
    since: Date,
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<OutboxRecord[]> {
    const filter: Document = { kind: 'm', origin, createdAt: { $gte: since } };
    if (after)
      filter.$or = [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, _id: { $gt: after.id } }];
    const docs = await this.log.find(filter).sort({ createdAt: 1, _id: 1 }).limit(limit).toArray();
    return docs.map((doc) => ({ ...outboxOf(doc)!, message: fromStoredMessage(doc)! }));
  }

  async find(messageId: string): Promise<OutboxEntry | null> {
    return outboxOf(await this.log.findOne({ ...byMessageId(messageId), kind: 'm' }));
  }

  async count(): Promise<number> {
    return this.log.countDocuments({ kind: 'm' });
  }
}
