import type { Report } from '../modules/moderation/index.js';
import type { AuditStore } from '../modules/moderation/index.js';
import type { FlagStore } from '../modules/moderation/index.js';
import type { ReportStore } from '../modules/moderation/index.js';
import { same } from './assert.js';
import { at, fixtureId } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const aReport = (overrides: Partial<Report> = {}): Report => ({
  id: fixtureId('r'),
  messageId: 'm1',
  conversationId: 'c1',
  reporterId: 'ann',
  reportedUserId: 'bob',
  reason: 'spam',
  status: 'open',
  resolution: null,
  resolutionNote: null,
  resolvedBy: null,
  resolvedAt: null,
  createdAt: at('2026-01-01T00:00:00Z'),
  ...overrides,
});

export function reportStoreContract(t: TestApi, factory: FixtureFactory<ReportStore>): void {
  const test = testWith(t, factory);
  t.describe('ReportStore contract', () => {
    test('one open report per reporter and message', async (store) => {
      same(await store.create(aReport()), true, 'first');
      same(await store.create(aReport()), false, 'duplicate while open');
      same(await store.create(aReport({ reporterId: 'cat' })), true, 'another reporter');
      same(await store.countOpen(), 2, 'open count');
    });

    test('resolve is once only and lists filter by status, newest first, with a cursor', async (store) => {
      const a = aReport({ createdAt: at('2026-01-01T00:00:00Z') });
      const b = aReport({ messageId: 'm2', createdAt: at('2026-01-02T00:00:00Z') });
      const c = aReport({ messageId: 'm3', createdAt: at('2026-01-03T00:00:00Z') });
      for (const r of [a, b, c]) await store.create(r);
      const done = { resolution: 'dismissed' as const, note: 'fine', by: 'mod', at: at('2026-01-04T00:00:00Z') };
      same((await store.resolve(b.id, done))?.status, 'resolved', 'resolved');
      same(await store.resolve(b.id, done), null, 'second resolve refused');
      same(
        (await store.list({ status: 'open', limit: 10 })).map((r) => r.id),
        [c.id, a.id],
        'open, newest first',
      );
      same(
        (await store.list({ limit: 1, before: { createdAt: c.createdAt, id: c.id } })).map((r) => r.id),
        [b.id],
        'cursor',
      );
      same((await store.listByReporter('ann')).length, 3, 'by reporter');
    });
  });
}

export function auditStoreContract(t: TestApi, factory: FixtureFactory<AuditStore>): void {
  const test = testWith(t, factory);
  t.describe('AuditStore contract', () => {
    test('appends and lists newest first, by target or actor, with a cursor', async (store) => {
      const entry = (n: number, targetId: string, actorId = 'mod') => ({
        id: `a${n}`,
        actorId,
        action: 'user.banned' as const,
        targetType: 'user' as const,
        targetId,
        reason: 'r',
        data: { n },
        createdAt: at(`2026-01-0${n}T00:00:00Z`),
      });
      for (const [n, target] of [
        [1, 'u1'],
        [2, 'u2'],
        [3, 'u1'],
      ] as const)
        await store.append(entry(n, target));
      await store.append(entry(4, 'u3', 'admin'));
      same(
        (await store.list({ limit: 10 })).map((e) => e.id),
        ['a4', 'a3', 'a2', 'a1'],
        'newest first',
      );
      same(
        (await store.list({ targetId: 'u1', limit: 10 })).map((e) => e.id),
        ['a3', 'a1'],
        'by target',
      );
      same(
        (await store.list({ actorId: 'admin', limit: 10 })).map((e) => e.id),
        ['a4'],
        'by actor',
      );
      same(
        (await store.list({ limit: 2, before: { createdAt: at('2026-01-03T00:00:00Z'), id: 'a3' } })).map((e) => e.id),
        ['a2', 'a1'],
        'cursor',
      );
      same((await store.list({ limit: 1 }))[0]?.data, { n: 4 }, 'data round-trips');
    });
  });
}

export function flagStoreContract(t: TestApi, factory: FixtureFactory<FlagStore>): void {
  const test = testWith(t, factory);
  t.describe('FlagStore contract', () => {
    test('stores overrides, last write wins', async (store) => {
      same(await store.get('reactions'), null, 'no override yet');
      await store.set({ name: 'reactions', enabled: false, updatedBy: 'a', updatedAt: at('2026-01-01T00:00:00Z') });
      await store.set({ name: 'reactions', enabled: true, updatedBy: 'b', updatedAt: at('2026-01-02T00:00:00Z') });
      await store.set({ name: 'search', enabled: false, updatedBy: 'a', updatedAt: at('2026-01-01T00:00:00Z') });
      same((await store.get('reactions'))?.updatedBy, 'b', 'last write');
      same(
        (await store.list()).map((f) => `${f.name}:${f.enabled}`).sort(),
        ['reactions:true', 'search:false'],
        'list',
      );
    });
  });
}
