import type { Bot, BotChatStore, BotStore, BotUpdateStore, NumericIdStore } from '../modules/bots/index.js';
import { check, same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const aBot = (userId: string, overrides: Partial<Bot> = {}): Bot => ({
  userId,
  ownerId: 'owner',
  number: 1000 + userId.length,
  tokenHash: 'hash',
  tokenIssuedAt: new Date('2026-01-01T00:00:00Z'),
  description: '',
  commands: [],
  privacy: true,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  ...overrides,
});

export function botStoreContract(t: TestApi, factory: FixtureFactory<BotStore>): void {
  const test = testWith(t, factory);
  t.describe('BotStore contract', () => {
    test('finds a bot by user, number and owner; one bot per user and per number', async (store) => {
      check(await store.create(aBot('b1', { number: 11 })), 'created');
      check(!(await store.create(aBot('b1', { number: 12 }))), 'the user is a bot already');
      check(!(await store.create(aBot('b2', { number: 11 }))), 'the number is taken');
      check(await store.create(aBot('b3', { number: 13, ownerId: 'other' })), 'another');
      same((await store.findByUserId('b1'))?.number, 11, 'by user');
      same((await store.findByNumber(13))?.userId, 'b3', 'by number');
      same(await store.findByNumber(99), null, 'no such number');
      same(
        (await store.listByOwner('owner')).map((b) => b.userId),
        ['b1'],
        "owner's",
      );
    });

    test('changes only the given fields', async (store) => {
      await store.create(aBot('b1', { number: 21 }));
      const commands = [{ command: 'start', description: 'Start' }];
      check(await store.update('b1', { tokenHash: 'new', commands }), 'updated');
      const bot = await store.findByUserId('b1');
      same([bot?.tokenHash, bot?.commands, bot?.privacy], ['new', commands, true], 'patched');
      check(!(await store.update('nobody', { privacy: false })), 'no such bot');
    });
  });
}

export function botUpdateStoreContract(t: TestApi, factory: FixtureFactory<BotUpdateStore>): void {
  const test = testWith(t, factory);
  const update = (botId: string, key: string) => ({
    botId,
    key,
    kind: 'message' as const,
    conversationId: 'c1',
    messageId: key,
    createdAt: new Date('2026-01-01T00:00:00Z'),
  });
  t.describe('BotUpdateStore contract', () => {
    test('numbers each bot’s updates densely, once per key, and drops what the bot confirmed', async (store) => {
      same((await store.append(update('b1', 'm1')))?.updateId, 1, 'first');
      same((await store.append(update('b1', 'm2')))?.updateId, 2, 'second');
      same(await store.append(update('b1', 'm1')), null, 'the same key again');
      same((await store.append(update('b2', 'm1')))?.updateId, 1, "another bot's queue");
      same(
        (await store.list('b1', 0, 10)).map((u) => u.key),
        ['m1', 'm2'],
        'all',
      );
      same(
        (await store.list('b1', 2, 10)).map((u) => u.key),
        ['m2'],
        'from 2',
      );
      await store.confirm('b1', 2);
      same(
        (await store.list('b1', 0, 10)).map((u) => u.updateId),
        [2],
        'confirmed dropped',
      );
      same((await store.append(update('b1', 'm3')))?.updateId, 3, 'numbering goes on');
      same((await store.findByKey('b1', 'm1'))?.updateId, 1, 'a confirmed one is still found by its key');
      same(await store.findByKey('b1', 'nothing'), null, 'no such key');
      same((await store.listByKey('m1')).map((u) => u.botId).sort(), ['b1', 'b2'], 'the bots told of m1');
    });

    test('concurrent appends get distinct numbers', async (store) => {
      const appended = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(update('b1', `k${i}`))));
      same(
        appended.map((u) => u?.updateId).sort((a, b) => a! - b!),
        Array.from({ length: 20 }, (_, i) => i + 1),
        'dense and distinct',
      );
    });
  });
}

export function numericIdStoreContract(t: TestApi, factory: FixtureFactory<NumericIdStore>): void {
  const test = testWith(t, factory);
  t.describe('NumericIdStore contract', () => {
    test('gives each id one number for good, below 2^40, that leads back to it', async (store) => {
      const [a, again, racing] = await Promise.all([
        store.numberFor('id-a'),
        store.numberFor('id-a'),
        store.numberFor('id-a'),
      ]);
      same([again, racing], [a, a], 'one number per id, also when asked at once');
      const b = await store.numberFor('id-b');
      check(a !== b, 'different ids, different numbers');
      check(a > 0 && a < 2 ** 40 && Number.isInteger(a), 'in range');
      same(await store.idFor(a), 'id-a', 'back to the id');
      same(await store.idFor([1, 2, 3].find((n) => n !== a && n !== b)!), null, 'a number nobody has');
    });
  });
}

export function botChatStoreContract(t: TestApi, factory: FixtureFactory<BotChatStore>): void {
  const test = testWith(t, factory);
  const chat = (botId: string, conversationId: string, status: 'creator' | 'administrator' | 'member' | 'left') => ({
    botId,
    conversationId,
    status,
    updatedAt: new Date('2026-01-01T00:00:00Z'),
  });
  t.describe('BotChatStore contract', () => {
    test("lists a chat's admin bots as their last status says", async (store) => {
      await store.save(chat('b1', 'c1', 'member'));
      await store.save(chat('b2', 'c1', 'administrator'));
      await store.save(chat('b3', 'c1', 'creator'));
      await store.save(chat('b4', 'c2', 'administrator'));
      same((await store.listAdmins('c1')).sort(), ['b2', 'b3'], 'admins and the creator, of that chat');
      await store.save(chat('b1', 'c1', 'administrator'));
      await store.save(chat('b2', 'c1', 'left'));
      same((await store.listAdmins('c1')).sort(), ['b1', 'b3'], 'promoted in, departed out');
      same(await store.listAdmins('c9'), [], 'none');
    });
  });
}
