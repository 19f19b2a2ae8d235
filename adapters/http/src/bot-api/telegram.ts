import type { BotApiChat, BotApiMessage, BotApiUpdate, BotApiUser, DomainError } from '@parley/core';

/** Parley's bot views in the Bot API's own JSON (snake_case, absent fields left out), as Telegram writes them. */
export const tgUser = (u: BotApiUser) => ({
  id: u.id,
  is_bot: u.isBot,
  first_name: u.firstName,
  username: u.username,
});

export const tgChat = (c: BotApiChat) => ({
  id: c.id,
  type: c.type,
  ...(c.title !== undefined ? { title: c.title } : {}),
  ...(c.username !== undefined ? { username: c.username } : {}),
  ...(c.firstName !== undefined ? { first_name: c.firstName } : {}),
});

export function tgMessage(m: BotApiMessage): Record<string, unknown> {
  return {
    message_id: m.messageId,
    date: m.date,
    chat: tgChat(m.chat),
    ...(m.from ? { from: tgUser(m.from) } : {}),
    ...(m.text !== undefined ? { text: m.text } : {}),
    ...(m.editDate !== undefined ? { edit_date: m.editDate } : {}),
    ...(m.replyTo ? { reply_to_message: tgMessage(m.replyTo) } : {}),
  };
}

export const tgUpdate = (u: BotApiUpdate) => ({
  update_id: u.updateId,
  ...(u.message ? { [u.kind]: tgMessage(u.message) } : {}),
});

/** A Bot API failure: the HTTP status is `error_code`, the description as Telegram words it. */
export class BotApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
  }
}

/** A domain error as the Bot API answers it (Telegram's codes and its "Bad Request: …" wording). */
export function fromDomain(error: DomainError): BotApiError {
  switch (error.type) {
    case 'ValidationFailed':
      return new BotApiError(400, `Bad Request: ${error.details.map((d) => `${d.field} ${d.message}`).join('; ')}`);
    case 'NotFound':
      return new BotApiError(400, `Bad Request: ${error.message}`);
    case 'Forbidden':
      return new BotApiError(403, `Forbidden: ${error.message}`);
    case 'Unauthenticated':
      return new BotApiError(401, 'Unauthorized');
    case 'Conflict':
      return new BotApiError(409, `Conflict: ${error.message}`);
    case 'RateLimited': {
      const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
      return new BotApiError(429, `Too Many Requests: retry after ${seconds}`, seconds);
    }
    case 'FeatureDisabled':
      return new BotApiError(403, `Forbidden: ${error.message}`);
  }
}

/**
 * Text in a Bot API parse mode, as plain text: HTML tags dropped and its entities decoded; MarkdownV2's markers
 * and escapes dropped. (Formatting is not carried over yet: the text reads as the bot meant it, unstyled.)
 */
export function plainText(text: string, parseMode: unknown): string {
  if (typeof parseMode !== 'string' || !parseMode) return text;
  if (parseMode.toUpperCase() === 'HTML')
    return text
      .replace(/<[^>]*>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
      .replace(/&amp;/g, '&');
  if (parseMode.toLowerCase().startsWith('markdown'))
    return text.replace(/\\([_*[\]()~`>#+\-=|{}.!\\])|[*_~`]|\|\|/g, (_m, escaped?: string) => escaped ?? '');
  return text;
}
