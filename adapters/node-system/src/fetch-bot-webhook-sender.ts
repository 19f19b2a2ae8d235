import type { BotWebhookSender, WebhookAttempt } from '@parley/core';

/**
 * Bots' webhooks over Node's fetch: a JSON POST with the secret token header, no redirect followed (a redirect
 * counts as a failure, as on Telegram), given up after `timeoutMs`. The answer's body is read and dropped.
 */
export class FetchBotWebhookSender implements BotWebhookSender {
  constructor(private readonly timeoutMs = 10_000) {}

  async post(url: string, body: unknown, secretToken: string | null): Promise<WebhookAttempt> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(secretToken ? { 'x-telegram-bot-api-secret-token': secretToken } : {}),
        },
        body: JSON.stringify(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status };
    } catch (error) {
      return { error: (error as Error).name === 'TimeoutError' ? 'Read timeout expired' : String(error) };
    }
  }
}
