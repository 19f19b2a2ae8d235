import type { ConversationEvent, ConversationEventDraft } from '../domain/event.js';

export const EventStore = Symbol.for('EventStore');

export interface EventStore {
  /** Gives the event the conversation's next eventSeq (dense, from 1) and stores it. */
  append(draft: ConversationEventDraft): Promise<ConversationEvent>;
  /**
   * Events with eventSeq > after, ascending, at most `limit`, and without gaps: a reader never receives
   * eventSeq n+1 before n is readable, so a client that advances its cursor to the last one misses nothing.
   */
  listAfter(conversationId: string, after: number, limit: number): Promise<ConversationEvent[]>;
}
