import type { ConversationEvent, ConversationEventDraft, EventStore } from '@parley/core';
import { InMemoryConversationLog } from './in-memory-conversation-log.js';

export class InMemoryEventStore implements EventStore {
  /** Pass the log the message store uses, so messages show up as their `message.created` events. */
  constructor(private readonly log = new InMemoryConversationLog()) {}

  async append(draft: ConversationEventDraft): Promise<ConversationEvent> {
    return this.log.appendEvent(draft);
  }

  async listAfter(conversationId: string, after: number, limit: number): Promise<ConversationEvent[]> {
    return this.log.eventsAfter(conversationId, after, limit);
  }
}
