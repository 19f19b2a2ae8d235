import { createHmac } from 'node:crypto';
import type { EventWebhookSender, WebhookAttempt } from '@parley/core';
import { postWithoutRedirects } from './fetch-bot-webhook-sender.js';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` with one v1 per secret (Stripe's scheme). */
export function parleySignature(body: string, secrets: readonly string[], timestamp: number): string {
  const signed = `${timestamp}.${body}`;
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${createHmac('sha256', s).update(signed).digest('hex')}`)].join(
    ',',
  );
}

/**
 * Integration webhooks' deliveries over Node's fetch: the JSON text as it is, signed (`Parley-Signature`), with the
 * event's headers; no redirect followed (one counts as a failure), given up after `timeoutMs`; the answer's body is
 * read and dropped.
 */
export class FetchEventWebhookSender implements EventWebhookSender {
  constructor(private readonly timeoutMs = 10_000) {}

  async post(
    url: string,
    body: string,
    signing: { secrets: readonly string[]; timestamp: number },
    headers: Record<string, string>,
  ): Promise<WebhookAttempt> {
    const signature = parleySignature(body, signing.secrets, signing.timestamp);
    return postWithoutRedirects(
      url,
      body,
      {
        ...headers,
        'content-type': 'application/json',
        'user-agent': 'Parley-Webhooks/1',
        'parley-signature': signature,
      },
      this.timeoutMs,
    );
  }
}
