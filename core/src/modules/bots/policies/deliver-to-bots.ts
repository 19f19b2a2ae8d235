import type { Conversation, Participant } from '../../conversations/index.js';
import type { User } from '../../identity/index.js';
import type { Message } from '../../messaging/index.js';
import type { Ports } from '../../../ports.js';
import type { Bot } from '../domain/bot.js';

export type DeliverToBotsDeps = Pick<Ports, 'bots' | 'botUpdates' | 'messages' | 'jobs' | 'clock'>;

/**
 * Whether a bot in a group hears a message: with privacy mode off, or as an admin, everything; otherwise
 * commands (`/cmd`, `/cmd@thisbot`; a command for another bot is not its), replies to its own messages and
 * mentions of it. In a private chat, everything; in a channel, the posts, if it is an admin.
 */
export async function botHears(
  deps: Pick<Ports, 'messages'>,
  bot: Bot,
  botUser: User,
  participant: Participant,
  conversation: Conversation,
  message: Message,
): Promise<boolean> {
  const admin = participant.role === 'owner' || participant.role === 'admin';
  if (conversation.kind === 'direct') return true;
  if (conversation.kind === 'channel') return admin;
  if (!bot.privacy || admin) return true;
  const text = message.content ?? '';
  const command = /^\/[A-Za-z0-9_]{1,32}(?:@([A-Za-z0-9_]{3,32}))?(?:\s|$)/.exec(text);
  if (command) return !command[1] || command[1].toLowerCase() === botUser.username;
  if (message.metadata.mentions.includes(bot.userId)) return true;
  if (new RegExp(`(^|[^\\w])@${botUser.username}\\b`, 'i').test(text)) return true;
  if (!message.replyToId) return false;
  return (await deps.messages.findById(message.replyToId))?.senderId === bot.userId;
}

/**
 * Queues the message for each bot in the conversation that hears it (not for its sender, nor from another bot:
 * bots do not hear bots, as on Telegram). Once per bot and message, however often the job runs.
 */
export async function deliverToBots(
  deps: DeliverToBotsDeps,
  input: {
    conversation: Conversation;
    sender: User | null;
    bots: { user: User; participant: Participant }[];
    read: () => Promise<Message | null>;
  },
): Promise<void> {
  if (input.bots.length === 0 || input.sender?.isBot) return;
  const message = await input.read();
  if (!message) return;
  for (const { user, participant } of input.bots) {
    if (user.id === message.senderId) continue;
    const bot = await deps.bots.findByUserId(user.id);
    if (!bot || !(await botHears(deps, bot, user, participant, input.conversation, message))) continue;
    const queued = await deps.botUpdates.append({
      botId: bot.userId,
      key: `message:${message.id}`,
      kind: input.conversation.kind === 'channel' ? 'channel_post' : 'message',
      conversationId: message.conversationId,
      messageId: message.id,
      createdAt: deps.clock.now(),
    });
    await wakeWebhook(deps, bot, queued);
  }
}

/** A bot with a webhook gets a delivery job for what was just queued for it (nothing if it was queued before). */
export async function wakeWebhook(
  deps: Pick<Ports, 'jobs'>,
  bot: Pick<Bot, 'userId' | 'webhook'>,
  queued: { updateId: number } | null,
): Promise<void> {
  if (!bot.webhook || !queued) return;
  await deps.jobs.enqueue('bot.webhook', { botId: bot.userId }, { id: `bot.webhook:${bot.userId}:${queued.updateId}` });
}

/**
 * A message was edited: each bot that heard it gets `edited_message` (`edited_channel_post` for a channel's post),
 * found by the update that told it, so an edit costs one indexed read, and nothing where no bot heard the message.
 * Once per bot and edit.
 */
export async function tellBotsOfEdit(
  deps: Pick<Ports, 'bots' | 'botUpdates' | 'jobs' | 'clock'>,
  message: Pick<Message, 'id' | 'conversationId' | 'editedAt'>,
): Promise<void> {
  for (const heard of await deps.botUpdates.listByKey(`message:${message.id}`)) {
    if (heard.kind !== 'message' && heard.kind !== 'channel_post') continue;
    const queued = await deps.botUpdates.append({
      botId: heard.botId,
      key: `edited:${message.id}:${message.editedAt?.getTime() ?? 0}`,
      kind: heard.kind === 'channel_post' ? 'edited_channel_post' : 'edited_message',
      conversationId: message.conversationId,
      messageId: message.id,
      createdAt: deps.clock.now(),
    });
    const bot = queued ? await deps.bots.findByUserId(heard.botId) : null;
    if (bot) await wakeWebhook(deps, bot, queued);
  }
}
