import type { Db } from 'mongodb';
import type { ConversationEvent, ConversationEventDraft, EventStore } from '@parley/core';
import { insertNext, stripId } from './support.js';

/**
 * Events take their eventSeq by insertion under a unique `conversation:seq` _id (see insertNext): event
 * n+1 is only ever written after event n exists, so readers can never see a gap, and a client that
 * advances its cursor to the last event it received never skips one.
 */
export class MongoEventStore implements EventStore {
  private readonly events;

  constructor(db: Db) {
    this.events = db.collection('events');
  }

  async append(draft: ConversationEventDraft): Promise<ConversationEvent> {
    return insertNext(this.events, { conversationId: draft.conversationId }, 'eventSeq',
      (eventSeq) => ({ _id: `${draft.conversationId}:${eventSeq}`, ...draft, eventSeq }), (doc) => stripId<ConversationEvent>(doc)!);
  }

  async listAfter(conversationId: string, after: number, limit: number): Promise<ConversationEvent[]> {
    const docs = await this.events.find({ conversationId, eventSeq: { $gt: after } }).sort({ eventSeq: 1 }).limit(limit).toArray();
    return docs.map((d) => stripId<ConversationEvent>(d)!);
  }
}
