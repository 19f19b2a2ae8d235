export const BotWebhookSender = Symbol.for('BotWebhookSender');

/** What posting one update to a bot's webhook came to: the receiver's status, or why there was none. */
export type WebhookAttempt = { status: number } | { error: string };

/** Posts updates to bots' webhooks over HTTP(S). */
export interface BotWebhookSender {
  /**
   * POSTs the JSON body to the URL with `X-Telegram-Bot-Api-Secret-Token` when a secret is given, following no
   * redirect and giving up after a timeout; never throws (a failure is an `error`).
   */
  post(url: string, body: unknown, secretToken: string | null): Promise<WebhookAttempt>;
}
