import type { ConversationEvent, ConversationEventDraft } from '../domain/event.js';

export const EventStore = Symbol.for('EventStore');

/**
 * A conversation's event stream. Messages are part of it: MessageStore.append writes a message and its
 * `message.created` entry as one record, which listAfter returns as that event, carrying the message as
 * it is now (edits applied; a deleted message as its tombstone, followed by its `message.deleted` event).
 */
export interface EventStore {
  /**
   * Gives the event the conversation's next eventSeq (dense, from 1, shared with messages) and stores it
   * in one write; the seq sequence of messages is not touched.
   */
  append(draft: ConversationEventDraft): Promise<ConversationEvent>;
  /**
   * Events with eventSeq > after, ascending, at most `limit`, and without gaps: a reader never receives
   * eventSeq n+1 before n is readable, so a client that advances its cursor to the last one misses nothing.
   */
  listAfter(conversationId: string, after: number, limit: number): Promise<ConversationEvent[]>;
}
