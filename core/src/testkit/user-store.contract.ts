import type { UserStore } from '../modules/identity/index.js';
import { check, same } from './assert.js';
import { aUser } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

export function userStoreContract(t: TestApi, factory: FixtureFactory<UserStore>): void {
  const test = testWith(t, factory);
  t.describe('UserStore contract', () => {
    test('creates and finds a user by id, email and username', async (store) => {
      const user = aUser({ email: 'ann@example.test', username: 'ann' });
      same((await store.create(user)).ok, true, 'create succeeds');
      same((await store.findById(user.id))?.username, 'ann', 'by id');
      same((await store.findByEmail('ann@example.test'))?.id, user.id, 'by email');
      same((await store.findByUsername('ann'))?.id, user.id, 'by username');
      same(await store.findById('missing'), null, 'unknown id is null');
    });

    test('rejects a second user with the same email or username', async (store) => {
      await store.create(aUser({ email: 'ann@example.test', username: 'ann' }));
      const email = await store.create(aUser({ email: 'ann@example.test', username: 'other' }));
      const username = await store.create(aUser({ email: 'other@example.test', username: 'ann' }));
      same(email.ok ? null : email.error.code, 'email_taken', 'duplicate email');
      same(username.ok ? null : username.error.code, 'username_taken', 'duplicate username');
      same(await store.count(), 1, 'nothing else stored');
    });

    test('only one of many concurrent registrations of one email wins', async (store) => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.create(aUser({ email: 'race@example.test', username: `racer${i}` })),
        ),
      );
      same(results.filter((r) => r.ok).length, 1, 'exactly one create succeeds');
    });

    test('updates fields atomically and returns the new state', async (store) => {
      const user = aUser();
      await store.create(user);
      const banned = new Date('2026-02-01T00:00:00Z');
      const updated = await store.update(user.id, { displayName: 'New', bannedAt: banned });
      same(updated?.displayName, 'New', 'returned');
      same((await store.findById(user.id))?.bannedAt?.toISOString(), banned.toISOString(), 'stored, dates intact');
      same(await store.update('missing', { displayName: 'x' }), null, 'unknown id');
    });

    test('searches by username or display-name prefix, case-insensitively, without erased users', async (store) => {
      await store.create(aUser({ username: 'alice', displayName: 'Alice Liddell' }));
      await store.create(aUser({ username: 'bob', displayName: 'Alfred Bob' }));
      await store.create(aUser({ username: 'carol', displayName: 'Carol' }));
      await store.create(aUser({ username: 'alpha', displayName: 'Gone', erasedAt: new Date() }));
      const hits = await store.searchByPrefix('al', 10);
      same(hits.map((u) => u.username).sort(), ['alice', 'bob'], 'username or display name, erased excluded');
      same((await store.searchByPrefix('al', 1)).length, 1, 'limit holds');
    });

    test('lists users by id with filters and an after-id cursor', async (store) => {
      for (const id of ['u-a', 'u-b', 'u-c', 'u-d'])
        await store.create(aUser({ id, role: id === 'u-c' ? 'moderator' : 'user' }));
      same(
        (await store.list({ limit: 2 })).map((u) => u.id),
        ['u-a', 'u-b'],
        'first page',
      );
      same(
        (await store.list({ limit: 2, afterId: 'u-b' })).map((u) => u.id),
        ['u-c', 'u-d'],
        'second page',
      );
      same(
        (await store.list({ limit: 10, role: 'moderator' })).map((u) => u.id),
        ['u-c'],
        'by role',
      );
      check((await store.findManyByIds(['u-a', 'u-d', 'nope'])).length === 2, 'findManyByIds skips unknown ids');
    });

    test('lists the temporary bans that ended by a time', async (store) => {
      const at = (iso: string) => new Date(iso);
      await store.create(
        aUser({ id: 'u-1', bannedAt: at('2026-01-01T00:00:00Z'), bannedUntil: at('2026-01-02T00:00:00Z') }),
      );
      await store.create(
        aUser({ id: 'u-2', bannedAt: at('2026-01-01T00:00:00Z'), bannedUntil: at('2026-01-05T00:00:00Z') }),
      );
      await store.create(aUser({ id: 'u-3', bannedAt: at('2026-01-01T00:00:00Z'), bannedUntil: null }));
      await store.create(aUser({ id: 'u-4' }));
      same(
        (await store.list({ limit: 10, banEndedBy: at('2026-01-03T00:00:00Z') })).map((u) => u.id),
        ['u-1'],
        'only the one that ended',
      );
      same((await store.list({ limit: 10, banEndedBy: at('2026-01-06T00:00:00Z') })).length, 2, 'both timed ones');
    });
  });
}
