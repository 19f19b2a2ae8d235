import type { WebhookCursor, WebhookFailure } from '../domain/webhook.js';

export const WebhookDeliveryLog = Symbol.for('WebhookDeliveryLog');

/** Where each webhook got to in each conversation, how far its platform-wide look has got, and its failures. */
export interface WebhookDeliveryLog {
  cursor(webhookId: string, conversationId: string): Promise<WebhookCursor | null>;
  /** Stores the cursor unless one exists for the pair (exactly one wins a race); the stored one. */
  start(cursor: WebhookCursor): Promise<WebhookCursor>;
  /** Replaces the pair's cursor (only the round holding its lease writes it). */
  save(cursor: WebhookCursor): Promise<void>;
  /** A webhook's cursors ordered by conversation id, after a cursor, at most `limit`. */
  cursors(webhookId: string, query: { afterConversationId?: string; limit: number }): Promise<WebhookCursor[]>;
  /** Up to when a platform-wide webhook has looked at conversations' activity, or null (not yet). */
  sweptThrough(webhookId: string): Promise<Date | null>;
  /** Moves it forward (only ever forward, whoever writes). */
  markSwept(webhookId: string, at: Date): Promise<void>;
  recordFailure(failure: WebhookFailure): Promise<void>;
  /** A webhook's failures, newest first, at most `limit`. */
  failures(webhookId: string, limit: number): Promise<WebhookFailure[]>;
  /** Forgets a deleted webhook's cursors, mark and failures. */
  forget(webhookId: string): Promise<void>;
}
