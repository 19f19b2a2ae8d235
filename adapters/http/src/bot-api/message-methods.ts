import { sentMessage, type BotPrincipal } from '@parley/core';
import { BotApiError, parleyText } from './telegram.js';
import {
  flag,
  json,
  required,
  value,
  type BotApiModules,
  type Method,
  type MethodKit,
  type Params,
} from './method-kit.js';

/** The Bot API's methods on messages: sending, editing, deleting, forwarding, copying, pinning, reacting, buttons. */
export function messageMethods(modules: BotApiModules, kit: MethodKit): Record<string, Method> {
  const { bots, messaging } = modules;
  const { chat, messageIn, view, markup, send } = kit;
  /** pinChatMessage and unpinChatMessage: as the bot's role allows. */
  const pin = async (bot: BotPrincipal, params: Params, pinned: boolean) => {
    const conversation = await chat(bot, params);
    const messageId = await messageIn(conversation.id, params);
    value(
      await messaging.pinMessage.execute({ actorId: bot.user.id, conversationId: conversation.id, messageId, pinned }),
    );
    return true;
  };
  return {
    sendmessage: async (bot, params) => {
      const conversation = await chat(bot, params);
      return send(bot, conversation.id, params, parleyText(String(required(params, 'text')), params.parse_mode));
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
    pinchatmessage: (bot, params) => pin(bot, params, true),
    unpinchatmessage: (bot, params) => pin(bot, params, false),
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
  };
}
