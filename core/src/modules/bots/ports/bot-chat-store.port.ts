import type { BotMemberStatus } from '../domain/bot-update.js';

export const BotChatStore = Symbol.for('BotChatStore');

/** A bot's status in a chat, as its membership updates last told it. */
export interface BotChat {
  botId: string;
  conversationId: string;
  status: BotMemberStatus;
  updatedAt: Date;
}

/**
 * Which chats each bot is in, and how: kept as the bot's membership changes, so the admin bots of a chat (who hear
 * `chat_member` and `message_reaction`) are found without reading its members.
 */
export interface BotChatStore {
  /** Records the bot's status in the chat (replacing what was recorded). */
  save(chat: BotChat): Promise<void>;
  /** The bots recorded as the creator or an administrator of the chat. */
  listAdmins(conversationId: string): Promise<string[]>;
}
