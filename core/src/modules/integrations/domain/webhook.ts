import type { ConversationEvent, ConversationEventType } from '../../delivery/index.js';

/**
 * An integration webhook: an HTTPS endpoint an admin subscribed to the durable events of chosen conversations, or of
 * every group and channel (direct conversations only when named). Each event is posted once per request, signed,
 * at least once, in eventSeq order per conversation; the receiver tells them apart by `id`.
 */
export interface IntegrationWebhook {
  id: string;
  /** The admin who made it. */
  ownerId: string;
  url: string;
  description: string;
  scope: WebhookScope;
  /** Only these event types are posted (the rest are passed over); null: every type. */
  eventTypes: ConversationEventType[] | null;
  /** Signing secrets, newest first: each delivery is signed with every one not expired (rotation). */
  secrets: WebhookSecret[];
  state: 'active' | 'paused';
  /** Why it is paused: by an admin, or after repeated failures (`failing`). */
  pausedReason: 'manual' | 'failing' | null;
  createdAt: Date;
  updatedAt: Date;
}

export type WebhookScope = { kind: 'conversations'; conversationIds: string[] } | { kind: 'platform' };

export interface WebhookSecret {
  secret: string;
  createdAt: Date;
  /** When a rotated-out secret stops signing; null for the current one. */
  expiresAt: Date | null;
}

export type WebhookPatch = Partial<
  Pick<IntegrationWebhook, 'url' | 'description' | 'eventTypes' | 'secrets' | 'state' | 'pausedReason' | 'updatedAt'>
>;

/**
 * How far a webhook got in one conversation's event log: every event up to `deliveredThrough` was answered 2xx (or
 * passed over by the type filter). Written only by the delivery round holding the (webhook, conversation) lease.
 */
export interface WebhookCursor {
  webhookId: string;
  conversationId: string;
  deliveredThrough: number;
  /** Failed attempts in a row at the next event (0 after a success). */
  failures: number;
  /** No attempt before this (the backoff after a failure); null: now. */
  retryAt: Date | null;
  lastError: string | null;
  updatedAt: Date;
}

/** One failed attempt, kept for `parley webhooks failures` and GET /admin/webhooks/:id/failures. */
export interface WebhookFailure {
  id: string;
  webhookId: string;
  conversationId: string;
  eventId: string;
  eventSeq: number;
  at: Date;
  /** The receiver's status, or null when there was no answer. */
  status: number | null;
  error: string;
}

/** The durable event types a webhook may subscribe to (every ConversationEvent type). */
export const WEBHOOK_EVENT_TYPES: readonly ConversationEventType[] = [
  'conversation.created',
  'conversation.updated',
  'conversation.deleted',
  'participant.added',
  'participant.removed',
  'participant.banned',
  'participant.unbanned',
  'participant.restricted',
  'participant.role_changed',
  'message.created',
  'message.edited',
  'message.deleted',
  'message.pinned',
  'message.unpinned',
  'poll.voted',
  'poll.closed',
  'reaction.added',
  'reaction.removed',
  'receipt.updated',
  'log.gap',
];

/** An event's id, the same in every delivery and replay of it: its conversation and its place in that log. */
export const webhookEventId = (conversationId: string, eventSeq: number): string => `evt_${conversationId}_${eventSeq}`;

/** What one delivery posts: the event, with its id; `data` is the event's payload without its type. */
export function webhookBody(webhookId: string, event: ConversationEvent) {
  const { type, ...data } = event.payload;
  return {
    id: webhookEventId(event.conversationId, event.eventSeq),
    webhookId,
    type,
    conversationId: event.conversationId,
    eventSeq: event.eventSeq,
    actorId: event.actorId,
    createdAt: event.createdAt,
    data,
  };
}

/** A webhook as its admins see it: the secrets are never shown again after they were given out. */
export type WebhookView = Omit<IntegrationWebhook, 'secrets'> & {
  secrets: { createdAt: Date; expiresAt: Date | null; last4: string }[];
};

export function webhookView(webhook: IntegrationWebhook): WebhookView {
  return {
    ...webhook,
    secrets: webhook.secrets.map((s) => ({
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
      last4: s.secret.slice(-4),
    })),
  };
}
