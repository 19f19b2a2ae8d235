import type { MessageView } from '../../messaging/index.js';
import type {
  AdminRight,
  Conversation,
  Participant,
  ParticipantRole,
  Restrictable,
} from '../../conversations/index.js';
import type { PresenceStatus } from '../../identity/index.js';

/** Durable conversation events: each has the conversation's own dense eventSeq and can be replayed. */
export type ConversationEventPayload =
  | { type: 'conversation.created'; conversation: Conversation; memberIds: string[] }
  | { type: 'conversation.updated'; conversation: Conversation }
  | { type: 'conversation.deleted'; conversationId: string }
  /** inviteCode: they joined through that invite link. */
  | { type: 'participant.added'; userId: string; role: ParticipantRole; inviteCode?: string }
  | { type: 'participant.removed'; userId: string; reason: 'left' | 'removed' | 'erased' | 'banned' }
  /** until: when the ban ends by itself (null: until lifted). */
  | { type: 'participant.banned'; userId: string; until: Date | null }
  | { type: 'participant.unbanned'; userId: string }
  /** deny: what the member may no longer do (empty: the restriction was lifted); until: when it ends. */
  | { type: 'participant.restricted'; userId: string; deny: Restrictable[]; until: Date | null }
  /** rights: an admin's rights after the change (absent for other roles). */
  | { type: 'participant.role_changed'; userId: string; role: ParticipantRole; rights?: AdminRight[] }
  | { type: 'message.created'; message: MessageView }
  | { type: 'message.edited'; message: MessageView }
  | { type: 'message.deleted'; messageId: string; seq: number; deletedBy: string }
  | { type: 'message.pinned'; messageId: string; seq: number }
  | { type: 'message.unpinned'; messageId: string; seq: number }
  /** userId: who voted or took their vote back (null in an anonymous poll); counts per option after it. */
  | {
      type: 'poll.voted';
      messageId: string;
      userId: string | null;
      options: { id: string; votes: number }[];
      totalVoters: number;
    }
  | { type: 'poll.closed'; messageId: string; options: { id: string; votes: number }[]; totalVoters: number }
  | { type: 'reaction.added'; messageId: string; userId: string; emoji: string }
  | { type: 'reaction.removed'; messageId: string; userId: string; emoji: string }
  | { type: 'receipt.updated'; userId: string; lastReadSeq: number; lastDeliveredSeq: number; at: Date }
  /**
   * Nothing to apply: the position's entry was lost to a database failover (rolled back) after a later one was
   * stored, and the store filled it so that the stream stays dense (see docs/send-path.md, "After a failover").
   */
  | { type: 'log.gap' };

export type ConversationEventType = ConversationEventPayload['type'];

export interface ConversationEvent {
  conversationId: string;
  eventSeq: number;
  actorId: string;
  createdAt: Date;
  payload: ConversationEventPayload;
}

export type ConversationEventDraft = Omit<ConversationEvent, 'eventSeq'>;

/** Ephemeral events: fanned out live, never stored, never replayed. */
export type EphemeralEvent =
  | { type: 'typing.started'; conversationId: string; userId: string; expiresAt: Date }
  | { type: 'typing.stopped'; conversationId: string; userId: string }
  | { type: 'presence.updated'; userId: string; status: PresenceStatus; lastSeenAt: Date | null }
  | { type: 'conversation.joined'; conversationId: string; participant: Participant }
  /** reason: why they are out (absent from older servers); until: with `banned`, when the ban ends. */
  | {
      type: 'conversation.left';
      conversationId: string;
      userId: string;
      reason?: 'left' | 'removed' | 'erased' | 'banned';
      until?: Date | null;
    }
  | { type: 'message.hidden'; conversationId: string; messageId: string }
  | { type: 'receipt.self'; conversationId: string; lastReadSeq: number; lastDeliveredSeq: number }
  | { type: 'media.updated'; mediaId: string; status: string }
  | {
      type: 'callback.answered';
      conversationId: string;
      messageId: string;
      queryId: string;
      text: string | null;
      showAlert: boolean;
    }
  /** To the sender: a moderator approved (messageId: what it became) or rejected a message held for review. */
  | {
      type: 'message.reviewed';
      heldId: string;
      conversationId: string;
      clientMessageId: string | null;
      state: 'approved' | 'rejected';
      messageId: string | null;
    }
  /** Between nodes only, on CACHE_TOPIC, never to clients: these cached entries changed (see the AccessView port). */
  | { type: 'cache.invalidated'; keys: string[] };

export type RealtimeEvent =
  { kind: 'conversation'; event: ConversationEvent } | { kind: 'ephemeral'; event: EphemeralEvent };

/**
 * Fan-out topics. A delivery node subscribes to the topics its connected users need:
 * their own user topic, each conversation they belong to, and the presence of their peers.
 */
export type Topic = `conversation:${string}` | `user:${string}` | `presence:${string}` | `cache:${string}`;

export const conversationTopic = (id: string): Topic => `conversation:${id}`;
export const userTopic = (id: string): Topic => `user:${id}`;
export const presenceTopic = (id: string): Topic => `presence:${id}`;
/** Every node subscribes to this one: cache invalidations. */
export const CACHE_TOPIC: Topic = 'cache:access';
