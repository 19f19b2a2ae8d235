import type { BotUpdate } from '../domain/bot-update.js';

export const BotUpdateStore = Symbol.for('BotUpdateStore');

/** Each bot's queue of updates: appended once per key, numbered densely, dropped when the bot confirms them. */
export interface BotUpdateStore {
  /**
   * Appends the update with the bot's next number (one more than the highest ever given, confirmed or not);
   * null if one with the same key was appended already. Concurrent appends get distinct numbers.
   */
  append(update: Omit<BotUpdate, 'updateId'>): Promise<BotUpdate | null>;
  /** The bot's updates numbered `fromId` or more, in order, at most `limit`. */
  list(botId: string, fromId: number, limit: number): Promise<BotUpdate[]>;
  /** Every bot's update under this key (which bots were told of it), confirmed or not. */
  listByKey(key: string): Promise<BotUpdate[]>;
  /** The update queued for the bot under this key (confirmed or not), or null. */
  findByKey(botId: string, key: string): Promise<BotUpdate | null>;
  /** Forgets the bot's updates numbered below `beforeId` (the bot confirmed them). */
  confirm(botId: string, beforeId: number): Promise<void>;
}
