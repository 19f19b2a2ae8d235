import { messageCreatedEvent, type ConversationEvent, type Message } from '@parley/core';
import { frozenClone } from './clone.js';

type Entry = { message: Message } | { event: ConversationEvent };

/**
 * The state the in-memory message and event stores share: each conversation's event stream, in which a
 * message is its own `message.created` entry, and its messages by seq. Appends run synchronously, so a
 * message and its entry appear together or not at all.
 */
export class InMemoryConversationLog {
  private readonly entries = new Map<string, Entry[]>();
  private readonly messages = new Map<string, Message[]>();

  /** Each conversation's messages in seq order: seq n sits at index n - 1. */
  messagesOf(conversationId: string): readonly Message[] {
    return this.messages.get(conversationId) ?? [];
  }

  /** Stores a frozen copy of the draft (the caller's object is not kept). */
  appendMessage(message: Omit<Message, 'seq' | 'eventSeq'>): Message {
    const list = this.messages.get(message.conversationId) ?? [];
    const entries = this.entries.get(message.conversationId) ?? [];
    const stored: Message = frozenClone(message, { seq: list.length + 1, eventSeq: entries.length + 1 });
    list.push(stored);
    entries.push({ message: stored });
    this.messages.set(message.conversationId, list);
    this.entries.set(message.conversationId, entries);
    return stored;
  }

  /** A new version of a stored message (the stores copy on write): it takes the old one's places. */
  replaceMessage(message: Message): void {
    const list = this.messages.get(message.conversationId);
    const entries = this.entries.get(message.conversationId);
    if (list?.[message.seq - 1]?.id === message.id) list[message.seq - 1] = message;
    if (entries && entries[message.eventSeq - 1] && 'message' in entries[message.eventSeq - 1]!)
      entries[message.eventSeq - 1] = { message };
  }

  appendEvent(draft: Omit<ConversationEvent, 'eventSeq'>): ConversationEvent {
    const entries = this.entries.get(draft.conversationId) ?? [];
    const event: ConversationEvent = frozenClone(draft, { eventSeq: entries.length + 1 });
    entries.push({ event });
    this.entries.set(draft.conversationId, entries);
    return event;
  }

  /** Entries with eventSeq > after, as events. */
  eventsAfter(conversationId: string, after: number, limit: number): ConversationEvent[] {
    return (this.entries.get(conversationId) ?? [])
      .slice(after, after + limit)
      .map((entry) => ('event' in entry ? entry.event : messageCreatedEvent(entry.message)));
  }
}
