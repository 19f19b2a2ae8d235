import { createHmac } from 'node:crypto';
import type { Notification, NotificationSender } from '@parley/core';

export interface WebhookOptions {
  url: string;
  /** HMAC-SHA256 key; receivers recompute `sha256=hex(hmac(timestamp + "." + body))`. */
  secret: string;
  attempts?: number;
  timeoutMs?: number;
  backoffMs?: (attempt: number) => number;
}

/** Signs a webhook body the way receivers should check it. */
export const signWebhook = (secret: string, timestamp: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/**
 * POSTs each notification as JSON with `X-Parley-Timestamp` and `X-Parley-Signature` headers. Network
 * errors, timeouts, 429 and 5xx are retried with backoff; other 4xx are the receiver's final word.
 */
export class WebhookNotificationSender implements NotificationSender {
  constructor(private readonly options: WebhookOptions) {}

  async send(notification: Notification): Promise<void> {
    const body = JSON.stringify({ type: 'notification', notification });
    const attempts = this.options.attempts ?? 3;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const timestamp = String(Date.now());
      try {
        const response = await fetch(this.options.url, {
          method: 'POST',
          body,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
          headers: {
            'content-type': 'application/json',
            'x-parley-timestamp': timestamp,
            'x-parley-signature': signWebhook(this.options.secret, timestamp, body),
          },
        });
        if (response.ok) return;
        lastError = new Error(`webhook answered ${response.status}`);
        if (response.status < 500 && response.status !== 429) throw lastError;
      } catch (error) {
        lastError = error;
        if ((error as Error).message?.startsWith('webhook answered 4') && !(error as Error).message.includes('429'))
          throw error;
      }
      if (attempt < attempts)
        await new Promise((r) => setTimeout(r, (this.options.backoffMs ?? ((n) => 200 * 2 ** (n - 1)))(attempt)));
    }
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }
}
