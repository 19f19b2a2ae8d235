import type { User } from '../../identity/index.js';

/** A command the bot offers (its menu in clients): `/command` and what it does. */
export interface BotCommand {
  command: string;
  description: string;
}

/**
 * A bot: a user (`isBot`) that a person owns and a program drives through the Bot API with its token,
 * `<number>:<secret>` as Telegram shapes them (only the secret's hash is kept).
 */
export interface Bot {
  userId: string;
  ownerId: string;
  /** The bot's integer id (Telegram's `id`): the number before the token's colon. */
  number: number;
  tokenHash: string;
  tokenIssuedAt: Date;
  description: string;
  commands: BotCommand[];
  /** Privacy mode: in groups it sees commands, replies to it and mentions of it only (unless it is an admin). */
  privacy: boolean;
  createdAt: Date;
  /** Where its updates are posted instead of waiting for getUpdates (absent or null: no webhook). */
  webhook?: BotWebhook | null;
}

/** setWebhook: an HTTPS URL the updates are posted to, one per request, in order, retried until it answers 2xx. */
export interface BotWebhook {
  url: string;
  /** Sent as `X-Telegram-Bot-Api-Secret-Token` with each update, for the receiver to know it is us. */
  secretToken: string | null;
  /** The kinds posted (null: the default set). */
  allowedUpdates: string[] | null;
  maxConnections: number;
  setAt: Date;
  lastErrorAt: Date | null;
  lastErrorMessage: string | null;
}

export type BotPatch = Partial<
  Pick<Bot, 'tokenHash' | 'tokenIssuedAt' | 'description' | 'commands' | 'privacy' | 'webhook'>
>;

/** What the owner sees of a bot (never its token again after it was handed out). */
export interface BotView {
  id: string;
  number: number;
  username: string;
  displayName: string;
  description: string;
  commands: BotCommand[];
  privacy: boolean;
  tokenIssuedAt: Date;
  createdAt: Date;
}

export const botView = (bot: Bot, user: Pick<User, 'username' | 'displayName'>): BotView => ({
  id: bot.userId,
  number: bot.number,
  username: user.username,
  displayName: user.displayName,
  description: bot.description,
  commands: bot.commands,
  privacy: bot.privacy,
  tokenIssuedAt: bot.tokenIssuedAt,
  createdAt: bot.createdAt,
});

/** As Telegram: 5 to 32 characters, letters, digits and underscores, ending in "bot". */
export const BOT_USERNAME = /^[a-z][a-z0-9_]{1,28}bot$/;
/** As Telegram's setMyCommands: 1-32 lowercase letters, digits and underscores; a description of 1-256. */
export const BOT_COMMAND = /^[a-z0-9_]{1,32}$/;
export const MAX_COMMANDS = 100;
export const MAX_BOTS_PER_OWNER = 20;

export const botToken = (number: number, secret: string): string => `${number}:${secret}`;

/** The number and secret of a token shaped `<number>:<secret>`, or null. */
export function parseBotToken(token: string): { number: number; secret: string } | null {
  const match = /^(\d{1,16}):([A-Za-z0-9_-]{20,100})$/.exec(token);
  if (!match) return null;
  const number = Number(match[1]);
  return Number.isSafeInteger(number) && number > 0 ? { number, secret: match[2]! } : null;
}
