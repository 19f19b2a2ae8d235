import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageStore, Reaction, ReactionStore } from '@parley/core';
import { aMessageDraft, messageStoreContract, reactionStoreContract } from '@parley/core/testkit';
import { InMemoryMessageStore, InMemoryReactionStore } from '@parley/adapter-memory';
import { connectRedis, RedisHistoryCache, type Redis } from '@parley/adapter-redis';

/**
 * The history cache over real Redis (REDIS_URL; CI starts it): the message store contract through it, and two
 * nodes sharing one database and one Redis, where a write through either shows in the other's next page.
 */
const url = process.env.REDIS_URL;
const clients: Redis[] = [];
const prefixes: string[] = [];

beforeAll(() => {
  if (!url) throw new Error('REDIS_URL is not set: run eval "$(bash scripts/services.sh env)" first');
});

afterAll(async () => {
  const [first] = clients;
  for (const p of prefixes) {
    const keys = first ? await first.keys(`${p}*`) : [];
    if (keys.length) await first!.del(keys);
  }
  await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
});

async function node(store: MessageStore, prefix: string, ttlMs = 60_000, now?: () => number) {
  const redis = await connectRedis(url!);
  clients.push(redis);
  const cache = new RedisHistoryCache(redis, { prefix, window: 100, ttlMs, ...(now ? { now } : {}) });
  return { redis, cache, messages: cache.wrap(store) };
}

/** The database both nodes share, counting the pages it serves. */
function database() {
  const store = new InMemoryMessageStore();
  const counted = { pages: 0 };
  const page = store.page.bind(store);
  store.page = (conversationId, query) => {
    counted.pages += 1;
    return page(conversationId, query);
  };
  return { store, counted };
}

const newPrefix = () => {
  const p = `parley-test:${randomUUID().slice(0, 8)}:`;
  prefixes.push(p);
  return p;
};

messageStoreContract({ describe, it }, async () => {
  const { messages } = await node(new InMemoryMessageStore(), newPrefix());
  return { port: messages, teardown: async () => undefined };
});

reactionStoreContract({ describe, it }, async () => {
  const redis = await connectRedis(url!);
  clients.push(redis);
  const cache = new RedisHistoryCache(redis, { prefix: newPrefix() });
  return { port: cache.wrapReactions(new InMemoryReactionStore()), teardown: async () => undefined };
});

describe('RedisHistoryCache, reactions', () => {
  /** The reactions both nodes share, counting the reads that reach them. */
  function reactionDatabase() {
    const store = new InMemoryReactionStore();
    const counted = { reads: 0 };
    const list = store.listForMessages.bind(store);
    store.listForMessages = (ids) => {
      counted.reads += 1;
      return list(ids);
    };
    return { store, counted };
  }
  async function reactionNode(store: ReactionStore, prefix: string) {
    const redis = await connectRedis(url!);
    clients.push(redis);
    return new RedisHistoryCache(redis, { prefix, ttlMs: 60_000 }).wrapReactions(store);
  }
  const ids = Array.from({ length: 5 }, (_, i) => `c1.m${i}`);
  const react = (messageId: string, userId: string, emoji = '👍'): Reaction => ({
    messageId,
    conversationId: 'c1',
    userId,
    emoji,
    createdAt: new Date(),
  });
  const counts = async (reactions: ReactionStore, viewer = 'ann') =>
    [...(await reactions.summarize(ids, viewer))].map(
      ([id, s]) => `${id} ${s.map((r) => `${r.emoji}${r.count}${r.mine ? '*' : ''}`)}`,
    );

  it("serves a page's summaries from memory while nothing changes, for every viewer", async () => {
    const { store, counted } = reactionDatabase();
    const reactions = await reactionNode(store, newPrefix());
    await reactions.add(react('c1.m1', 'ann'));
    await reactions.add(react('c1.m1', 'bob'));
    expect(await counts(reactions)).toEqual(['c1.m1 👍2*']);
    const reads = counted.reads;
    for (let i = 0; i < 10; i += 1) {
      expect(await counts(reactions, 'bob')).toEqual(['c1.m1 👍2*']);
      expect(await counts(reactions, 'cat')).toEqual(['c1.m1 👍2']);
    }
    expect(counted.reads).toBe(reads);
  });

  it("a reaction added or removed through one node is in the other node's next summary", async () => {
    const { store } = reactionDatabase();
    const prefix = newPrefix();
    const a = await reactionNode(store, prefix);
    const b = await reactionNode(store, prefix);
    expect(await counts(b)).toEqual([]);
    await a.add(react('c1.m2', 'ann', '🎉'));
    expect(await counts(b)).toEqual(['c1.m2 🎉1*']);
    await a.add(react('c1.m2', 'bob', '🎉'));
    expect(await counts(b, 'cat')).toEqual(['c1.m2 🎉2']);
    await a.remove('c1.m2', 'ann', '🎉');
    expect(await counts(b)).toEqual(['c1.m2 🎉1']);
    await b.removeAllForMessage('c1.m2');
    expect(await counts(a)).toEqual([]);
  });
});

describe('RedisHistoryCache', () => {
  const seqs = async (messages: MessageStore, query: Partial<Parameters<MessageStore['page']>[1]> = {}) =>
    (await messages.page('c1', { limit: 50, viewerId: 'x', ...query })).map((m) => m.seq);

  it('serves repeated pages from memory: one database read while nothing changes', async () => {
    const { store, counted } = database();
    const { messages } = await node(store, newPrefix());
    for (let i = 0; i < 120; i += 1) await messages.append(aMessageDraft('c1'));
    await seqs(messages);
    const loaded = counted.pages;
    for (let i = 0; i < 20; i += 1) {
      expect((await seqs(messages, { limit: 10 }))[0]).toBe(120);
      expect(await seqs(messages, { before: 60, limit: 3 })).toEqual([59, 58, 57]);
      expect(await seqs(messages, { after: 110, limit: 5 })).toEqual([111, 112, 113, 114, 115]);
    }
    expect(counted.pages).toBe(loaded);
    // Older than the window (100): read from the database.
    expect(await seqs(messages, { before: 10, limit: 3 })).toEqual([9, 8, 7]);
    expect(counted.pages).toBe(loaded + 1);
  });

  it('pages that miss together share one database read', async () => {
    const { store, counted } = database();
    const { messages } = await node(store, newPrefix());
    for (let i = 0; i < 30; i += 1) await messages.append(aMessageDraft('c1'));
    const before = counted.pages;
    const pages = await Promise.all(Array.from({ length: 16 }, () => seqs(messages, { limit: 5 })));
    expect(pages.every((p) => p.join() === '30,29,28,27,26')).toBe(true);
    expect(counted.pages).toBe(before + 1);
  });

  it('reads a window again ahead of its TTL while serving it, so busy pages never wait for the database', async () => {
    const { store, counted } = database();
    let clock = 0;
    const { messages } = await node(store, newPrefix(), 1_000, () => clock);
    await messages.append(aMessageDraft('c1'));
    expect(await seqs(messages)).toEqual([1]);
    // A write the database took with no announcement (its process died between the insert and the version bump).
    await store.append(aMessageDraft('c1'));
    const loaded = counted.pages;
    clock = 500;
    expect(await seqs(messages)).toEqual([1]);
    expect(counted.pages).toBe(loaded);
    clock = 700;
    expect(await seqs(messages)).toEqual([1]); // still within the TTL: served, and read again behind it
    await new Promise((r) => setTimeout(r, 20));
    expect(counted.pages).toBe(loaded + 1);
    clock = 1_200; // past the first load's TTL, well within the second's
    expect(await seqs(messages)).toEqual([2, 1]);
    expect(counted.pages).toBe(loaded + 1);
    clock = 5_000; // nobody asked for a long time: the next page waits for a fresh read
    expect(await seqs(messages)).toEqual([2, 1]);
    expect(counted.pages).toBe(loaded + 2);
  });

  it("a write through one node is in the other node's next page: appends, edits and hides", async () => {
    const { store } = database();
    const prefix = newPrefix();
    const a = await node(store, prefix);
    const b = await node(store, prefix);
    for (let i = 0; i < 5; i += 1) await a.messages.append(aMessageDraft('c1'));
    expect(await seqs(b.messages)).toEqual([5, 4, 3, 2, 1]);
    const sixth = await a.messages.append(aMessageDraft('c1', { content: 'six' }));
    expect((await seqs(b.messages))[0]).toBe(6);
    await a.messages.update(sixth.message.id, { content: 'six, edited' });
    expect((await b.messages.page('c1', { limit: 1, viewerId: 'x' }))[0]?.content).toBe('six, edited');
    await b.messages.hideFor(sixth.message.id, 'ann');
    expect(await seqs(a.messages, { viewerId: 'ann', limit: 2 })).toEqual([5, 4]);
    expect(await seqs(a.messages, { viewerId: 'bob', limit: 2 })).toEqual([6, 5]);
  });

  it('a version lost with a Redis restart is claimed anew: no window from before survives it', async () => {
    const { store, counted } = database();
    const prefix = newPrefix();
    const a = await node(store, prefix);
    await a.messages.append(aMessageDraft('c1'));
    expect(await seqs(a.messages)).toEqual([1]);
    // As after a restart without persistence: the version is gone, and a write landed that never announced itself.
    await a.redis.del(`${prefix}hv:c1`);
    await store.append(aMessageDraft('c1'));
    const before = counted.pages;
    expect(await seqs(a.messages)).toEqual([2, 1]);
    expect(counted.pages).toBe(before + 1);
  });

  it('without Redis it reads the database, and writes still succeed; windows come back with Redis', async () => {
    const { store, counted } = database();
    const prefix = newPrefix();
    const a = await node(store, prefix);
    const b = await node(store, prefix);
    await a.messages.append(aMessageDraft('c1'));
    expect(await seqs(a.messages)).toEqual([1]);
    await a.redis.disconnect();
    await a.messages.append(aMessageDraft('c1'));
    await b.messages.append(aMessageDraft('c1'));
    expect(await seqs(a.messages)).toEqual([3, 2, 1]);
    expect(a.cache.cached).toBe(0);
    const reads = counted.pages;
    await seqs(a.messages);
    expect(counted.pages).toBe(reads + 1);
    expect(await seqs(b.messages)).toEqual([3, 2, 1]);
  });
});
