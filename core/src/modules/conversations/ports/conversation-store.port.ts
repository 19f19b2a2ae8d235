import type { Conversation } from '../domain/conversation.js';

export const ConversationStore = Symbol.for('ConversationStore');

export interface ActivityMark {
  at: Date;
  eventSeq: number;
  /** Present when the activity is a new message. */
  messageSeq?: number;
}

export interface ConversationStore {
  /** Inserts a group or channel. */
  create(conversation: Conversation): Promise<void>;
  /** Inserts the direct conversation unless one with the same directKey exists; exactly one wins under concurrency. */
  findOrCreateDirect(conversation: Conversation): Promise<{ conversation: Conversation; created: boolean }>;
  /** The live direct conversation of the pair (by directKey), or null. */
  findDirect(directKey: string): Promise<Conversation | null>;
  /** The conversation with this id (deleted ones included), or null. */
  findById(id: string): Promise<Conversation | null>;
  /** The conversations with these ids that exist. */
  findManyByIds(ids: readonly string[]): Promise<Conversation[]>;
  /** Applies the patch atomically and returns the result; null if missing. */
  update(id: string, patch: Partial<Omit<Conversation, 'id' | 'kind' | 'createdAt'>>): Promise<Conversation | null>;
  /** Moves lastActivityAt, lastEventSeq (and lastMessageSeq/lastMessageAt) forward only; never backwards. */
  recordActivity(id: string, mark: ActivityMark): Promise<void>;
  /** Live conversations with a retention setting, for the retention job. */
  listWithRetention(): Promise<Conversation[]>;
  /** Conversations (deleted ones included) ordered by id, after a cursor, optionally of one kind: for moderators. */
  list(query: { afterId?: string; kind?: Conversation['kind']; limit: number }): Promise<Conversation[]>;
  /**
   * Live conversations that have a message, latest message first (then id, descending), after the cursor
   * (the last one's lastMessageAt and id), at most `limit`: where a moderator's look at recent messages starts.
   */
  listByLastMessage(query: { before?: { at: Date; id: string }; limit: number }): Promise<Conversation[]>;
  /**
   * Groups and channels (deleted ones included) whose lastActivityAt is at or after `since`, oldest activity first
   * (then id), after the cursor (the last one's lastActivityAt and id), at most `limit`: what changed lately, for
   * platform-wide integration webhooks. Direct conversations never appear.
   */
  listByActivity(query: { since: Date; after?: { at: Date; id: string }; limit: number }): Promise<Conversation[]>;
  /**
   * Gives the conversation this public @username, or takes it away (null), releasing its previous one.
   * Usernames are unique among live conversations, case-insensitively, however many claim one at once;
   * false (nothing changes) when another live conversation holds it. A deleted conversation's username is
   * free again.
   */
  setUsername(id: string, username: string | null): Promise<boolean>;
  /** The live conversation holding this username (any case), or null. */
  findByUsername(username: string): Promise<Conversation | null>;
  /**
   * Live conversations with a username whose username or name contains the text (any case), ordered by id after a
   * cursor.
   */
  searchPublic(query: { text: string; afterId?: string; limit: number }): Promise<Conversation[]>;
  /** Counts live conversations by kind. */
  countByKind(): Promise<Record<Conversation['kind'], number>>;
}
