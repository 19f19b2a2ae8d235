import type { BotWebhookSender, WebhookAttempt } from '@parley/core';

/**
 * POSTs the text with the headers, following no redirect (a redirect is an answer like any other: not 2xx), giving
 * up after `timeoutMs`; the answer's body is read and dropped. Never throws: a failure is an `error`.
 */
export async function postWithoutRedirects(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<WebhookAttempt> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status };
  } catch (error) {
    return { error: (error as Error).name === 'TimeoutError' ? 'Read timeout expired' : String(error) };
  }
}

/**
 * Bots' webhooks over Node's fetch: a JSON POST with the secret token header, no redirect followed (a redirect
 * counts as a failure, as on Telegram), given up after `timeoutMs`. The answer's body is read and dropped.
 */
export class FetchBotWebhookSender implements BotWebhookSender {
  constructor(private readonly timeoutMs = 10_000) {}

  async post(url: string, body: unknown, secretToken: string | null): Promise<WebhookAttempt> {
    return postWithoutRedirects(
      url,
      JSON.stringify(body),
      {
        'content-type': 'application/json',
        ...(secretToken ? { 'x-telegram-bot-api-secret-token': secretToken } : {}),
      },
      this.timeoutMs,
    );
  }
}
