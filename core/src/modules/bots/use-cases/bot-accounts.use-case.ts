import { conflict, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { textProblem } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import type { User } from '../../identity/index.js';
import {
  BOT_COMMAND,
  BOT_USERNAME,
  botToken,
  botView,
  MAX_BOTS_PER_OWNER,
  MAX_COMMANDS,
  type Bot,
  type BotCommand,
  type BotView,
} from '../domain/bot.js';

type AccountDeps = Pick<
  Ports,
  'bots' | 'users' | 'numericIds' | 'tokens' | 'hasher' | 'conversations' | 'clock' | 'ids'
>;

/** The bot of this owner, with its user; not found for anyone else (whether the bot exists is not told). */
async function ownBot(
  deps: Pick<Ports, 'bots' | 'users'>,
  ownerId: string,
  botId: string,
): Promise<Result<{ bot: Bot; user: User }, DomainError>> {
  const bot = await deps.bots.findByUserId(botId);
  const user = bot && bot.ownerId === ownerId ? await deps.users.findById(bot.userId) : null;
  return bot && user ? ok({ bot, user }) : err(notFound('bot'));
}

/** A new secret: the token `<number>:<secret>` is answered once, only the secret's hash is kept. */
function newSecret(deps: Pick<Ports, 'tokens'>): { secret: string; hash: string } {
  const secret = deps.tokens
    .newRefreshSecret()
    .replace(/[^A-Za-z0-9_-]/g, '')
    .slice(0, 40);
  return { secret, hash: deps.tokens.hashRefreshSecret(secret) };
}

/**
 * A person makes a bot (BotFather's /newbot): a bot user named `…bot`, and its token, answered this once.
 * At most 20 bots per person, as Telegram.
 */
export class CreateBot {
  constructor(private readonly deps: AccountDeps) {}

  async execute(input: {
    actorId: string;
    username?: unknown;
    displayName?: unknown;
  }): Promise<Result<{ bot: BotView; token: string }, DomainError>> {
    const username = typeof input.username === 'string' ? input.username.trim().toLowerCase() : '';
    if (!BOT_USERNAME.test(username))
      return err(invalid('username', 'must be 5-32 letters, digits or underscores, start with a letter, end in "bot"'));
    const displayName = input.displayName === undefined ? username : input.displayName;
    const nameProblem = typeof displayName === 'string' ? textProblem(displayName) : 'must be a string';
    if (nameProblem || typeof displayName !== 'string' || !displayName.trim() || displayName.length > 64)
      return err(invalid('displayName', nameProblem ?? 'must be 1-64 characters'));
    if ((await this.deps.bots.listByOwner(input.actorId)).length >= MAX_BOTS_PER_OWNER)
      return err(conflict('too_many_bots', `a person may own at most ${MAX_BOTS_PER_OWNER} bots`));
    if (await this.deps.conversations.findByUsername(username))
      return err(conflict('username_taken', 'this username is taken'));
    const now = this.deps.clock.now();
    const id = this.deps.ids.next();
    const user: User = {
      id,
      // Never delivered: a bot has no mailbox and never signs in (nor resets a password).
      email: `${id}@bots.invalid`,
      username,
      displayName: displayName.trim(),
      bio: '',
      avatarMediaId: null,
      passwordHash: await this.deps.hasher.hash(newSecret(this.deps).secret),
      role: 'user',
      bannedAt: null,
      banReason: null,
      lastSeenAt: null,
      erasedAt: null,
      createdAt: now,
      updatedAt: now,
      isBot: true,
    };
    const created = await this.deps.users.create(user);
    if (!created.ok) return err(created.error);
    const { secret, hash } = newSecret(this.deps);
    const bot: Bot = {
      userId: id,
      ownerId: input.actorId,
      number: await this.deps.numericIds.numberFor(id),
      tokenHash: hash,
      tokenIssuedAt: now,
      description: '',
      commands: [],
      privacy: true,
      createdAt: now,
    };
    await this.deps.bots.create(bot);
    return ok({ bot: botView(bot, user), token: botToken(bot.number, secret) });
  }
}

/** My bots. */
export class ListBots {
  constructor(private readonly deps: Pick<Ports, 'bots' | 'users'>) {}

  async execute(input: { actorId: string }): Promise<Result<BotView[], DomainError>> {
    const bots = await this.deps.bots.listByOwner(input.actorId);
    const users = await this.deps.users.findManyByIds(bots.map((b) => b.userId));
    return ok(bots.flatMap((bot) => users.filter((u) => u.id === bot.userId).map((u) => botView(bot, u))));
  }
}

/** A new token for the bot: the old one stops at once, on every node (each Bot API call reads the bot). */
export class RenewBotToken {
  constructor(private readonly deps: Pick<Ports, 'bots' | 'users' | 'tokens' | 'clock'>) {}

  async execute(input: { actorId: string; botId: string }): Promise<Result<{ token: string }, DomainError>> {
    const own = await ownBot(this.deps, input.actorId, input.botId);
    if (!own.ok) return own;
    const { secret, hash } = newSecret(this.deps);
    await this.deps.bots.update(own.value.bot.userId, { tokenHash: hash, tokenIssuedAt: this.deps.clock.now() });
    return ok({ token: botToken(own.value.bot.number, secret) });
  }
}

/** Reads the commands a bot offers (setMyCommands, or its owner): each `/command` once, with what it does. */
export function readCommands(value: unknown): BotCommand[] | string {
  if (!Array.isArray(value) || value.length > MAX_COMMANDS) return `must be a list of at most ${MAX_COMMANDS}`;
  const commands: BotCommand[] = [];
  for (const entry of value as { command?: unknown; description?: unknown }[]) {
    const command = typeof entry?.command === 'string' ? entry.command.replace(/^\//, '') : '';
    const description = typeof entry?.description === 'string' ? entry.description.trim() : '';
    if (!BOT_COMMAND.test(command)) return 'each command must be 1-32 lowercase letters, digits or underscores';
    if (!description || description.length > 256 || textProblem(description))
      return 'each command needs a description of 1-256 characters';
    if (commands.some((c) => c.command === command)) return `the command ${command} is listed twice`;
    commands.push({ command, description });
  }
  return commands;
}

/** The owner changes the bot's name, description, commands or privacy mode. */
export class UpdateBot {
  constructor(private readonly deps: Pick<Ports, 'bots' | 'users' | 'clock'>) {}

  async execute(input: {
    actorId: string;
    botId: string;
    displayName?: unknown;
    description?: unknown;
    commands?: unknown;
    privacy?: unknown;
  }): Promise<Result<BotView, DomainError>> {
    const own = await ownBot(this.deps, input.actorId, input.botId);
    if (!own.ok) return own;
    const { bot, user } = own.value;
    const patch: Partial<Bot> = {};
    if (input.description !== undefined) {
      const d = input.description;
      if (typeof d !== 'string' || d.length > 512 || textProblem(d))
        return err(invalid('description', 'must be at most 512 characters'));
      patch.description = d.trim();
    }
    if (input.commands !== undefined) {
      const commands = readCommands(input.commands);
      if (typeof commands === 'string') return err(invalid('commands', commands));
      patch.commands = commands;
    }
    if (input.privacy !== undefined) {
      if (typeof input.privacy !== 'boolean') return err(invalid('privacy', 'must be true or false'));
      patch.privacy = input.privacy;
    }
    let named = user;
    if (input.displayName !== undefined) {
      const name = input.displayName;
      if (typeof name !== 'string' || !name.trim() || name.length > 64 || textProblem(name))
        return err(invalid('displayName', 'must be 1-64 characters'));
      named = { ...user, displayName: name.trim() };
      await this.deps.users.update(user.id, { displayName: named.displayName, updatedAt: this.deps.clock.now() });
    }
    if (Object.keys(patch).length > 0) await this.deps.bots.update(bot.userId, patch);
    return ok(botView({ ...bot, ...patch }, named));
  }
}

/** A bot's commands (its menu), for anyone: a client shows them to whoever writes to the bot. */
export class ListBotCommands {
  constructor(private readonly deps: Pick<Ports, 'bots'>) {}

  async execute(input: { botId: string }): Promise<Result<BotCommand[], DomainError>> {
    const bot = await this.deps.bots.findByUserId(input.botId);
    return bot ? ok(bot.commands) : err(notFound('bot'));
  }
}
