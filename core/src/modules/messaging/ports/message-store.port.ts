import type { Message, MessageDraft, MessageRef } from '../domain/message.js';
import type { OutboxEntry } from '../../delivery/index.js';

export const MessageStore = Symbol.for('MessageStore');

export interface PageQuery {
  /** Messages with seq < before, newest first (the default when neither is given). */
  before?: number;
  /** Messages with seq > after, oldest first (with `before` too: only those below it, a range). */
  after?: number;
  limit: number;
  /** Messages this user hid for themselves are left out. */
  viewerId: string;
}

export interface SearchQuery {
  conversationIds: readonly string[];
  text: string;
  viewerId: string;
  limit: number;
  /** Only messages created before this one (id-stable order: createdAt desc, then id desc). */
  before?: { createdAt: Date; id: string };
}

export interface MessageStore {
  /**
   * Stores the message and its `message.created` event as ONE write: it gets the conversation's next seq
   * and next eventSeq together, and EventStore.listAfter returns it as that event from then on. Seqs and
   * eventSeqs stay dense and strictly increasing per conversation under concurrent appends, also from
   * several processes sharing the store. When the draft's (conversationId, senderId, clientMessageId) was stored
   * before, nothing is stored and the original comes back with created = false, however the two requests race
   * and however slow the first is (no lease, no timeout). A crash leaves either nothing or the whole
   * message; an append that threw may or may not have stored it, and a retry with the same
   * clientMessageId finds out. The outbox entry, when given, is stored in that same write and comes back
   * (the original's, on a retry) for the outbox's follow-ups; it is never part of the Message read back.
   */
  append(
    draft: MessageDraft,
    outbox?: OutboxEntry,
  ): Promise<{ message: Message; created: boolean; outbox: OutboxEntry | null }>;
  /** The message with this id, or null. */
  findById(id: string): Promise<Message | null>;
  /** The messages with these ids that exist. */
  findManyByIds(ids: readonly string[]): Promise<Message[]>;
  /** The sender's message with this client id in this conversation, or null. */
  findByClientId(conversationId: string, senderId: string, clientMessageId: string): Promise<Message | null>;
  /** One page of a conversation's history by seq (see PageQuery for order). */
  page(conversationId: string, query: PageQuery): Promise<Message[]>;
  /** Applies the patch atomically and returns the result; null if missing. */
  update(
    id: string,
    patch: Partial<Omit<Message, 'id' | 'conversationId' | 'seq' | 'senderId'>>,
  ): Promise<Message | null>;
  /** Adds the user to hiddenFor; idempotent. */
  hideFor(id: string, userId: string): Promise<void>;
  /** The messages at these positions that exist, in one query. */
  findBySeqs(refs: readonly MessageRef[]): Promise<Message[]>;
  /**
   * In one query: positions after each given seq that do not count as unread for the viewer (deleted
   * messages and the viewer's own), at most `limit` in all. Unread = lastMessageSeq - lastReadSeq - these.
   */
  listNotUnread(viewerId: string, after: readonly MessageRef[], limit: number): Promise<MessageRef[]>;
  /**
   * Non-deleted messages in the given conversations whose content contains every word of the text (case-insensitive).
   */
  search(query: SearchQuery): Promise<Message[]>;
  /** The sender's messages ordered by id, for exports. */
  listBySender(senderId: string, opts: { afterId?: string; limit: number }): Promise<Message[]>;
  /** How many messages the sender has, deleted ones included. */
  countBySender(senderId: string): Promise<number>;
  /** Non-deleted messages of the conversation created before the date, oldest first, at most `limit`. */
  listCreatedBefore(conversationId: string, before: Date, limit: number): Promise<Message[]>;
  /** Deleted-for-everyone messages whose deletedAt is before the date and that still hold data, at most `limit`. */
  listDeletedBefore(before: Date, limit: number): Promise<Message[]>;
  /** How many messages exist. */
  count(): Promise<number>;
}
