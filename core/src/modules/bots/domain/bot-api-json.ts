import type { BotMemberStatus } from './bot-update.js';
import type { BotApiChat, BotApiFile, BotApiMessage, BotApiUpdate, BotApiUser } from './bot-view.js';

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

export const tgFile = (f: BotApiFile) => ({
  file_id: f.fileId,
  file_unique_id: f.fileUniqueId,
  file_size: f.fileSize,
  ...(f.width !== undefined ? { width: f.width, height: f.height } : {}),
  ...(f.fileName !== undefined ? { file_name: f.fileName } : {}),
  ...(f.mimeType !== undefined ? { mime_type: f.mimeType } : {}),
});

export function tgMessage(m: BotApiMessage): Record<string, unknown> {
  // With a photo or document, the text is its caption, as on Telegram.
  const captioned = m.photo !== undefined || m.document !== undefined;
  return {
    message_id: m.messageId,
    date: m.date,
    chat: tgChat(m.chat),
    ...(m.from ? { from: tgUser(m.from) } : {}),
    ...(m.text !== undefined ? { [captioned ? 'caption' : 'text']: m.text } : {}),
    ...(m.entities ? { [captioned ? 'caption_entities' : 'entities']: m.entities } : {}),
    ...(m.photo ? { photo: m.photo.map(tgFile) } : {}),
    ...(m.document ? { document: tgFile(m.document) } : {}),
    ...(m.editDate !== undefined ? { edit_date: m.editDate } : {}),
    ...(m.replyTo ? { reply_to_message: tgMessage(m.replyTo) } : {}),
    ...(m.replyMarkup ? { reply_markup: m.replyMarkup } : {}),
  };
}

/** A member's status with the fields Telegram's ChatMember of that status always has. */
export function tgMember(user: BotApiUser, status: BotMemberStatus) {
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

const emojiReactions = (emoji: string[]) => emoji.map((e) => ({ type: 'emoji', emoji: e }));

export function tgUpdate(u: BotApiUpdate): Record<string, unknown> {
  if (u.reaction)
    return {
      update_id: u.updateId,
      message_reaction: {
        chat: tgChat(u.reaction.chat),
        message_id: u.reaction.messageId,
        user: tgUser(u.reaction.user),
        date: u.reaction.date,
        old_reaction: emojiReactions(u.reaction.oldReaction),
        new_reaction: emojiReactions(u.reaction.newReaction),
      },
    };
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
  if (u.callback)
    return {
      update_id: u.updateId,
      callback_query: {
        id: u.callback.id,
        from: tgUser(u.callback.from),
        ...(u.callback.message ? { message: tgMessage(u.callback.message) } : {}),
        chat_instance: u.callback.chatInstance,
        data: u.callback.data,
      },
    };
  return { update_id: u.updateId, ...(u.message ? { [u.kind]: tgMessage(u.message) } : {}) };
}
