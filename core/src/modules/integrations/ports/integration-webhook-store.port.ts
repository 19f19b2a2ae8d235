import type { IntegrationWebhook, WebhookPatch } from '../domain/webhook.js';

export const IntegrationWebhookStore = Symbol.for('IntegrationWebhookStore');

/** Integration webhooks (few: each is an admin's subscription). */
export interface IntegrationWebhookStore {
  create(webhook: IntegrationWebhook): Promise<void>;
  findById(id: string): Promise<IntegrationWebhook | null>;
  /** Ordered by id, after a cursor, at most `limit`. */
  list(query: { afterId?: string; limit: number }): Promise<IntegrationWebhook[]>;
  /** Every active webhook (the delivery rounds read these). */
  listActive(): Promise<IntegrationWebhook[]>;
  /** Changes the given fields; the webhook after it, or null if there is none. */
  update(id: string, patch: WebhookPatch): Promise<IntegrationWebhook | null>;
  /** Removes it; true if it was there. */
  delete(id: string): Promise<boolean>;
}
