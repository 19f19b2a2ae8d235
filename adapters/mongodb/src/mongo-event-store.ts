import type { Db, Document } from 'mongodb';
import {
  messageCreatedEvent,
  newMessageId,
  type ConversationEvent,
  type ConversationEventDraft,
  type EventStore,
} from '@parley/core';
import { LogSequencer } from './log-sequencer.js';
import { fromStoredMessage, LOG_COLLECTION, toStoredMessage } from './mongo-message-store.js';
import { isDuplicateKey } from './support.js';

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
    if (!docs.some((doc, i) => doc.eventSeq !== after + 1 + i)) return docs.map(toEvent);
    return (await this.repair(conversationId, after, docs)).slice(0, limit).map(toEvent);
  }

  /**
   * Fills the holes in a listing. No writer leaves one: a process takes position n+1 only after seeing n
   * stored, and stores a batch in order. So a hole is an entry lost after a later one was stored: a failover
   * rolled back a write that was never acknowledged (acknowledged ones are majority-written), or someone
   * deleted it. Each missing position gets a filler, inserted under the same unique index (a racing filler or
   * writer wins and is read back): a deleted message where the entries around it say a message seq was taken
   * (so seqs stay dense and unread counts right), a `log.gap` event otherwise. Clients see dense positions.
   */
  private async repair(conversationId: string, after: number, docs: Document[]): Promise<Document[]> {
    const out: Document[] = [];
    let prev: Document | null =
      docs[0]!.eventSeq === after + 1
        ? null
        : ((await this.log
            .find({ conversationId, eventSeq: { $lte: after } }, { projection: { eventSeq: 1, seq: 1 } })
            .sort({ eventSeq: -1 })
            .limit(1)
            .next()) ?? { eventSeq: 0, seq: 0 });
    for (const doc of docs) {
      if (prev && doc.eventSeq > prev.eventSeq + 1) {
        const before = (doc.seq as number) - (doc.kind === 'm' ? 1 : 0);
        const messages = Math.max(0, before - (prev.seq as number));
        for (let eventSeq = (prev.eventSeq as number) + 1, i = 0; eventSeq < doc.eventSeq; eventSeq += 1, i += 1) {
          const seq = i < messages ? (prev.seq as number) + i + 1 : before;
          const filler =
            i < messages ? lostMessage(conversationId, eventSeq, seq) : lostEvent(conversationId, eventSeq, seq);
          out.push(await this.insertFiller(conversationId, filler));
        }
      }
      out.push(doc);
      prev = doc;
    }
    return out.filter((doc) => doc.eventSeq > after);
  }

  private async insertFiller(conversationId: string, filler: Document): Promise<Document> {
    try {
      await this.log.insertOne(filler);
      return filler;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return (await this.log.findOne({ conversationId, eventSeq: filler.eventSeq })) ?? filler;
    }
  }
}

/** A message position lost to a rollback: a deleted system message, so history and unread counts stay exact. */
function lostMessage(conversationId: string, eventSeq: number, seq: number): Document {
  const now = new Date();
  return toStoredMessage({
    id: newMessageId(conversationId, `lost-${eventSeq}`),
    conversationId,
    senderId: 'system',
    type: 'system',
    content: null,
    clientMessageId: null,
    replyToId: null,
    forwardedFrom: null,
    attachmentIds: [],
    metadata: { mentions: [], links: [] },
    createdAt: now,
    editedAt: null,
    deletedAt: now,
    deletedBy: 'system',
    hiddenFor: [],
    seq,
    eventSeq,
  });
}

function lostEvent(conversationId: string, eventSeq: number, seq: number): Document {
  const key = `${conversationId}:${eventSeq}`;
  const payload = { type: 'log.gap' };
  return {
    _id: key,
    kind: 'e',
    clientKey: `e:${key}`,
    conversationId,
    actorId: 'system',
    createdAt: new Date(),
    payload,
    eventSeq,
    seq,
  };
}

function toEvent(doc: Document): ConversationEvent {
  if (doc.kind === 'm') return messageCreatedEvent(fromStoredMessage(doc)!);
  const { conversationId, eventSeq, actorId, createdAt, payload } = doc;
  return { conversationId, eventSeq, actorId, createdAt, payload } as ConversationEvent;
}
