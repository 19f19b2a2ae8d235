import Joi from 'joi';
import { HTTP_URL, text } from '../schema-kit.js';

/**
 * Each Bot API method's parameters, as the Bot API takes them: a JSON body, a form or a query string (where every
 * value is text, so numbers and booleans come as digits or `true`/`false`, and objects as JSON text). The server
 * validates with these, and the Bot API's OpenAPI document (/api/bot-api.json) is written from them. Parameters a
 * method does not name are ignored, as on Telegram.
 */
const integer = Joi.alternatives(Joi.number().integer(), text(1, 17, /^-?\d{1,16}$/));
const boolean = Joi.alternatives(Joi.boolean(), Joi.string().valid('true', 'false', '1', '0'));
const chatId = Joi.alternatives(Joi.number().integer(), text(1, 33, /^(-?\d{1,16}|@[A-Za-z0-9_]{3,32})$/)).description(
  'A number (a person: the private chat with them; a group or channel: below -10^12) or @username',
);
/** An object, or its JSON text (forms and query strings). */
const json = (schema: Joi.Schema) => Joi.alternatives(schema, text(2, 65_536));
const messageText = text(1, 4096);
const keyboard = json(
  Joi.object({
    inline_keyboard: Joi.array()
      .max(100)
      .items(
        Joi.array()
          .max(100)
          .items(
            Joi.object({
              text: text(1, 64).required(),
              callback_data: text(1, 64),
              url: text(8, 2048, HTTP_URL),
            }).unknown(true),
          ),
      )
      .required(),
  }).unknown(true),
).description('An inline keyboard: rows of buttons, each with callback_data or a url');
const messageId = integer.description("The message's number in its chat");
const kinds = json(Joi.array().max(20).items(text(1, 32)));

export interface BotMethod {
  summary: string;
  params: Joi.ObjectSchema;
  /** What `result` is, for the document. */
  result: Joi.Schema;
  /** Parameters that may instead be uploaded as a part of multipart/form-data, under their own name. */
  files?: string[];
}

const User = Joi.object({
  id: Joi.number().integer().required(),
  is_bot: Joi.boolean().required(),
  first_name: Joi.string().required(),
  username: Joi.string(),
}).unknown(true);
const BotMessage = Joi.object({
  message_id: Joi.number().integer().required(),
  date: Joi.number().integer().required(),
  chat: Joi.object({ id: Joi.number().integer().required(), type: Joi.string().required() }).unknown(true).required(),
}).unknown(true);
const done = Joi.boolean().valid(true);
/** A file to send: a file_id seen before, or attach://<part> naming an uploaded part (or upload it under its name). */
const inputFile = text(1, 256).description(
  'A file_id to send again, or attach://<name> naming a multipart part; or upload the file as a part of its own name',
);
/** What every send method takes beside its content. */
const sendOptions = {
  chat_id: chatId.required(),
  reply_to_message_id: messageId,
  reply_parameters: json(Joi.object({ message_id: messageId.required() }).unknown(true)),
  disable_notification: boolean,
  reply_markup: keyboard,
};
const captioned = { caption: text(0, 1024), parse_mode: text(1, 16) };
const none = Joi.object({});

const Chat = Joi.object({ id: Joi.number().integer().required(), type: Joi.string().required() }).unknown(true);
const Member = Joi.object({ user: User.required(), status: Joi.string().required() }).unknown(true);
const userId = integer.description("A person's number (from, or a mention)");

export const BOT_METHODS: Record<string, BotMethod> = {
  getMe: { summary: 'The bot itself', params: none, result: User },
  getUpdates: {
    summary: 'Queued updates, waiting up to timeout seconds for one (long polling); offset confirms what is before it',
    params: Joi.object({ offset: integer, limit: integer, timeout: integer, allowed_updates: kinds }),
    result: Joi.array().items(Joi.object({ update_id: Joi.number().integer().required() }).unknown(true)),
  },
  sendMessage: {
    summary: 'Send a text message',
    params: Joi.object({ ...sendOptions, text: messageText.required(), parse_mode: text(1, 16) }),
    result: BotMessage,
  },
  sendPhoto: {
    summary: 'Send a photo (PNG, JPEG, GIF or WebP): uploaded, or a file_id again; with a caption',
    params: Joi.object({ ...sendOptions, ...captioned, photo: inputFile }),
    result: BotMessage,
    files: ['photo'],
  },
  sendDocument: {
    summary: 'Send a file: uploaded, or a file_id again; with a caption',
    params: Joi.object({ ...sendOptions, ...captioned, document: inputFile }),
    result: BotMessage,
    files: ['document'],
  },
  getFile: {
    summary: 'A file the bot may read, with its file_path: download it from /file/bot<token>/<file_path>',
    params: Joi.object({ file_id: text(1, 256).required() }),
    result: Joi.object({
      file_id: Joi.string().required(),
      file_unique_id: Joi.string().required(),
      file_size: Joi.number().integer(),
      file_path: Joi.string(),
    }),
  },
  editMessageText: {
    summary: "Change the text of the bot's message",
    params: Joi.object({
      chat_id: chatId.required(),
      message_id: messageId.required(),
      text: messageText.required(),
      parse_mode: text(1, 16),
      reply_markup: keyboard,
    }),
    result: BotMessage,
  },
  editMessageReplyMarkup: {
    summary: "Change or remove the buttons under the bot's message",
    params: Joi.object({ chat_id: chatId.required(), message_id: messageId.required(), reply_markup: keyboard }),
    result: BotMessage,
  },
  deleteMessage: {
    summary: 'Delete a message, as a member may',
    params: Joi.object({ chat_id: chatId.required(), message_id: messageId.required() }),
    result: done,
  },
  sendChatAction: {
    summary: 'Show the bot typing',
    params: Joi.object({ chat_id: chatId.required(), action: text(1, 32).required() }),
    result: done,
  },
  leaveChat: { summary: 'Leave a group or channel', params: Joi.object({ chat_id: chatId.required() }), result: done },
  getChat: { summary: 'A chat the bot is in', params: Joi.object({ chat_id: chatId.required() }), result: Chat },
  getChatMember: {
    summary: "Someone's status in a chat the bot is in",
    params: Joi.object({ chat_id: chatId.required(), user_id: userId.required() }),
    result: Member,
  },
  getChatAdministrators: {
    summary: 'The owner and admins of a chat the bot is in',
    params: Joi.object({ chat_id: chatId.required() }),
    result: Joi.array().items(Member),
  },
  forwardMessage: {
    summary: 'Forward a message (shown as forwarded) from one chat of the bot to another',
    params: Joi.object({
      chat_id: chatId.required(),
      from_chat_id: chatId.required(),
      message_id: messageId.required(),
      disable_notification: boolean,
    }),
    result: BotMessage,
  },
  copyMessage: {
    summary: 'Send a copy of a message (not shown as forwarded); answers its message_id',
    params: Joi.object({
      chat_id: chatId.required(),
      from_chat_id: chatId.required(),
      message_id: messageId.required(),
      disable_notification: boolean,
      reply_markup: keyboard,
    }),
    result: Joi.object({ message_id: Joi.number().integer().required() }),
  },
  pinChatMessage: {
    summary: 'Pin a message (an admin bot, or where members may pin)',
    params: Joi.object({ chat_id: chatId.required(), message_id: messageId.required(), disable_notification: boolean }),
    result: done,
  },
  unpinChatMessage: {
    summary: 'Unpin a message',
    params: Joi.object({ chat_id: chatId.required(), message_id: messageId.required() }),
    result: done,
  },
  banChatMember: {
    summary: 'Ban someone from a group or channel (an admin bot); until_date in unix seconds, 0 or absent: for good',
    params: Joi.object({ chat_id: chatId.required(), user_id: userId.required(), until_date: integer }),
    result: done,
  },
  unbanChatMember: {
    summary: 'Lift a ban (an admin bot)',
    params: Joi.object({ chat_id: chatId.required(), user_id: userId.required() }),
    result: done,
  },
  setMessageReaction: {
    summary: "Set the bot's reaction to a message: one emoji, or none",
    params: Joi.object({
      chat_id: chatId.required(),
      message_id: messageId.required(),
      reaction: json(
        Joi.array()
          .max(1)
          .items(Joi.object({ type: text(1, 16).required(), emoji: text(1, 32) }).unknown(true)),
      ),
    }),
    result: done,
  },
  answerCallbackQuery: {
    summary: 'Answer a pressed button: the text reaches the person who pressed it',
    params: Joi.object({
      callback_query_id: text(1, 128).required(),
      text: text(0, 200),
      show_alert: boolean,
    }),
    result: done,
  },
  setMyCommands: {
    summary: "Set the bot's command menu",
    params: Joi.object({
      commands: json(
        Joi.array()
          .max(100)
          .items(Joi.object({ command: text(1, 32).required(), description: text(1, 256).required() }).unknown(true)),
      ).required(),
    }),
    result: done,
  },
  getMyCommands: {
    summary: "The bot's command menu",
    params: none,
    result: Joi.array().items(Joi.object({ command: Joi.string(), description: Joi.string() })),
  },
  deleteMyCommands: { summary: "Clear the bot's command menu", params: none, result: done },
  setWebhook: {
    summary: 'Post updates to this HTTPS URL (an empty url removes it)',
    params: Joi.object({
      url: text(0, 2048),
      secret_token: text(1, 256),
      allowed_updates: kinds,
      max_connections: integer,
      drop_pending_updates: boolean,
    }),
    result: done,
  },
  deleteWebhook: {
    summary: 'Stop posting updates; they wait for getUpdates again',
    params: Joi.object({ drop_pending_updates: boolean }),
    result: done,
  },
  getWebhookInfo: {
    summary: 'Where updates are posted, how many wait, the last error',
    params: none,
    result: Joi.object({
      url: Joi.string().allow('').required(),
      has_custom_certificate: Joi.boolean().required(),
      pending_update_count: Joi.number().integer().required(),
    }).unknown(true),
  },
};
