import type { Db, Document } from 'mongodb';
import {
  messageCreatedEvent,
  type ConversationEvent,
  type ConversationEventDraft,
  type EventStore,
} from '@parley/core';
import { LogSequencer } from './log-sequencer.js';
import { fromStoredMessage, LOG_COLLECTION } from './mongo-message-store.js';

/**
 * The event stream is the conversation log: events (`kind: 'e'`) and messages (`kind: 'm'`, each its own
 * `message.created` entry) share one collection and one eventSeq sequence (see LogSequencer), so a message
 * can never be stored without its event or the other way round.
 */
export class MongoEventStore implements EventStore {
  private readonly log;

  constructor(
    db: Db,
    private readonly sequencer = new LogSequencer(db.collection(LOG_COLLECTION)),
  ) {
    this.log = db.collection(LOG_COLLECTION);
  }

  async append(draft: ConversationEventDraft): Promise<ConversationEvent> {
    const result = await this.sequencer.append(
      draft.conversationId,
      false,
      ({ eventSeq, seq }) => {
        const key = `${draft.conversationId}:${eventSeq}`;
        return { _id: key, kind: 'e', clientKey: `e:${key}`, ...draft, eventSeq, seq };
      },
      async () => null,
    );
    return toEvent((result as { inserted: Document }).inserted);
  }

  async listAfter(conversationId: string, after: number, limit: number): Promise<ConversationEvent[]> {
    const docs = await this.log
      .find({ conversationId, eventSeq: { $gt: after } })
      .sort({ eventSeq: 1 })
      .limit(limit)
      .toArray();
    return docs.map(toEvent);
  }
}

function toEvent(doc: Document): ConversationEvent {
  if (doc.kind === 'm') return messageCreatedEvent(fromStoredMessage(doc)!);
  const { conversationId, eventSeq, actorId, createdAt, payload } = doc;
  return { conversationId, eventSeq, actorId, createdAt, payload } as ConversationEvent;
}
