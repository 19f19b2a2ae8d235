import type { Ports } from '../../../ports.js';
import type { BotMemberStatus } from '../domain/bot-update.js';
import { wakeWebhook } from './deliver-to-bots.js';

export type BotMembershipDeps = Pick<Ports, 'bots' | 'botUpdates' | 'jobs' | 'clock'>;

/** A participant's role as the Bot API names a member's status. */
export const botMemberStatus = (role: string): BotMemberStatus =>
  role === 'owner' ? 'creator' : role === 'admin' ? 'administrator' : 'member';

/**
 * Tells a bot its own membership changed (`my_chat_member`): added to a conversation, made an admin, removed or
 * banned. Does nothing for a person.
 */
export async function tellBotOfMembership(
  deps: BotMembershipDeps,
  input: { conversationId: string; userId: string; actorId: string; from: BotMemberStatus; to: BotMemberStatus },
): Promise<void> {
  const bot = await deps.bots.findByUserId(input.userId);
  if (!bot) return;
  const now = deps.clock.now();
  const queued = await deps.botUpdates.append({
    botId: bot.userId,
    key: `member:${input.conversationId}:${now.getTime()}:${input.to}`,
    kind: 'my_chat_member',
    conversationId: input.conversationId,
    messageId: null,
    createdAt: now,
    change: { actorId: input.actorId, from: input.from, to: input.to },
  });
  await wakeWebhook(deps, bot, queued);
}
