import type { Db, Document } from 'mongodb';
import type { HeldMessage, HeldMessageStore, HeldState } from '@parley/core';
import { fromDoc, insertUnlessExists, toDoc } from './support.js';
import { withDomainMarkup, withStoredMarkup } from './stored-markup.js';

/** The key a held message is unique by: its sender's idempotency key in the conversation, else its own id. */
const clientKey = (held: HeldMessage): string =>
  held.clientMessageId === null
    ? `id:${held.id}`
    : `key:${held.conversationId}:${held.senderId}:${held.clientMessageId}`;

const fromRow = (doc: Document | null): HeldMessage | null => {
  if (!doc) return null;
  const { clientKey: _key, ...rest } = doc;
  const held = fromDoc<HeldMessage>(rest)!;
  return { ...held, draft: withDomainMarkup(held.draft) };
};

/**
 * One document per held message, by `_id`. Holding is insert-only under a unique `clientKey` (holds on
 * FerretDB too); a decision is a `$set` by `_id`.
 */
export class MongoHeldMessageStore implements HeldMessageStore {
  private readonly held;

  constructor(db: Db) {
    this.held = db.collection('held_messages');
  }

  async hold(held: HeldMessage): Promise<{ held: HeldMessage; created: boolean }> {
    const key = clientKey(held);
    const doc = { ...toDoc({ ...held, draft: withStoredMarkup(held.draft) }), clientKey: key };
    if (await insertUnlessExists(this.held, doc)) return { held, created: true };
    const earlier = fromRow(await this.held.findOne({ clientKey: key }));
    if (!earlier) throw new Error(`held message ${key} was reported as existing but cannot be read`);
    return { held: earlier, created: false };
  }

  async find(id: string): Promise<HeldMessage | null> {
    return fromRow(await this.held.findOne({ _id: id as never }));
  }

  async list(query: { state: HeldState; afterId?: string; limit: number }): Promise<HeldMessage[]> {
    const rows = await this.held
      .find({ state: query.state, _id: { $gt: (query.afterId ?? '') as never } })
      .sort({ _id: 1 })
      .limit(query.limit)
      .toArray();
    return rows.map((row) => fromRow(row)!);
  }

  async decide(
    id: string,
    decision: Pick<HeldMessage, 'state' | 'decidedBy' | 'decidedAt' | 'reason' | 'messageId'>,
  ): Promise<HeldMessage | null> {
    return fromRow(
      await this.held.findOneAndUpdate({ _id: id as never }, { $set: decision }, { returnDocument: 'after' }),
    );
  }
}
