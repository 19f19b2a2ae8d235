import { conflict, invalid, notFound, unauthenticated, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { directKeyOf, type Conversation } from '../../conversations/index.js';
import type { User } from '../../identity/index.js';
import { parseBotToken, type Bot, type BotCommand } from '../domain/bot.js';
import { BOT_UPDATE_KINDS, type BotUpdateKind } from '../domain/bot-update.js';
import { conversationNumberOf, type BotApiMessage, type BotApiUpdate, type BotApiUser } from '../domain/bot-view.js';
import { botApiMessage, botApiUpdates, botApiUser, type BotViewDeps } from '../policies/bot-views.js';
import { readCommands } from './bot-accounts.use-case.js';

/** A bot signed in by its token: what every Bot API method runs as. */
export interface BotPrincipal {
  bot: Bot;
  user: User;
}

/**
 * The bot whose token this is, or unauthenticated. The bot is read at every call (no cache), so a renewed
 * token refuses the old one at once on every node.
 */
export class AuthenticateBot {
  constructor(private readonly deps: Pick<Ports, 'bots' | 'users' | 'tokens'>) {}

  async execute(input: { token: string }): Promise<Result<BotPrincipal, DomainError>> {
    const refused = err(unauthenticated('invalid_bot_token', 'Unauthorized'));
    const parsed = parseBotToken(input.token);
    if (!parsed) return refused;
    const bot = await this.deps.bots.findByNumber(parsed.number);
    if (!bot || this.deps.tokens.hashRefreshSecret(parsed.secret) !== bot.tokenHash) return refused;
    const user = await this.deps.users.findById(bot.userId);
    if (!user || user.bannedAt || user.erasedAt) return refused;
    return ok({ bot, user });
  }
}

/** getMe: the bot as the Bot API describes it. */
export class DescribeBot {
  constructor(private readonly deps: BotViewDeps) {}

  async execute(input: BotPrincipal): Promise<Result<BotApiUser & { canJoinGroups: true; privacy: boolean }, never>> {
    return ok({ ...(await botApiUser(this.deps, input.user)), canJoinGroups: true, privacy: input.bot.privacy });
  }
}

/** By default Telegram leaves these out of getUpdates: a bot asks for them by name. */
const OPT_IN: readonly BotUpdateKind[] = ['chat_member', 'message_reaction'];
const POLL_MS = 200;

/**
 * getUpdates: the bot's queued updates from `offset` (which confirms, and forgets, everything before it; a
 * negative offset keeps only the last -offset), waiting up to `timeout` seconds for one when there is none
 * (long polling). One poller per bot: a newer call ends the older one with a conflict, as Telegram does.
 */
export class GetBotUpdates {
  private readonly polling = new Map<string, number>();
  private polls = 0;

  constructor(private readonly deps: BotViewDeps & Pick<Ports, 'botUpdates' | 'conversations'>) {}

  async execute(input: {
    principal: BotPrincipal;
    offset?: unknown;
    limit?: unknown;
    timeout?: unknown;
    allowedUpdates?: unknown;
  }): Promise<Result<BotApiUpdate[], DomainError>> {
    const { bot } = input.principal;
    if (bot.webhook)
      return err(
        conflict(
          'webhook_active',
          "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        ),
      );
    const int = (v: unknown, fallback: number) => (v === undefined || v === null || v === '' ? fallback : Number(v));
    const offset = int(input.offset, 0);
    const limit = int(input.limit, 100);
    const timeout = int(input.timeout, 0);
    if (!Number.isInteger(offset)) return err(invalid('offset', 'must be an integer'));
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return err(invalid('limit', 'must be 1-100'));
    if (!Number.isInteger(timeout) || timeout < 0 || timeout > 50) return err(invalid('timeout', 'must be 0-50'));
    const allowed = readAllowed(input.allowedUpdates);
    if (typeof allowed === 'string') return err(invalid('allowed_updates', allowed));
    let from = offset;
    if (offset > 0) await this.deps.botUpdates.confirm(bot.userId, offset);
    else if (offset < 0) {
      const all = await this.deps.botUpdates.list(bot.userId, 0, Number.MAX_SAFE_INTEGER);
      const keep = all.slice(offset);
      from = keep[0]?.updateId ?? (all.at(-1)?.updateId ?? 0) + 1;
      await this.deps.botUpdates.confirm(bot.userId, from);
    }
    const poll = ++this.polls;
    this.polling.set(bot.userId, poll);
    const until = Date.now() + timeout * 1000;
    try {
      for (;;) {
        if (this.polling.get(bot.userId) !== poll)
          return err(conflict('terminated_by_other_poll', 'terminated by other getUpdates request'));
        const updates = (await this.deps.botUpdates.list(bot.userId, from, limit)).filter((u) =>
          allowed.includes(u.kind),
        );
        if (updates.length > 0 || Date.now() >= until)
          return ok(await botApiUpdates(this.deps, input.principal, updates));
        await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(1, until - Date.now()))));
      }
    } finally {
      if (this.polling.get(bot.userId) === poll) this.polling.delete(bot.userId);
    }
  }
}

export function readAllowed(value: unknown): BotUpdateKind[] | string {
  if (value === undefined || value === null || value === '') return BOT_UPDATE_KINDS.filter((k) => !OPT_IN.includes(k));
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      return 'must be a JSON list of update kinds';
    }
  }
  if (!Array.isArray(list) || list.some((k) => typeof k !== 'string')) return 'must be a list of update kinds';
  // An empty list means every kind but the opt-in ones, as on Telegram; unknown kinds are ignored.
  return list.length === 0
    ? BOT_UPDATE_KINDS.filter((k) => !OPT_IN.includes(k))
    : BOT_UPDATE_KINDS.filter((k) => (list as string[]).includes(k));
}

/**
 * The conversation a Bot API `chat_id` names for this bot: a person's number is the bot's private chat with them,
 * a group or channel number the conversation, `@username` a public one. Not found unless the bot is in it.
 */
export class ResolveBotChat {
  constructor(private readonly deps: Pick<Ports, 'numericIds' | 'conversations' | 'participants'>) {}

  async execute(input: { principal: BotPrincipal; chatId: unknown }): Promise<Result<Conversation, DomainError>> {
    const botId = input.principal.bot.userId;
    const raw = input.chatId;
    let conversation: Conversation | null = null;
    if (typeof raw === 'string' && raw.startsWith('@')) {
      conversation = await this.deps.conversations.findByUsername(raw.slice(1).toLowerCase());
    } else {
      const chatId = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(chatId) || chatId === 0)
        return err(invalid('chat_id', 'must be an integer or @username'));
      const groupNumber = conversationNumberOf(chatId);
      if (groupNumber !== null) {
        const id = await this.deps.numericIds.idFor(groupNumber);
        conversation = id ? await this.deps.conversations.findById(id) : null;
      } else if (chatId > 0) {
        const userId = await this.deps.numericIds.idFor(chatId);
        conversation = userId ? await this.deps.conversations.findDirect(directKeyOf(botId, userId)) : null;
      }
    }
    const member = conversation ? await this.deps.participants.find(conversation.id, botId) : null;
    if (!conversation || conversation.deletedAt || !member || member.state !== 'active')
      return err({ ...notFound('conversation'), message: 'chat not found' });
    return ok(conversation);
  }
}

/** A message the bot just sent or changed, as the Bot API answers it. */
export class ViewBotMessage {
  constructor(private readonly deps: BotViewDeps & Pick<Ports, 'conversations'>) {}

  async execute(input: { principal: BotPrincipal; messageId: string }): Promise<Result<BotApiMessage, DomainError>> {
    const message = await this.deps.messages.findById(input.messageId);
    const conversation = message ? await this.deps.conversations.findById(message.conversationId) : null;
    if (!message || !conversation) return err(notFound('message'));
    return ok(await botApiMessage(this.deps, input.principal.bot.userId, conversation, message));
  }
}

/** The id of the message a Bot API `message_id` (its seq) names in a chat the bot is in. */
export class FindBotMessage {
  constructor(private readonly deps: Pick<Ports, 'messages'>) {}

  async execute(input: { conversationId: string; messageNumber: unknown }): Promise<Result<string, DomainError>> {
    const raw = input.messageNumber;
    const seq = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(seq) || seq < 1) return err(invalid('message_id', 'must be a positive integer'));
    const [message] = await this.deps.messages.findBySeqs([{ conversationId: input.conversationId, seq }]);
    return message && !message.deletedAt
      ? ok(message.id)
      : err({ ...notFound('message'), message: 'message to act on not found' });
  }
}

/** setMyCommands / getMyCommands: the bot's command menu, set by the bot itself. */
export class BotCommands {
  constructor(private readonly deps: Pick<Ports, 'bots'>) {}

  async execute(input: { principal: BotPrincipal; commands?: unknown }): Promise<Result<BotCommand[], DomainError>> {
    if (input.commands === undefined) {
      const bot = await this.deps.bots.findByUserId(input.principal.bot.userId);
      return ok(bot?.commands ?? []);
    }
    let value = input.commands;
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        return err(invalid('commands', 'must be a JSON list of commands'));
      }
    }
    const commands = readCommands(value);
    if (typeof commands === 'string') return err(invalid('commands', commands));
    await this.deps.bots.update(input.principal.bot.userId, { commands });
    return ok(commands);
  }
}
