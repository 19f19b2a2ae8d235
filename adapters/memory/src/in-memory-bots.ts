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

const copy = <T>(value: T): T => structuredClone(value);

export class InMemoryBotStore implements BotStore {
  private readonly bots = new Map<string, Bot>();

  async create(bot: Bot): Promise<boolean> {
    if (this.bots.has(bot.userId) || [...this.bots.values()].some((b) => b.number === bot.number)) return false;
    this.bots.set(bot.userId, copy(bot));
    return true;
  }

  async findByUserId(userId: string): Promise<Bot | null> {
    const bot = this.bots.get(userId);
    return bot ? copy(bot) : null;
  }

  async findByNumber(number: number): Promise<Bot | null> {
    const bot = [...this.bots.values()].find((b) => b.number === number);
    return bot ? copy(bot) : null;
  }

  async listByOwner(ownerId: string): Promise<Bot[]> {
    return [...this.bots.values()]
      .filter((b) => b.ownerId === ownerId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map(copy);
  }

  async update(userId: string, patch: BotPatch): Promise<boolean> {
    const bot = this.bots.get(userId);
    if (!bot) return false;
    this.bots.set(userId, { ...bot, ...copy(patch) });
    return true;
  }
}

export class InMemoryBotUpdateStore implements BotUpdateStore {
  private readonly queues = new Map<string, { next: number; keys: Map<string, BotUpdate>; updates: BotUpdate[] }>();

  async append(update: Omit<BotUpdate, 'updateId'>): Promise<BotUpdate | null> {
    const queue = this.queues.get(update.botId) ?? { next: 1, keys: new Map<string, BotUpdate>(), updates: [] };
    this.queues.set(update.botId, queue);
    if (queue.keys.has(update.key)) return null;
    const stored = { ...copy(update), updateId: queue.next++ };
    queue.keys.set(update.key, stored);
    queue.updates.push(stored);
    return copy(stored);
  }

  async list(botId: string, fromId: number, limit: number): Promise<BotUpdate[]> {
    const queue = this.queues.get(botId);
    return (queue?.updates ?? [])
      .filter((u) => u.updateId >= fromId)
      .slice(0, limit)
      .map(copy);
  }

  async listByKey(key: string): Promise<BotUpdate[]> {
    return [...this.queues.values()].flatMap((q) => (q.keys.has(key) ? [copy(q.keys.get(key)!)] : []));
  }

  async findByKey(botId: string, key: string): Promise<BotUpdate | null> {
    const found = this.queues.get(botId)?.keys.get(key);
    return found ? copy(found) : null;
  }

  async confirm(botId: string, beforeId: number): Promise<void> {
    const queue = this.queues.get(botId);
    if (queue) queue.updates = queue.updates.filter((u) => u.updateId >= beforeId);
  }
}

export class InMemoryNumericIdStore implements NumericIdStore {
  private readonly numbers = new Map<string, number>();
  private readonly ids = new Map<number, string>();

  async numberFor(id: string): Promise<number> {
    const known = this.numbers.get(id);
    if (known !== undefined) return known;
    for (let attempt = 0; ; attempt += 1) {
      const number = candidateNumber(id, attempt);
      if (this.ids.has(number)) continue;
      this.ids.set(number, id);
      this.numbers.set(id, number);
      return number;
    }
  }

  async idFor(number: number): Promise<string | null> {
    return this.ids.get(number) ?? null;
  }
}

export class InMemoryBotChatStore implements BotChatStore {
  private readonly chats = new Map<string, BotChat>();

  async save(chat: BotChat): Promise<void> {
    this.chats.set(`${chat.conversationId}|${chat.botId}`, copy(chat));
  }

  async listAdmins(conversationId: string): Promise<string[]> {
    return [...this.chats.values()]
      .filter((c) => c.conversationId === conversationId && (c.status === 'administrator' || c.status === 'creator'))
      .map((c) => c.botId);
  }
}
