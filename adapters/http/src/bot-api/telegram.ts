import type { BotApiChat, BotApiMessage, BotApiUpdate, BotApiUser, BotMemberStatus, DomainError } from '@parley/core';

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
    ...(m.entities ? { entities: m.entities } : {}),
    ...(m.editDate !== undefined ? { edit_date: m.editDate } : {}),
    ...(m.replyTo ? { reply_to_message: tgMessage(m.replyTo) } : {}),
  };
}

/** A member's status with the fields Telegram's ChatMember of that status always has. */
function tgMember(user: BotApiUser, status: BotMemberStatus) {
  const base = { user: tgUser(user), status };
  if (status === 'creator') return { ...base, is_anonymous: false };
  if (status === 'kicked') return { ...base, until_date: 0 };
  if (status === 'administrator')
    return {
      ...base,
      can_be_edited: false,
      is_anonymous: false,
      can_manage_chat: true,
      can_delete_messages: true,
      can_manage_video_chats: false,
      can_restrict_members: true,
      can_promote_members: false,
      can_change_info: true,
      can_invite_users: true,
      can_post_stories: false,
      can_edit_stories: false,
      can_delete_stories: false,
    };
  return base;
}

export function tgUpdate(u: BotApiUpdate): Record<string, unknown> {
  if (u.member)
    return {
      update_id: u.updateId,
      [u.kind]: {
        chat: tgChat(u.member.chat),
        from: tgUser(u.member.from),
        date: u.member.date,
        old_chat_member: tgMember(u.member.user, u.member.oldStatus),
        new_chat_member: tgMember(u.member.user, u.member.newStatus),
      },
    };
  return { update_id: u.updateId, ...(u.message ? { [u.kind]: tgMessage(u.message) } : {}) };
}

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
