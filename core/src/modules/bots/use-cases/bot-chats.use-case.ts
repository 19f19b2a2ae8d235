import { invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import type { Conversation } from '../../conversations/index.js';
import type { BotMemberStatus } from '../domain/bot-update.js';
import type { BotApiChat, BotApiUser } from '../domain/bot-view.js';
import { botMemberStatus } from '../policies/bot-membership.js';
import { botApiChat, botApiUser, type BotViewDeps } from '../policies/bot-views.js';
import type { BotPrincipal } from './bot-api.use-case.js';

/** getChat: a chat the bot is in, as the Bot API describes it. */
export class DescribeBotChat {
  constructor(private readonly deps: BotViewDeps) {}

  async execute(input: {
    principal: BotPrincipal;
    conversation: Conversation;
  }): Promise<Result<BotApiChat & { description?: string }, DomainError>> {
    const chat = await botApiChat(this.deps, input.principal.bot.userId, input.conversation);
    return ok({ ...chat, ...(input.conversation.description ? { description: input.conversation.description } : {}) });
  }
}

export interface BotApiMember {
  user: BotApiUser;
  status: BotMemberStatus;
}

/** The number a bot knows someone by as a number (1-2^40), the person's id; not found for a number nobody has. */
export async function readUserNumber(
  deps: Pick<Ports, 'numericIds'>,
  raw: unknown,
): Promise<Result<string, DomainError>> {
  const number = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(number) || number < 1) return err(invalid('user_id', 'must be a positive integer'));
  const userId = await deps.numericIds.idFor(number);
  return userId ? ok(userId) : err({ ...notFound('user'), message: 'user not found' });
}

/** Someone a bot names by number (banChatMember, unbanChatMember). */
export class UserOfNumber {
  constructor(private readonly deps: Pick<Ports, 'numericIds'>) {}

  async execute(input: { userNumber: unknown }): Promise<Result<string, DomainError>> {
    return readUserNumber(this.deps, input.userNumber);
  }
}

/** getChatMember: someone's status in a chat the bot is in (left, or banned: kicked). */
export class DescribeBotChatMember {
  constructor(private readonly deps: BotViewDeps & Pick<Ports, 'participants' | 'conversationBans'>) {}

  async execute(input: {
    conversation: Conversation;
    userNumber: unknown;
  }): Promise<Result<BotApiMember, DomainError>> {
    const userId = await readUserNumber(this.deps, input.userNumber);
    if (!userId.ok) return userId;
    const user = await this.deps.users.findById(userId.value);
    if (!user) return err({ ...notFound('user'), message: 'user not found' });
    const participant = await this.deps.participants.find(input.conversation.id, user.id);
    const banned = await this.deps.conversationBans.find(input.conversation.id, user.id);
    const status: BotMemberStatus = banned
      ? 'kicked'
      : participant?.state === 'active'
        ? botMemberStatus(participant.role)
        : 'left';
    return ok({ user: await botApiUser(this.deps, user), status });
  }
}

/** getChatAdministrators: the owner and the admins of a chat the bot is in. */
export class ListBotChatAdministrators {
  constructor(private readonly deps: BotViewDeps & Pick<Ports, 'participants'>) {}

  async execute(input: { conversation: Conversation }): Promise<Result<BotApiMember[], DomainError>> {
    const admins = (await this.deps.participants.listActive(input.conversation.id)).filter(
      (p) => p.role === 'owner' || p.role === 'admin',
    );
    const users = await this.deps.users.findManyByIds(admins.map((a) => a.userId));
    const members: BotApiMember[] = [];
    for (const admin of admins) {
      const user = users.find((u) => u.id === admin.userId);
      if (user) members.push({ user: await botApiUser(this.deps, user), status: botMemberStatus(admin.role) });
    }
    return ok(members);
  }
}
