import type { TotpAuthenticator, TwoFactor, TwoFactorStore } from '../modules/identity/index.js';
import { same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const aState = (overrides: Partial<TwoFactor> = {}): TwoFactor => ({
  userId: 'u1',
  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  enabledAt: null,
  recoveryCodeHashes: [],
  createdAt: new Date('2026-01-01T00:00:00Z'),
  ...overrides,
});

export function twoFactorStoreContract(t: TestApi, factory: FixtureFactory<TwoFactorStore>): void {
  const test = testWith(t, factory);
  t.describe('TwoFactorStore contract', () => {
    test("an account's state is stored whole, replaced, and removed", async (store) => {
      same(await store.get('u1'), null, 'none at first');
      await store.put(aState());
      const enabled = aState({ enabledAt: new Date('2026-01-02T00:00:00Z'), recoveryCodeHashes: ['h1', 'h2'] });
      await store.put(enabled);
      same(await store.get('u1'), enabled, 'replaced');
      await store.remove('u1');
      same(await store.get('u1'), null, 'removed');
    });

    test('of ten racing spends of one code exactly one wins; other accounts and keys are apart', async (store) => {
      const until = new Date(Date.now() + 60_000);
      const wins = await Promise.all(Array.from({ length: 10 }, () => store.spend('u2', 'step:7', until)));
      same(wins.filter(Boolean).length, 1, 'one spend');
      same(
        [await store.spend('u3', 'step:7', until), await store.spend('u2', 'step:8', until)],
        [true, true],
        'another account, another step',
      );
      same(await store.countSpent('u2', ['step:7', 'step:8', 'step:9']), 2, 'counted');
      same(await store.countSpent('u2', []), 0, 'nothing asked');
    });

    test('spent marks are swept once they expire, and live ones stay spent', async (store) => {
      await store.spend('u4', 'step:1', new Date('2026-01-01T00:05:00Z'));
      await store.spend('u4', 'recovery:h', new Date('2036-01-01T00:00:00Z'));
      same(await store.deleteExpired(new Date('2026-01-01T01:00:00Z')), 1, 'the step mark');
      same(
        [await store.spend('u4', 'step:1', new Date()), await store.spend('u4', 'recovery:h', new Date())],
        [true, false],
        'the recovery code stays spent',
      );
    });
  });
}

/** RFC 6238 appendix B (SHA-1), the last six digits: what every authenticator app computes. */
export function totpAuthenticatorContract(t: TestApi, make: () => TotpAuthenticator): void {
  t.describe('TotpAuthenticator contract', () => {
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
    t.it('accepts the RFC 6238 test vectors at their time, a step either side, and names their step', async () => {
      const totp = make();
      same(await totp.check(rfcSecret, '287082', new Date(59_000)), 1, 'T=59');
      same(await totp.check(rfcSecret, '081804', new Date(1_111_111_109_000)), 37_037_036, 'T=1111111109');
      same(await totp.check(rfcSecret, '081804', new Date(1_111_111_109_000 + 30_000)), 37_037_036, 'a step late');
      same(await totp.check(rfcSecret, '081804', new Date(1_111_111_109_000 + 90_000)), null, 'three steps late');
      same(await totp.check(rfcSecret, '000000', new Date(59_000)), null, 'a wrong code');
    });

    t.it('makes distinct secrets, a URI an app reads, and recovery codes', async () => {
      const totp = make();
      const [a, b] = [totp.newSecret(), totp.newSecret()];
      same(a !== b && /^[A-Z2-7]{32}$/.test(a), true, '160-bit base32 secrets');
      const uri = totp.uri(a, 'ann@example.test');
      same(uri.startsWith('otpauth://totp/') && uri.includes(`secret=${a}`), true, 'an otpauth URI');
      const codes = new Set(Array.from({ length: 20 }, () => totp.newRecoveryCode()));
      same(codes.size, 20, 'recovery codes differ');
      same(
        [...codes].every((c) => /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/.test(c)),
        true,
        'easy to type',
      );
    });
  });
}
