import type { WebhookAttempt } from '../../bots/index.js';

export const EventWebhookSender = Symbol.for('EventWebhookSender');

/**
 * Posts signed event deliveries. The signature, Stripe's scheme: header `Parley-Signature: t=<unix seconds>,v1=<hex>`
 * with one `v1` per secret, each HMAC-SHA256(secret, `${t}.${body}`); the receiver recomputes it with its secret
 * over the raw body and refuses a `t` outside its tolerance (replays of a captured request).
 */
export interface EventWebhookSender {
  /**
   * POSTs the JSON text as it is, signed with each secret at `timestamp` (unix seconds), with the given headers;
   * follows no redirect, gives up after a timeout, never throws (a failure is an `error`).
   */
  post(
    url: string,
    body: string,
    signing: { secrets: readonly string[]; timestamp: number },
    headers: Record<string, string>,
  ): Promise<WebhookAttempt>;
}
