import type { AccountToken, AccountTokenStore } from '../modules/identity/index.js';
import { same } from './assert.js';
import { fixtureId } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const aToken = (overrides: Partial<AccountToken> = {}): AccountToken => ({
  id: fixtureId('hash'),
  kind: 'password_reset',
  userId: 'u1',
  email: 'ann@example.test',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  expiresAt: new Date('2026-01-01T01:00:00Z'),
  ...overrides,
});

export function accountTokenStoreContract(t: TestApi, factory: FixtureFactory<AccountTokenStore>): void {
  const test = testWith(t, factory);
  t.describe('AccountTokenStore contract', () => {
    test('a token is found by its id, with what it was made for', async (store) => {
      const token = aToken({ kind: 'email_verification', userId: 'u2' });
      await store.create(token);
      same(await store.find(token.id), token, 'found as stored');
      same(await store.find('no-such-hash'), null, 'unknown');
      same(await store.isSpent(token.id), false, 'not spent');
    });

    test('of ten racing spends of one token exactly one wins, and it stays spent', async (store) => {
      const token = aToken();
      await store.create(token);
      const wins = await Promise.all(Array.from({ length: 10 }, () => store.spend(token.id, new Date())));
      same(wins.filter(Boolean).length, 1, 'one spend');
      same(await store.isSpent(token.id), true, 'spent');
      same(await store.spend(token.id, new Date()), false, 'and again: no');
    });

    test("spending all of a user's tokens of a kind leaves other kinds and other users alone", async (store) => {
      const [a, b] = [aToken({ userId: 'u3' }), aToken({ userId: 'u3' })];
      const verify = aToken({ userId: 'u3', kind: 'email_verification' });
      const other = aToken({ userId: 'u4' });
      for (const token of [a, b, verify, other]) await store.create(token);
      await store.spend(a.id, new Date());
      await store.spendAllForUser('u3', 'password_reset', new Date());
      same(
        await Promise.all([a, b, verify, other].map((x) => store.isSpent(x.id))),
        [true, true, false, false],
        'only u3 resets',
      );
    });

    test('expired tokens and their spent marks are swept; live ones stay', async (store) => {
      const old = aToken({ expiresAt: new Date('2026-01-01T01:00:00Z') });
      const live = aToken({ expiresAt: new Date('2026-01-03T00:00:00Z') });
      for (const token of [old, live]) await store.create(token);
      await store.spend(old.id, new Date('2026-01-01T00:30:00Z'));
      same(await store.deleteExpired(new Date('2026-01-02T00:00:00Z')), 1, 'one swept');
      same([await store.find(old.id), (await store.find(live.id))?.id], [null, live.id], 'the live one stays');
    });
  });
}
