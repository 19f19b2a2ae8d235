import type { Db } from 'mongodb';
import {
  candidateNumber,
  type BotChat,
  type BotChatStore,
  type Bot,
  type BotPatch,
  type BotStore,
  type BotUpdate,
  type BotUpdateStore,
  type NumericIdStore,
} from '@parley/core';
import { insertUnlessExists, isDuplicateKey } from './support.js';

type BotDoc = Omit<Bot, 'userId'> & { _id: string };
const toBot = ({ _id, ...rest }: BotDoc): Bot => ({ userId: _id, ...rest });

/** One document per bot in `bots` (`_id` its user id); the number and the owner are indexed, the number unique. */
export class MongoBotStore implements BotStore {
  private readonly bots;

  constructor(db: Db) {
    this.bots = db.collection<BotDoc>('bots');
  }

  async create(bot: Bot): Promise<boolean> {
    const { userId, ...rest } = bot;
    return insertUnlessExists(this.bots as never, { _id: userId, ...rest });
  }

  async findByUserId(userId: string): Promise<Bot | null> {
    const doc = await this.bots.findOne({ _id: userId });
    return doc ? toBot(doc) : null;
  }

  async findByNumber(number: number): Promise<Bot | null> {
    const doc = await this.bots.findOne({ number });
    return doc ? toBot(doc) : null;
  }

  async listByOwner(ownerId: string): Promise<Bot[]> {
    const docs = await this.bots.find({ ownerId }).toArray();
    return docs.map(toBot).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  async update(userId: string, patch: BotPatch): Promise<boolean> {
    return (await this.bots.updateOne({ _id: userId }, { $set: patch })).matchedCount === 1;
  }
}

type UpdateDoc = BotUpdate & { _id: string };

/**
 * Updates are inserts into `bot_updates` under `_id` `<bot>|<number>`, unique per (bot, key): the `_id` decides
 * which of two racing appends gets a number, the key index that a job run twice appends once. Confirmed updates
 * are kept (their keys still refuse a late duplicate, their numbers keep the numbering going) and skipped by the
 * bot's cursor in `bot_cursors`, which only moves forward.
 */
export class MongoBotUpdateStore implements BotUpdateStore {
  private readonly updates;
  private readonly cursors;

  constructor(db: Db) {
    this.updates = db.collection<UpdateDoc>('bot_updates');
    this.cursors = db.collection<{ _id: string; before: number }>('bot_cursors');
  }

  async append(update: Omit<BotUpdate, 'updateId'>): Promise<BotUpdate | null> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const [last] = await this.updates.find({ botId: update.botId }).sort({ updateId: -1 }).limit(1).toArray();
      const updateId = (last?.updateId ?? 0) + 1;
      try {
        await this.updates.insertOne({ _id: `${update.botId}|${updateId}`, ...update, updateId });
        return { ...update, updateId };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        if (await this.updates.findOne({ botId: update.botId, key: update.key })) return null;
      }
    }
    throw new Error(`could not number an update of bot ${update.botId}`);
  }

  async list(botId: string, fromId: number, limit: number): Promise<BotUpdate[]> {
    const cursor = await this.cursors.findOne({ _id: botId });
    const from = Math.max(fromId, cursor?.before ?? 0);
    const docs = await this.updates
      .find({ botId, updateId: { $gte: from } })
      .sort({ updateId: 1 })
      .limit(limit)
      .toArray();
    return docs.map(({ _id, ...rest }) => rest);
  }

  async listByKey(key: string): Promise<BotUpdate[]> {
    return (await this.updates.find({ key }).toArray()).map(({ _id, ...rest }) => rest);
  }

  async findByKey(botId: string, key: string): Promise<BotUpdate | null> {
    const doc = await this.updates.findOne({ botId, key });
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return rest;
  }

  async confirm(botId: string, beforeId: number): Promise<void> {
    await this.cursors.updateOne({ _id: botId }, { $max: { before: beforeId } }, { upsert: true });
  }
}

/**
 * `numeric_ids`: `_id` the number, `id` Parley's id (unique). A number is claimed by inserting it: a collision
 * with another id tries the next candidate, a racer for the same id finds the winner's number.
 */
export class MongoNumericIdStore implements NumericIdStore {
  private readonly numbers;

  constructor(db: Db) {
    this.numbers = db.collection<{ _id: number; id: string }>('numeric_ids');
  }

  async numberFor(id: string): Promise<number> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const known = await this.numbers.findOne({ id });
      if (known) return known._id;
      const number = candidateNumber(id, attempt);
      if (await insertUnlessExists(this.numbers as never, { _id: number, id })) return number;
    }
    throw new Error(`could not give ${id} a number`);
  }

  async idFor(number: number): Promise<string | null> {
    return (await this.numbers.findOne({ _id: number }))?.id ?? null;
  }
}

/** `bot_chats`: one document per bot and chat (`_id` `<conversation>|<bot>`), replaced as the bot's status changes. */
export class MongoBotChatStore implements BotChatStore {
  private readonly chats;

  constructor(db: Db) {
    this.chats = db.collection<BotChat & { _id: string }>('bot_chats');
  }

  async save(chat: BotChat): Promise<void> {
    await this.chats.replaceOne({ _id: `${chat.conversationId}|${chat.botId}` }, chat, { upsert: true });
  }

  async listAdmins(conversationId: string): Promise<string[]> {
    const docs = await this.chats.find({ conversationId, status: { $in: ['administrator', 'creator'] } }).toArray();
    return docs.map((d) => d.botId);
  }
}
