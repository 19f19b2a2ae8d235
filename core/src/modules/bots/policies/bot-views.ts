import type { Conversation } from '../../conversations/index.js';
import type { User } from '../../identity/index.js';
import type { Message } from '../../messaging/index.js';
import { isAttachable, type Media } from '../../media/index.js';
import type { Ports } from '../../../ports.js';
import {
  groupChatId,
  type BotApiChat,
  type BotApiEntity,
  type BotApiFile,
  type BotApiMessage,
  type BotApiUpdate,
  type BotApiUser,
} from '../domain/bot-view.js';
import type { BotUpdate } from '../domain/bot-update.js';

export type BotViewDeps = Pick<Ports, 'numericIds' | 'users' | 'messages' | 'media'>;

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

export async function botApiUser(deps: BotViewDeps, user: User): Promise<BotApiUser> {
  return {
    id: await deps.numericIds.numberFor(user.id),
    isBot: user.isBot === true,
    firstName: user.displayName,
    username: user.username,
  };
}

/** Someone whose account is gone, as the Bot API shows them. */
const deletedAccount = (id: number): BotApiUser => ({ id, isBot: false, firstName: 'Deleted account', username: '' });

/** The chat a conversation is for the bot: a private chat is named after the other person in it. */
export async function botApiChat(deps: BotViewDeps, botId: string, conversation: Conversation): Promise<BotApiChat> {
  if (conversation.kind === 'direct') {
    const otherId = conversation.directKey?.split(':').find((id) => id !== botId) ?? botId;
    const other = await deps.users.findById(otherId);
    return {
      id: await deps.numericIds.numberFor(otherId),
      type: 'private',
      firstName: other?.displayName ?? 'Deleted account',
      ...(other ? { username: other.username } : {}),
    };
  }
  return {
    id: groupChatId(await deps.numericIds.numberFor(conversation.id)),
    type: conversation.kind === 'channel' ? 'channel' : 'supergroup',
    title: conversation.name ?? '',
    ...(conversation.username ? { username: conversation.username } : {}),
  };
}

/** A media file as the Bot API shows it. */
export function botApiFile(media: Media): BotApiFile {
  const base = { fileId: media.id, fileUniqueId: media.id, fileSize: media.size };
  return media.kind === 'image'
    ? { ...base, width: media.width ?? 0, height: media.height ?? 0 }
    : { ...base, fileName: media.filename, mimeType: media.contentType };
}

/** A message's attachment as Telegram's one per message: its first image as the photo, else its first file. */
async function attachmentOf(deps: BotViewDeps, message: Message): Promise<Pick<BotApiMessage, 'photo' | 'document'>> {
  if (message.attachmentIds.length === 0 || message.deletedAt) return {};
  const media = (await deps.media.findManyByIds(message.attachmentIds)).filter(isAttachable);
  const image = media.find((m) => m.kind === 'image');
  if (image) return { photo: [botApiFile(image)] };
  return media[0] ? { document: botApiFile(media[0]) } : {};
}

const COMMAND = /(?<![\w/])\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w@])/g;

/** The message's entities, and its commands (`/start`, `/help@some_bot`), which the Bot API marks too. */
function entitiesOf(message: Message): BotApiEntity[] {
  const text = message.content ?? '';
  const entities: BotApiEntity[] = (message.metadata.entities ?? []).map(({ type, offset, length }) => ({
    type,
    offset,
    length,
  }));
  for (const match of text.matchAll(COMMAND))
    entities.push({ type: 'bot_command', offset: match.index, length: match[0].length });
  return entities.sort((a, b) => a.offset - b.offset);
}

/** A message as the bot sees it (with what it replies to, one level deep, as Telegram does). */
export async function botApiMessage(
  deps: BotViewDeps,
  botId: string,
  conversation: Conversation,
  message: Message,
  depth = 0,
): Promise<BotApiMessage> {
  const [chat, sender] = await Promise.all([
    botApiChat(deps, botId, conversation),
    conversation.kind === 'channel' ? null : deps.users.findById(message.senderId),
  ]);
  const replied = message.replyToId && depth === 0 ? await deps.messages.findById(message.replyToId) : null;
  return {
    ...(await attachmentOf(deps, message)),
    messageId: message.seq,
    date: seconds(message.createdAt),
    chat,
    ...(sender ? { from: await botApiUser(deps, sender) } : {}),
    ...(message.content !== null && !message.deletedAt ? { text: message.content } : {}),
    ...(message.content && !message.deletedAt && entitiesOf(message).length ? { entities: entitiesOf(message) } : {}),
    ...(message.editedAt ? { editDate: seconds(message.editedAt) } : {}),
    ...(message.replyMarkup && !message.deletedAt
      ? {
          replyMarkup: {
            inline_keyboard: message.replyMarkup.inlineKeyboard.map((row) =>
              row.map((b) => ({
                text: b.text,
                ...(b.callbackData !== undefined ? { callback_data: b.callbackData } : { url: b.url }),
              })),
            ),
          },
        }
      : {}),
    ...(replied && !replied.deletedAt
      ? { replyTo: await botApiMessage(deps, botId, conversation, replied, depth + 1) }
      : {}),
  };
}

/** A bot's updates as the Bot API shows them: each message as it is now, each membership change with its chat. */
export async function botApiUpdates(
  deps: BotViewDeps & Pick<Ports, 'conversations'>,
  bot: { bot: { userId: string }; user: User },
  updates: readonly BotUpdate[],
): Promise<BotApiUpdate[]> {
  const views: BotApiUpdate[] = [];
  const messages = await deps.messages.findManyByIds(updates.flatMap((u) => (u.messageId ? [u.messageId] : [])));
  const conversations = await deps.conversations.findManyByIds([...new Set(updates.map((u) => u.conversationId))]);
  for (const update of updates) {
    const conversation = conversations.find((c) => c.id === update.conversationId);
    const message = messages.find((m) => m.id === update.messageId);
    const view: BotApiUpdate = { updateId: update.updateId, kind: update.kind };
    // What it was about is gone (deleted since): the update still counts, with nothing to show.
    const shown = conversation && message && !message.deletedAt;
    if (update.callback) {
      const presser = await deps.users.findById(update.callback.fromId);
      if (presser)
        view.callback = {
          id: update.callback.queryId,
          from: await botApiUser(deps, presser),
          ...(shown ? { message: await botApiMessage(deps, bot.bot.userId, conversation, message) } : {}),
          chatInstance: update.conversationId,
          data: update.callback.data,
        };
    } else if (shown && !update.reaction)
      view.message = await botApiMessage(deps, bot.bot.userId, conversation, message);
    const date = Math.floor(update.createdAt.getTime() / 1000);
    if (conversation && update.change) {
      const [actor, member] = await Promise.all([
        deps.users.findById(update.change.actorId),
        update.change.userId ? deps.users.findById(update.change.userId) : bot.user,
      ]);
      view.member = {
        chat: await botApiChat(deps, bot.bot.userId, conversation),
        from: await botApiUser(deps, actor ?? bot.user),
        date,
        user: member
          ? await botApiUser(deps, member)
          : deletedAccount(await deps.numericIds.numberFor(update.change.userId!)),
        oldStatus: update.change.from,
        newStatus: update.change.to,
      };
    }
    if (conversation && message && update.reaction) {
      const reactor = await deps.users.findById(update.reaction.userId);
      view.reaction = {
        chat: await botApiChat(deps, bot.bot.userId, conversation),
        messageId: message.seq,
        user: reactor
          ? await botApiUser(deps, reactor)
          : deletedAccount(await deps.numericIds.numberFor(update.reaction.userId)),
        date,
        oldReaction: update.reaction.old,
        newReaction: update.reaction.new,
      };
    }
    views.push(view);
  }
  return views;
}
