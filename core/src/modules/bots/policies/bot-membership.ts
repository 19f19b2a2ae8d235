import type { Ports } from '../../../ports.js';
import type { BotMemberStatus } from '../domain/bot-update.js';
import { wakeWebhook } from './deliver-to-bots.js';

export type BotMembershipDeps = Pick<Ports, 'bots' | 'botUpdates' | 'botChats' | 'jobs' | 'clock'>;

/** A participant's role as the Bot API names a member's status. */
export const botMemberStatus = (role: string): BotMemberStatus =>
  role === 'owner' ? 'creator' : role === 'admin' ? 'administrator' : 'member';

/**
 * A membership changed: a bot whose own it is hears `my_chat_member` (added, made an admin or not, removed, banned)
 * and its status in the chat is recorded; the chat's admin bots hear `chat_member` of anyone else's (they ask for
 * it by name in allowed_updates, as on Telegram).
 */
export async function tellBotOfMembership(
  deps: BotMembershipDeps,
  input: { conversationId: string; userId: string; actorId: string; from: BotMemberStatus; to: BotMemberStatus },
): Promise<void> {
  const now = deps.clock.now();
  const change = { actorId: input.actorId, from: input.from, to: input.to };
  const bot = await deps.bots.findByUserId(input.userId);
  if (bot) {
    await deps.botChats.save({
      botId: bot.userId,
      conversationId: input.conversationId,
      status: input.to,
      updatedAt: now,
    });
    const queued = await deps.botUpdates.append({
      botId: bot.userId,
      key: `member:${input.conversationId}:${now.getTime()}:${input.to}`,
      kind: 'my_chat_member',
      conversationId: input.conversationId,
      messageId: null,
      createdAt: now,
      change,
    });
    await wakeWebhook(deps, bot, queued);
  }
  for (const adminId of await deps.botChats.listAdmins(input.conversationId)) {
    if (adminId === input.userId) continue;
    await tellAdminBot(deps, adminId, {
      key: `chat_member:${input.conversationId}:${input.userId}:${now.getTime()}:${input.to}`,
      kind: 'chat_member',
      conversationId: input.conversationId,
      messageId: null,
      createdAt: now,
      change: { ...change, userId: input.userId },
    });
  }
}

/**
 * Someone's reactions to a message changed: the chat's admin bots hear `message_reaction` (their emoji before and
 * after; opt-in by allowed_updates, as on Telegram). Bots' own reactions are not told.
 */
export async function tellBotsOfReaction(
  deps: BotMembershipDeps,
  input: {
    conversationId: string;
    messageId: string;
    userId: string;
    /** The emoji added, or removed. */
    emoji: string;
    removed: boolean;
    /** The person's emoji on the message now (read only when an admin bot is there to hear it). */
    mine: () => Promise<string[]>;
  },
): Promise<void> {
  const admins = await deps.botChats.listAdmins(input.conversationId);
  if (admins.length === 0 || (await deps.bots.findByUserId(input.userId))) return;
  const after = await input.mine();
  const before = input.removed ? [...after, input.emoji] : after.filter((e) => e !== input.emoji);
  const now = deps.clock.now();
  for (const adminId of admins) {
    await tellAdminBot(deps, adminId, {
      key: `reaction:${input.messageId}:${input.userId}:${now.getTime()}:${after.join(',')}`,
      kind: 'message_reaction',
      conversationId: input.conversationId,
      messageId: input.messageId,
      createdAt: now,
      reaction: { userId: input.userId, old: before, new: after },
    });
  }
}

async function tellAdminBot(
  deps: BotMembershipDeps,
  botId: string,
  update: Omit<Parameters<BotMembershipDeps['botUpdates']['append']>[0], 'botId'>,
): Promise<void> {
  const bot = await deps.bots.findByUserId(botId);
  if (!bot) return;
  await wakeWebhook(deps, bot, await deps.botUpdates.append({ botId, ...update }));
}
