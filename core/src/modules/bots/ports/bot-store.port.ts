import type { Bot, BotPatch } from '../domain/bot.js';

export const BotStore = Symbol.for('BotStore');

/** The bots: one per bot user, found by its user id, its number (a token's prefix) or its owner. */
export interface BotStore {
  /** Stores a new bot; false if the user is a bot already (or the number is taken). */
  create(bot: Bot): Promise<boolean>;
  findByUserId(userId: string): Promise<Bot | null>;
  findByNumber(number: number): Promise<Bot | null>;
  /** The bots of one owner, oldest first. */
  listByOwner(ownerId: string): Promise<Bot[]>;
  /** Changes the given fields; false if there is no such bot. */
  update(userId: string, patch: BotPatch): Promise<boolean>;
}
