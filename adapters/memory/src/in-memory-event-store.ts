import type { ConversationEvent, ConversationEventDraft, EventStore } from '@parley/core';
import { clone } from './clone.js';

export class InMemoryEventStore implements EventStore {
  /** eventSeq n sits at index n - 1. */
  private readonly byConversation = new Map<string, ConversationEvent[]>();

  async append(draft: ConversationEventDraft): Promise<ConversationEvent> {
    const list = this.byConversation.get(draft.conversationId) ?? [];
    const event: ConversationEvent = { ...clone(draft), eventSeq: list.length + 1 };
    list.push(event);
    this.byConversation.set(draft.conversationId, list);
    return clone(event);
  }

  async listAfter(conversationId: string, after: number, limit: number): Promise<ConversationEvent[]> {
    return (this.byConversation.get(conversationId) ?? []).slice(after, after + limit).map(clone);
  }
}
