import type { RefreshTokenFamily, User } from '../../identity/index.js';
import type { ContentFilter, FeatureFlag, FlagName } from '../../moderation/index.js';
import type { Conversation } from '../domain/conversation.js';
import type { Participant } from '../domain/participant.js';

/** Accounts and sessions whose state changed (on this node or another): who may need to be signed out. */
export interface AccessChange {
  /** Users whose row changed (ban, erase, role) or all of whose sessions were revoked. */
  users: string[];
  /** Sessions revoked one by one (logout, refresh-token reuse). */
  sessions: string[];
}

/**
 * The rows every access decision reads — who someone is, whether their session stands, where they belong
 * and with what role, which features are on, what may not be posted — on every request, REST and socket
 * alike. An adapter may keep them in memory; if it does, it must drop a row on every node once a write to it
 * is acknowledged,
 * so a ban, a removal or a revoked session is honoured everywhere within the invalidation's delivery time.
 */
export interface AccessView {
  /** The conversation, or null if there is none; deleted conversations are returned as stored. */
  conversation(id: string): Promise<Conversation | null>;
  /** The user's membership row in the conversation (any state), or null. */
  participant(conversationId: string, userId: string): Promise<Participant | null>;
  /** The account, or null if there is none. */
  user(id: string): Promise<User | null>;
  /** Whether either of the two blocked the other (a direct conversation's check on every send). */
  blocked(a: string, b: string): Promise<boolean>;
  /** The flag as set, or null when it was never set (its default applies). */
  flag(name: FlagName): Promise<FeatureFlag | null>;
  /** The platform's word and link filters, which every send is screened against. */
  filters(): Promise<ContentFilter[]>;
  /** The refresh-token family an access token belongs to: a revoked family signs its tokens out. */
  session(id: string): Promise<RefreshTokenFamily | null>;
  /** Calls `listener` after every change of users or sessions seen here or on another node; returns a stop. */
  watch(listener: (change: AccessChange) => void): () => void;
}

export const AccessView = Symbol.for('AccessView');
