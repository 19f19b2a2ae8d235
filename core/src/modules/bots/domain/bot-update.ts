/** The kinds of update a bot receives, as the Bot API names them. */
export type BotUpdateKind =
  | 'message'
  | 'edited_message'
  | 'channel_post'
  | 'edited_channel_post'
  | 'callback_query'
  | 'my_chat_member'
  | 'chat_member'
  | 'message_reaction';

export const BOT_UPDATE_KINDS: readonly BotUpdateKind[] = [
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'callback_query',
  'my_chat_member',
  'chat_member',
  'message_reaction',
];

/** A member's status as the Bot API names it. */
export type BotMemberStatus = 'creator' | 'administrator' | 'member' | 'left' | 'kicked';

/**
 * Something that happened that a bot should hear of, in its queue: numbered densely per bot (`updateId`), at
 * most once per `key` (what it is about: a job that runs twice queues it once). What it points at is read when
 * the bot asks, so an edit made since shows.
 */
export interface BotUpdate {
  botId: string;
  updateId: number;
  /** What the update is about, unique per bot (e.g. `message:<id>`). */
  key: string;
  kind: BotUpdateKind;
  conversationId: string;
  messageId: string | null;
  createdAt: Date;
  /**
   * A membership update: who changed it, and the status before and after, of the bot itself (`my_chat_member`) or
   * of the member `userId` (`chat_member`).
   */
  change?: { actorId: string; from: BotMemberStatus; to: BotMemberStatus; userId?: string } | null;
  /** A reaction changed (`message_reaction`, on `messageId`): whose, and their emoji before and after. */
  reaction?: { userId: string; old: string[]; new: string[] } | null;
  /** A button pressed under the bot's message (`messageId`): the query's id, who pressed it, its data. */
  callback?: { queryId: string; fromId: string; data: string } | null;
}
