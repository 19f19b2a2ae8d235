import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type {
  BotPrincipal,
  BotsModule,
  ConversationsModule,
  DeliveryModule,
  DomainError,
  Logger,
  MessagingModule,
  Result,
} from '@parley/core';
import { sentMessage, tgChat, tgMember, tgMessage, tgUpdate, tgUser } from '@parley/core';
import { BotApiError, fromDomain, parleyText } from './telegram.js';
import { BOT_METHODS } from './bot-methods.js';

export interface BotApiModules {
  bots: BotsModule;
  messaging: MessagingModule;
  conversations: ConversationsModule;
  delivery: DeliveryModule;
}

type Params = Record<string, unknown>;
type Method = (bot: BotPrincipal, params: Params) => Promise<unknown>;

/** Each method's parameter schema, by its name in lower case (method names are case-insensitive). */
const SCHEMAS = new Map(Object.entries(BOT_METHODS).map(([name, method]) => [name.toLowerCase(), method.params]));

/** The value of a result, or the Bot API error it is. */
function value<T>(result: Result<T, DomainError>): T {
  if (!result.ok) throw fromDomain(result.error);
  return result.value;
}

/** A parameter that may come as JSON text (query strings and forms carry objects that way). */
function json(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw new BotApiError(400, "Bad Request: can't parse JSON object");
  }
}

const required = (params: Params, name: string): unknown => {
  const raw = params[name];
  if (raw === undefined || raw === null || raw === '') throw new BotApiError(400, `Bad Request: ${name} is required`);
  return raw;
};

const flag = (raw: unknown): boolean => raw === true || raw === 'true' || raw === '1';

/**
 * The Telegram Bot API on Parley: `/bot<token>/<method>` (GET with a query, POST with JSON or a form), answering
 * `{ok, result}` or `{ok: false, error_code, description[, parameters.retry_after]}` as Telegram does. Each call
 * signs the bot in by its token and runs the core's use cases as the bot's user, so a bot can do in a
 * conversation what a member can, and nothing in one it is not in. Method names are case-insensitive.
 */
export function botApiRouter(modules: BotApiModules, logger: Logger, bodyLimitBytes: number): Router {
  const { bots, messaging, conversations, delivery } = modules;
  const chat = async (bot: BotPrincipal, params: Params) =>
    value(await bots.resolveBotChat.execute({ principal: bot, chatId: required(params, 'chat_id') }));
  const messageIn = async (conversationId: string, params: Params) =>
    value(await bots.findBotMessage.execute({ conversationId, messageNumber: required(params, 'message_id') }));
  const view = async (bot: BotPrincipal, messageId: string) =>
    tgMessage(value(await bots.viewBotMessage.execute({ principal: bot, messageId })));

  const markup = async (bot: BotPrincipal, conversationId: string, messageId: string, raw: unknown) =>
    value(
      await messaging.setReplyMarkup.execute({
        actorId: bot.user.id,
        conversationId,
        messageId,
        replyMarkup: json(raw) ?? null,
      }),
    );

  const methods: Record<string, Method> = {
    getme: async (bot) => {
      const me = value(await bots.describeBot.execute(bot));
      return {
        ...tgUser(me),
        can_join_groups: me.canJoinGroups,
        can_read_all_group_messages: !me.privacy,
        supports_inline_queries: false,
      };
    },
    getupdates: async (bot, params) =>
      value(
        await bots.getBotUpdates.execute({
          principal: bot,
          offset: params.offset,
          limit: params.limit,
          timeout: params.timeout,
          allowedUpdates: json(params.allowed_updates),
        }),
      ).map(tgUpdate),
    sendmessage: async (bot, params) => {
      const conversation = await chat(bot, params);
      const replyParameters = json(params.reply_parameters) as { message_id?: unknown } | undefined;
      const replyNumber = replyParameters?.message_id ?? params.reply_to_message_id;
      const replyToId =
        replyNumber === undefined ? undefined : await messageIn(conversation.id, { message_id: replyNumber });
      const sent = value(
        await messaging.sendMessage.execute({
          actorId: bot.user.id,
          conversationId: conversation.id,
          ...parleyText(String(required(params, 'text')), params.parse_mode),
          ...(replyToId ? { replyToId } : {}),
          ...(flag(params.disable_notification) ? { silent: true } : {}),
          ...(params.reply_markup !== undefined ? { replyMarkup: json(params.reply_markup) } : {}),
        }),
      );
      const message = sentMessage(sent);
      if (!message) throw new BotApiError(400, 'Bad Request: the message is held for review');
      return view(bot, message.id);
    },
    editmessagetext: async (bot, params) => {
      const conversation = await chat(bot, params);
      const messageId = await messageIn(conversation.id, params);
      value(
        await messaging.editMessage.execute({
          actorId: bot.user.id,
          conversationId: conversation.id,
          messageId,
          ...parleyText(String(required(params, 'text')), params.parse_mode),
        }),
      );
      if (params.reply_markup !== undefined) await markup(bot, conversation.id, messageId, params.reply_markup);
      return view(bot, messageId);
    },
    editmessagereplymarkup: async (bot, params) => {
      const conversation = await chat(bot, params);
      const messageId = await messageIn(conversation.id, params);
      await markup(bot, conversation.id, messageId, params.reply_markup ?? null);
      return view(bot, messageId);
    },
    answercallbackquery: async (bot, params) =>
      value(
        await bots.answerCallbackQuery.execute({
          principal: bot,
          queryId: required(params, 'callback_query_id'),
          text: params.text,
          showAlert: flag(params.show_alert),
        }),
      ),
    deletemessage: async (bot, params) => {
      const conversation = await chat(bot, params);
      const messageId = await messageIn(conversation.id, params);
      value(
        await messaging.deleteMessage.execute({ actorId: bot.user.id, conversationId: conversation.id, messageId }),
      );
      return true;
    },
    sendchataction: async (bot, params) => {
      const conversation = await chat(bot, params);
      required(params, 'action');
      // Parley shows one action, typing; the others (upload_photo, …) are accepted and shown as typing.
      value(await delivery.setTyping.execute({ actorId: bot.user.id, conversationId: conversation.id, typing: true }));
      return true;
    },
    leavechat: async (bot, params) => {
      const conversation = await chat(bot, params);
      value(await conversations.leaveConversation.execute({ actorId: bot.user.id, conversationId: conversation.id }));
      return true;
    },
    getchat: async (bot, params) => {
      const conversation = await chat(bot, params);
      const described = value(await bots.describeBotChat.execute({ principal: bot, conversation }));
      return { ...tgChat(described), ...(described.description ? { description: described.description } : {}) };
    },
    getchatmember: async (bot, params) => {
      const conversation = await chat(bot, params);
      const member = value(await bots.describeBotChatMember.execute({ conversation, userNumber: params.user_id }));
      return tgMember(member.user, member.status);
    },
    getchatadministrators: async (bot, params) => {
      const conversation = await chat(bot, params);
      return value(await bots.listBotChatAdministrators.execute({ conversation })).map((m) =>
        tgMember(m.user, m.status),
      );
    },
    forwardmessage: async (bot, params) => {
      const to = await chat(bot, params);
      const from = await chat(bot, { chat_id: params.from_chat_id });
      const messageId = await messageIn(from.id, params);
      const forwarded = value(
        await messaging.forwardMessage.execute({ actorId: bot.user.id, messageId, toConversationId: to.id }),
      );
      return view(bot, forwarded.message.id);
    },
    copymessage: async (bot, params) => {
      const to = await chat(bot, params);
      const from = await chat(bot, { chat_id: params.from_chat_id });
      const original = value(
        await messaging.getMessage.execute({
          actorId: bot.user.id,
          conversationId: from.id,
          messageId: await messageIn(from.id, params),
        }),
      );
      if (!original.content) throw new BotApiError(400, 'Bad Request: the message has no text to copy');
      const sent = value(
        await messaging.sendMessage.execute({
          actorId: bot.user.id,
          conversationId: to.id,
          content: original.content,
          ...(flag(params.disable_notification) ? { silent: true } : {}),
          ...(params.reply_markup !== undefined ? { replyMarkup: json(params.reply_markup) } : {}),
        }),
      );
      const message = sentMessage(sent);
      if (!message) throw new BotApiError(400, 'Bad Request: the message is held for review');
      return { message_id: message.seq };
    },
    pinchatmessage: async (bot, params) => {
      const conversation = await chat(bot, params);
      const messageId = await messageIn(conversation.id, params);
      value(
        await messaging.pinMessage.execute({
          actorId: bot.user.id,
          conversationId: conversation.id,
          messageId,
          pinned: true,
        }),
      );
      return true;
    },
    unpinchatmessage: async (bot, params) => {
      const conversation = await chat(bot, params);
      const messageId = await messageIn(conversation.id, params);
      value(
        await messaging.pinMessage.execute({
          actorId: bot.user.id,
          conversationId: conversation.id,
          messageId,
          pinned: false,
        }),
      );
      return true;
    },
    banchatmember: async (bot, params) => {
      const conversation = await chat(bot, params);
      const userId = value(await bots.userOfNumber.execute({ userNumber: params.user_id }));
      const until = Number(params.until_date ?? 0);
      value(
        await conversations.banParticipant.execute({
          actorId: bot.user.id,
          conversationId: conversation.id,
          userId,
          ...(until > 0 ? { until: new Date(until * 1000).toISOString() } : {}),
        }),
      );
      return true;
    },
    unbanchatmember: async (bot, params) => {
      const conversation = await chat(bot, params);
      const userId = value(await bots.userOfNumber.execute({ userNumber: params.user_id }));
      value(
        await conversations.unbanParticipant.execute({ actorId: bot.user.id, conversationId: conversation.id, userId }),
      );
      return true;
    },
    setmessagereaction: async (bot, params) => {
      const conversation = await chat(bot, params);
      const messageId = await messageIn(conversation.id, params);
      const wanted = ((json(params.reaction) as { emoji?: string }[] | undefined) ?? [])[0]?.emoji;
      const mine = value(
        await messaging.getMessage.execute({ actorId: bot.user.id, conversationId: conversation.id, messageId }),
      ).reactions.filter((r) => r.mine);
      for (const r of mine)
        if (r.emoji !== wanted)
          value(
            await messaging.reactToMessage.execute({
              actorId: bot.user.id,
              messageId,
              emoji: r.emoji,
              action: 'remove',
            }),
          );
      if (wanted) value(await messaging.reactToMessage.execute({ actorId: bot.user.id, messageId, emoji: wanted }));
      return true;
    },
    setmycommands: async (bot, params) => {
      value(await bots.botCommands.execute({ principal: bot, commands: json(required(params, 'commands')) }));
      return true;
    },
    setwebhook: async (bot, params) =>
      value(
        await bots.setBotWebhook.execute({
          principal: bot,
          url: params.url ?? '',
          secretToken: params.secret_token,
          allowedUpdates: params.allowed_updates === undefined ? undefined : json(params.allowed_updates),
          maxConnections: params.max_connections,
          dropPendingUpdates: flag(params.drop_pending_updates),
        }),
      ),
    deletewebhook: async (bot, params) =>
      value(
        await bots.setBotWebhook.execute({
          principal: bot,
          url: '',
          dropPendingUpdates: flag(params.drop_pending_updates),
        }),
      ),
    getwebhookinfo: async (bot) => {
      const info = value(await bots.getBotWebhookInfo.execute({ principal: bot }));
      return {
        url: info.url,
        has_custom_certificate: false,
        pending_update_count: info.pendingUpdateCount,
        ...(info.maxConnections !== undefined ? { max_connections: info.maxConnections } : {}),
        ...(info.allowedUpdates ? { allowed_updates: info.allowedUpdates } : {}),
        ...(info.lastErrorAt
          ? {
              last_error_date: Math.floor(info.lastErrorAt.getTime() / 1000),
              last_error_message: info.lastErrorMessage,
            }
          : {}),
      };
    },
    getmycommands: async (bot) => value(await bots.botCommands.execute({ principal: bot })),
    deletemycommands: async (bot) => {
      value(await bots.botCommands.execute({ principal: bot, commands: [] }));
      return true;
    },
  };

  for (const name of Object.keys(methods))
    if (!SCHEMAS.has(name)) throw new Error(`the Bot API method ${name} has no parameter schema (bot-methods.ts)`);
  const router = express.Router();
  const bodies = [
    express.json({ limit: bodyLimitBytes }),
    express.urlencoded({ extended: false, limit: bodyLimitBytes }),
  ];
  router.all(/^\/bot([^/]+)\/([A-Za-z]+)$/, ...bodies, async (req: Request, res: Response) => {
    const answer = (status: number, body: unknown) => res.status(status).json(body);
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      return answer(405, { ok: false, error_code: 405, description: 'Method Not Allowed' });
    }
    try {
      const params = req.params as unknown as Record<string, string>;
      const name = String(params[1]).toLowerCase();
      const method = methods[name];
      const bot = value(await bots.authenticateBot.execute({ token: decodeURIComponent(String(params[0])) }));
      if (!method) throw new BotApiError(404, 'Not Found');
      const body = req.body as unknown;
      if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body)))
        throw new BotApiError(400, 'Bad Request: the parameters must be an object');
      const input = { ...(req.query as Params), ...((body as Params | undefined) ?? {}) };
      const checked = SCHEMAS.get(name)!.validate(input, { allowUnknown: true, convert: false });
      if (checked.error) throw new BotApiError(400, `Bad Request: ${checked.error.message}`);
      answer(200, { ok: true, result: await method(bot, input) });
    } catch (error) {
      const failure =
        error instanceof BotApiError ? error : new BotApiError(500, 'Internal Server Error: something went wrong');
      if (!(error instanceof BotApiError)) logger.error('bot api call failed', { error: String(error) });
      answer(failure.code, {
        ok: false,
        error_code: failure.code,
        description: failure.description,
        ...(failure.retryAfter ? { parameters: { retry_after: failure.retryAfter } } : {}),
      });
    }
  });
  // A body the parsers could not read (broken JSON, too large): Telegram's shape, not the REST API's.
  router.use(/^\/bot[^/]+\/.*$/, (error: { status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    const code = error.status === 413 ? 413 : 400;
    const description = code === 413 ? 'Request Entity Too Large' : "Bad Request: can't parse the request body";
    res.status(code).json({ ok: false, error_code: code, description });
  });
  // Files and anything else under /bot<token>/… that is no method: as Telegram, 404.
  router.all(/^\/bot[^/]+\/.*$/, (_req, res) => {
    res.status(404).json({ ok: false, error_code: 404, description: 'Not Found' });
  });
  return router;
}
