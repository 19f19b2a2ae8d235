import type {
  BotPrincipal,
  BotsModule,
  ConversationsModule,
  DeliveryModule,
  DomainError,
  MediaModule,
  MessagingModule,
  Result,
} from '@parley/core';
import { sentMessage, tgMessage } from '@parley/core';
import { BotApiError, fromDomain } from './telegram.js';

export interface BotApiModules {
  bots: BotsModule;
  messaging: MessagingModule;
  conversations: ConversationsModule;
  delivery: DeliveryModule;
  media: MediaModule;
}

/** A file uploaded with the call (multipart/form-data), by its part's name. */
export interface UploadedFile {
  bytes: Uint8Array;
  filename: string;
  contentType: string;
}
export type Files = Record<string, UploadedFile>;

export type Params = Record<string, unknown>;
/** One Bot API method: run as the bot, on its (validated) parameters and uploaded files; answers the `result`. */
export type Method = (bot: BotPrincipal, params: Params, files: Files) => Promise<unknown>;

/** The value of a result, or the Bot API error it is. */
export function value<T>(result: Result<T, DomainError>): T {
  if (!result.ok) throw fromDomain(result.error);
  return result.value;
}

/** A parameter that may come as JSON text (query strings and forms carry objects that way). */
export function json(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw new BotApiError(400, "Bad Request: can't parse JSON object");
  }
}

export const required = (params: Params, name: string): unknown => {
  const raw = params[name];
  if (raw === undefined || raw === null || raw === '') throw new BotApiError(400, `Bad Request: ${name} is required`);
  return raw;
};

export const flag = (raw: unknown): boolean => raw === true || raw === 'true' || raw === '1';

/** What most methods do first: the chat they name (one the bot is in), the message in it, the answer's view. */
export function methodKit(modules: BotApiModules) {
  const { bots, messaging } = modules;
  const messageIn = async (conversationId: string, params: Params) =>
    value(await bots.findBotMessage.execute({ conversationId, messageNumber: required(params, 'message_id') }));
  const view = async (bot: BotPrincipal, messageId: string) =>
    tgMessage(value(await bots.viewBotMessage.execute({ principal: bot, messageId })));
  return {
    chat: async (bot: BotPrincipal, params: Params) =>
      value(await bots.resolveBotChat.execute({ principal: bot, chatId: required(params, 'chat_id') })),
    messageIn,
    view,
    /**
     * Sends as the bot what a send method says (text or caption, attachments) with the options every send method
     * shares: a reply (reply_parameters or reply_to_message_id), disable_notification, reply_markup; answers the
     * message as the Bot API shows it.
     */
    send: async (
      bot: BotPrincipal,
      conversationId: string,
      params: Params,
      what: { content?: string; parseMode?: 'plain' | 'markdown'; attachmentIds?: string[] },
    ) => {
      const replyParameters = json(params.reply_parameters) as { message_id?: unknown } | undefined;
      const replyNumber = replyParameters?.message_id ?? params.reply_to_message_id;
      const replyToId =
        replyNumber === undefined ? undefined : await messageIn(conversationId, { message_id: replyNumber });
      const sent = value(
        await messaging.sendMessage.execute({
          actorId: bot.user.id,
          conversationId,
          ...what,
          ...(replyToId ? { replyToId } : {}),
          ...(flag(params.disable_notification) ? { silent: true } : {}),
          ...(params.reply_markup !== undefined ? { replyMarkup: json(params.reply_markup) } : {}),
        }),
      );
      const message = sentMessage(sent);
      if (!message) throw new BotApiError(400, 'Bad Request: the message is held for review');
      return view(bot, message.id);
    },
    markup: async (bot: BotPrincipal, conversationId: string, messageId: string, raw: unknown) =>
      value(
        await messaging.setReplyMarkup.execute({
          actorId: bot.user.id,
          conversationId,
          messageId,
          replyMarkup: json(raw) ?? null,
        }),
      ),
  };
}

export type MethodKit = ReturnType<typeof methodKit>;
