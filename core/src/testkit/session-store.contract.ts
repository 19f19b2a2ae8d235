import type { RefreshTokenFamily } from '../modules/identity/index.js';
import type { SessionStore } from '../modules/identity/index.js';
import { same } from './assert.js';
import { fixtureId } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const aFamily = (overrides: Partial<RefreshTokenFamily> = {}): RefreshTokenFamily => ({
  id: fixtureId('s'),
  userId: 'u1',
  tokenHash: fixtureId('h'),
  device: { name: 'phone', platform: 'ios', clientVersion: '1.0', userAgent: 'ua', ip: '192.0.2.1' },
  createdAt: new Date('2026-01-01T00:00:00Z'),
  rotatedAt: new Date('2026-01-01T00:00:00Z'),
  lastActiveAt: new Date('2026-01-01T00:00:00Z'),
  expiresAt: new Date('2026-02-01T00:00:00Z'),
  revokedAt: null,
  ...overrides,
});

export function sessionStoreContract(t: TestApi, factory: FixtureFactory<SessionStore>): void {
  const test = testWith(t, factory);
  t.describe('SessionStore contract', () => {
    test('rotation replaces the current hash and remembers the old one', async (store) => {
      const family = aFamily({ tokenHash: 'h1' });
      await store.create(family);
      same(await store.rotate(family.id, 'h1', 'h2', new Date(), new Date('2026-03-01T00:00:00Z')), true, 'rotates');
      same((await store.findByTokenHash('h2'))?.current, true, 'new hash is current');
      same((await store.findByTokenHash('h1'))?.current, false, 'old hash is found as previous');
      same(await store.findByTokenHash('nope'), null, 'unknown hash');
    });

    test('rotation is compare-and-set: of two racing rotations of one hash, one wins', async (store) => {
      const family = aFamily({ tokenHash: 'h1' });
      await store.create(family);
      const wins = await Promise.all(
        ['a', 'b', 'c'].map((n) => store.rotate(family.id, 'h1', `h-${n}`, new Date(), new Date())),
      );
      same(wins.filter(Boolean).length, 1, 'exactly one rotation succeeds');
    });

    test('a revoked family cannot rotate; revoking all of a user covers every family', async (store) => {
      const a = aFamily({ userId: 'u9', tokenHash: 'a1' });
      const b = aFamily({ userId: 'u9', tokenHash: 'b1' });
      const other = aFamily({ userId: 'u8', tokenHash: 'c1' });
      for (const f of [a, b, other]) await store.create(f);
      await store.revokeAllForUser('u9', new Date());
      same(await store.rotate(a.id, 'a1', 'a2', new Date(), new Date()), false, 'revoked family does not rotate');
      same((await store.findByTokenHash('b1'))?.session.revokedAt !== null, true, 'second family revoked');
      same((await store.findByTokenHash('c1'))?.session.revokedAt, null, 'other user untouched');
    });

    test('revoking all of a user can keep one family (the one changing the password)', async (store) => {
      const [a, b] = [aFamily({ userId: 'u6', tokenHash: 'k1' }), aFamily({ userId: 'u6', tokenHash: 'k2' })];
      for (const f of [a, b]) await store.create(f);
      await store.revokeAllForUser('u6', new Date(), a.id);
      same(
        [(await store.findById(a.id))?.revokedAt, (await store.findById(b.id))?.revokedAt !== null],
        [null, true],
        'kept one, revoked the other',
      );
    });

    test("lists a user's live families, latest activity first, never revoked, expired or others'", async (store) => {
      const at = (day: number) => new Date(`2026-01-${String(day).padStart(2, '0')}T00:00:00Z`);
      const old = aFamily({ userId: 'u20', lastActiveAt: at(2) });
      const recent = aFamily({ userId: 'u20', lastActiveAt: at(5) });
      const revoked = aFamily({ userId: 'u20', lastActiveAt: at(6) });
      const expired = aFamily({ userId: 'u20', lastActiveAt: at(7), expiresAt: at(9) });
      const others = aFamily({ userId: 'u21', lastActiveAt: at(8) });
      for (const f of [old, recent, revoked, expired, others]) await store.create(f);
      await store.revoke(revoked.id, at(6));
      const listed = await store.listActiveForUser('u20', at(10));
      same(
        listed.map((f) => f.id),
        [recent.id, old.id],
        'live ones, latest first',
      );
      same(listed[0]!.device, recent.device, 'with the device it signed in from');
      same(await store.listActiveForUser('u-none', at(10)), [], 'nobody');
    });

    test('activity moves lastActiveAt forward only and records the address; a rotation is activity', async (s) => {
      const at = (hour: number) => new Date(`2026-01-02T${String(hour).padStart(2, '0')}:00:00Z`);
      const family = aFamily({ userId: 'u22', tokenHash: 't1', lastActiveAt: at(1) });
      await s.create(family);
      await s.touch(family.id, at(5), '198.51.100.7');
      await s.touch(family.id, at(3));
      let found = await s.findById(family.id);
      same([found?.lastActiveAt.getTime(), found?.device.ip], [at(5).getTime(), '198.51.100.7'], 'later kept, ip set');
      same(found?.device.name, 'phone', 'the rest of the device untouched');
      await s.rotate(family.id, 't1', 't2', at(7), new Date('2026-03-01T00:00:00Z'));
      found = await s.findById(family.id);
      same(found?.lastActiveAt.getTime(), at(7).getTime(), 'a refresh is activity');
      await s.revoke(family.id, at(8));
      await s.touch(family.id, at(9), '203.0.113.9');
      found = await s.findById(family.id);
      same([found?.lastActiveAt.getTime(), found?.device.ip], [at(7).getTime(), '198.51.100.7'], 'revoked: left alone');
      await s.touch('no-such-family', at(9));
    });

    test('a family is found by id, revoked or not, until swept', async (store) => {
      const family = aFamily({ userId: 'u7', tokenHash: 'f1', expiresAt: new Date('2026-01-02T00:00:00Z') });
      await store.create(family);
      same((await store.findById(family.id))?.userId, 'u7', 'found');
      same((await store.findById(family.id))?.revokedAt, null, 'live');
      await store.revoke(family.id, new Date('2026-01-01T12:00:00Z'));
      same(
        (await store.findById(family.id))?.revokedAt?.getTime(),
        new Date('2026-01-01T12:00:00Z').getTime(),
        'revoked, with its time',
      );
      same(await store.findById('no-such-family'), null, 'unknown id');
      await store.deleteExpired(new Date('2026-01-10T00:00:00Z'));
      same(await store.findById(family.id), null, 'swept');
    });

    test(
      'every spent hash stays known as a previous one, however many rotations, until the family is ' + 'swept',
      async (store) => {
        const family = aFamily({ tokenHash: 'r0', expiresAt: new Date('2026-01-05T00:00:00Z') });
        await store.create(family);
        for (let i = 0; i < 30; i += 1)
          same(
            await store.rotate(family.id, `r${i}`, `r${i + 1}`, new Date(), new Date('2026-01-05T00:00:00Z')),
            true,
            `rotation ${i}`,
          );
        same(
          [
            (await store.findByTokenHash('r0'))?.current,
            (await store.findByTokenHash('r17'))?.current,
            (await store.findByTokenHash('r30'))?.current,
          ],
          [false, false, true],
          'old hashes found as previous',
        );
        same((await store.findByTokenHash('r3'))?.session.id, family.id, 'of the right family');
        same(await store.deleteExpired(new Date('2026-01-10T00:00:00Z')), 1, 'the family is swept');
        same(
          [await store.findByTokenHash('r0'), await store.findByTokenHash('r30')],
          [null, null],
          'and its spent hashes with it',
        );
      },
    );

    test('deleteExpired removes expired and long-revoked families only', async (store) => {
      await store.create(aFamily({ tokenHash: 'old', expiresAt: new Date('2026-01-02T00:00:00Z') }));
      await store.create(aFamily({ tokenHash: 'live', expiresAt: new Date('2026-06-01T00:00:00Z') }));
      same(await store.deleteExpired(new Date('2026-01-10T00:00:00Z')), 1, 'one removed');
      same(await store.findByTokenHash('old'), null, 'expired gone');
      same((await store.findByTokenHash('live'))?.current, true, 'live kept');
    });
  });
}
