import type { BotMemberStatus, BotUpdateKind } from './bot-update.js';

/** Parley's people and conversations as the Bot API shows them: integer ids, Telegram's chat types. */
export interface BotApiUser {
  id: number;
  isBot: boolean;
  firstName: string;
  username: string;
}

export type BotChatType = 'private' | 'group' | 'supergroup' | 'channel';

export interface BotApiChat {
  id: number;
  type: BotChatType;
  /** Groups and channels. */
  title?: string;
  /** Public ones, and people. */
  username?: string;
  /** A private chat: the person. */
  firstName?: string;
}

/** A span of a message's text (UTF-16 offsets), as the Bot API's MessageEntity. */
export interface BotApiEntity {
  type: 'bold' | 'italic' | 'code' | 'pre' | 'mention' | 'url' | 'hashtag' | 'bot_command';
  offset: number;
  length: number;
}

/** A file as the Bot API names it: file_id (Parley's media id; send it again, or getFile it) and its facts. */
export interface BotApiFile {
  fileId: string;
  fileUniqueId: string;
  fileSize: number;
  /** Photos. */
  width?: number;
  height?: number;
  /** Documents. */
  fileName?: string;
  mimeType?: string;
}

export interface BotApiMessage {
  /** The message's seq in its conversation (Telegram numbers messages per chat). */
  messageId: number;
  /** Unix seconds. */
  date: number;
  chat: BotApiChat;
  /** Absent for a channel's posts. */
  from?: BotApiUser;
  /** The text; with a photo or document, its caption. */
  text?: string;
  entities?: BotApiEntity[];
  /** An image attached (its one size: the original). */
  photo?: BotApiFile[];
  /** A file attached that is no image. */
  document?: BotApiFile;
  editDate?: number;
  replyTo?: BotApiMessage;
  /** Buttons under it, in the Bot API's own words. */
  replyMarkup?: { inline_keyboard: { text: string; callback_data?: string; url?: string }[][] };
}

/** A membership change (`my_chat_member`): in which chat, by whom, the member and its status before and after. */
export interface BotApiMemberChange {
  chat: BotApiChat;
  from: BotApiUser;
  date: number;
  user: BotApiUser;
  oldStatus: BotMemberStatus;
  newStatus: BotMemberStatus;
}

/** A button pressed (`callback_query`): the query's id, who pressed it, under which message, its data. */
export interface BotApiCallback {
  id: string;
  from: BotApiUser;
  message?: BotApiMessage;
  /** Telegram's chat_instance: the chat, for games' high scores; here the conversation's id. */
  chatInstance: string;
  data: string;
}

/** Someone's reactions to a message changed (`message_reaction`): their emoji before and after. */
export interface BotApiReactionChange {
  chat: BotApiChat;
  messageId: number;
  user: BotApiUser;
  date: number;
  oldReaction: string[];
  newReaction: string[];
}

export interface BotApiUpdate {
  updateId: number;
  kind: BotUpdateKind;
  message?: BotApiMessage;
  member?: BotApiMemberChange;
  callback?: BotApiCallback;
  reaction?: BotApiReactionChange;
}

/**
 * Chats are numbered as Telegram does it: a private chat by the person's number (positive), a group or channel
 * by its conversation's number below -10^12 (Telegram's supergroups and channels are the -100… range).
 */
export const GROUP_CHAT_OFFSET = 1_000_000_000_000;
export const groupChatId = (conversationNumber: number): number => -(GROUP_CHAT_OFFSET + conversationNumber);
/** The conversation number of a group or channel chat id, or null for a private one. */
export const conversationNumberOf = (chatId: number): number | null =>
  chatId < -GROUP_CHAT_OFFSET ? -chatId - GROUP_CHAT_OFFSET : null;
