import type {
  BotPrincipal,
  BotsModule,
  ConversationsModule,
  DeliveryModule,
  DomainError,
  MessagingModule,
  Result,
} from '@parley/core';
import { tgMessage } from '@parley/core';
import { BotApiError, fromDomain } from './telegram.js';

export interface BotApiModules {
  bots: BotsModule;
  messaging: MessagingModule;
  conversations: ConversationsModule;
  delivery: DeliveryModule;
}

export type Params = Record<string, unknown>;
/** One Bot API method: run as the bot, on its (validated) parameters; answers the `result`. */
export type Method = (bot: BotPrincipal, params: Params) => Promise<unknown>;

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
  return {
    chat: async (bot: BotPrincipal, params: Params) =>
      value(await bots.resolveBotChat.execute({ principal: bot, chatId: required(params, 'chat_id') })),
    messageIn: async (conversationId: string, params: Params) =>
      value(await bots.findBotMessage.execute({ conversationId, messageNumber: required(params, 'message_id') })),
    view: async (bot: BotPrincipal, messageId: string) =>
      tgMessage(value(await bots.viewBotMessage.execute({ principal: bot, messageId }))),
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
