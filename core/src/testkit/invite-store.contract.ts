import type { InviteLink } from '../modules/conversations/index.js';
import type { InviteStore } from '../modules/conversations/index.js';
import { same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const at = (iso: string) => new Date(iso);
const link = (code: string, conversationId = 'c1', overrides: Partial<InviteLink> = {}): InviteLink => ({
  code,
  conversationId,
  createdBy: 'ann',
  name: null,
  expiresAt: null,
  usageLimit: null,
  requiresApproval: false,
  createdAt: at('2026-01-01T00:00:00Z'),
  revokedAt: null,
  revokedBy: null,
  ...overrides,
});
const use = (code: string, userId: string, minute = 0) => ({
  code,
  conversationId: 'c1',
  userId,
  joinedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
});

export function inviteStoreContract(t: TestApi, factory: FixtureFactory<InviteStore>): void {
  const test = testWith(t, factory);
  t.describe('InviteStore contract', () => {
    test('stores, finds and lists links newest first; revokes once', async (store) => {
      await store.create(link('a1'));
      await store.create(
        link('b2', 'c1', {
          createdAt: at('2026-01-02T00:00:00Z'),
          name: 'footer',
          usageLimit: 5,
          expiresAt: at('2026-02-01T00:00:00Z'),
        }),
      );
      await store.create(link('z9', 'c2'));
      same(
        await store.findByCode('b2'),
        link('b2', 'c1', {
          createdAt: at('2026-01-02T00:00:00Z'),
          name: 'footer',
          usageLimit: 5,
          expiresAt: at('2026-02-01T00:00:00Z'),
        }),
        'as stored',
      );
      same(await store.findByCode('nope'), null, 'unknown');
      same(
        (await store.list('c1')).map((l) => l.code),
        ['b2', 'a1'],
        'newest first, one conversation',
      );
      same(
        (await store.revoke('a1', 'bob', at('2026-01-05T00:00:00Z')))?.revokedAt,
        at('2026-01-05T00:00:00Z'),
        'revoked',
      );
      same(
        (await store.revoke('a1', 'cat', at('2026-01-06T00:00:00Z')))?.revokedBy,
        'bob',
        'the first revocation stands',
      );
      same(await store.revoke('nope', 'bob', at('2026-01-05T00:00:00Z')), null, 'unknown');
    });

    test('one use per user per link; counted and listed most recent first', async (store) => {
      await store.create(link('a1'));
      same(await store.claimUse(use('a1', 'u1', 1), null), 'claimed', 'first');
      same(await store.claimUse(use('a1', 'u1', 2), null), 'used', 'same user again');
      same(await store.claimUse(use('a1', 'u2', 3), null), 'claimed', 'another user');
      same(
        (await store.listUses('a1', 10)).map((u) => u.userId),
        ['u2', 'u1'],
        'most recent first',
      );
      same(await store.countUses(['a1', 'b2']), new Map([['a1', 2]]), 'counts');
    });

    test('never more uses than the limit, however many claim at once', async (store) => {
      await store.create(link('a1', 'c1', { usageLimit: 3 }));
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => store.claimUse(use('a1', `u${i}`), 3)));
      same(outcomes.filter((o) => o === 'claimed').length, 3, 'three claimed');
      same(outcomes.filter((o) => o === 'full').length, 9, 'the rest find it full');
      same((await store.countUses(['a1'])).get('a1'), 3, 'three stored');
    }, 30_000);

    test('one user claiming many times at once is one use', async (store) => {
      await store.create(link('a1'));
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => store.claimUse(use('a1', 'u1'), 5)));
      same(outcomes.filter((o) => o === 'claimed').length, 1, 'one claim');
      same((await store.countUses(['a1'])).get('a1'), 1, 'one stored');
    }, 30_000);

    test('join requests: one pending per user, taken once', async (store) => {
      const request = (userId: string, minute: number) => ({
        conversationId: 'c1',
        userId,
        code: 'a1',
        requestedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
      });
      same(await store.addRequest(request('u2', 2)), true, 'added');
      same(await store.addRequest(request('u1', 1)), true, 'another');
      same(await store.addRequest(request('u2', 3)), false, 'already pending');
      same(
        (await store.listRequests('c1')).map((r) => r.userId),
        ['u1', 'u2'],
        'oldest first',
      );
      const taken = await Promise.all([store.takeRequest('c1', 'u2'), store.takeRequest('c1', 'u2')]);
      same(taken.filter(Boolean).length, 1, 'taken once');
      same(taken.find(Boolean), request('u2', 2), 'the request as stored');
      same(
        (await store.listRequests('c1')).map((r) => r.userId),
        ['u1'],
        'one left',
      );
    });
  });
}
