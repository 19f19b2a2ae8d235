import type { DomainError } from '@parley/core';

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
 * Text in a Bot API parse mode as Parley's own: HTML's <b>, <i>, <code> and <pre> (and their aliases) and
 * MarkdownV2's *bold*, _italic_, `code` and ```pre``` become Parley's markdown (**, __, `, ```), which its send
 * turns into entities; other tags are dropped and HTML's character references decoded, MarkdownV2's escapes
 * undone. Underline, strikethrough, spoilers and links keep their text without the style.
 */
export function parleyText(text: string, parseMode: unknown): { content: string; parseMode: 'plain' | 'markdown' } {
  const mode = typeof parseMode === 'string' ? parseMode.toLowerCase() : '';
  if (mode === 'html') {
    const marks: Record<string, string> = { b: '**', strong: '**', i: '__', em: '__', code: '`', pre: '```' };
    const content = text
      .replace(/<\/?([a-z]+)(?:\s[^>]*)?>/gi, (_m, tag: string) => marks[tag.toLowerCase()] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
      .replace(/&amp;/g, '&');
    return { content, parseMode: 'markdown' };
  }
  if (mode === 'markdownv2' || mode === 'markdown') {
    const content = text.replace(
      /\\([_*[\]()~`>#+\-=|{}.!\\])|```|\|\||[*_~`]/g,
      (m: string, escaped?: string) =>
        escaped ?? (m === '*' ? '**' : m === '_' ? '__' : m === '`' || m === '```' ? m : ''),
    );
    return { content, parseMode: 'markdown' };
  }
  return { content: text, parseMode: 'plain' };
}
