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
  /** Counts live conversations by kind. */
  countByKind(): Promise<Record<Conversation['kind'], number>>;
}
