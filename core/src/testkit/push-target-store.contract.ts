import type { PushTarget, PushTargetStore } from '../modules/delivery/index.js';
import { same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const aTarget = (address: string, overrides: Partial<PushTarget> = {}): PushTarget => ({
  id: `webpush:${address}`,
  kind: 'webpush',
  address,
  keys: { p256dh: 'p', auth: 'a' },
  userId: 'u1',
  sessionId: 's1',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  ...overrides,
});

export function pushTargetStoreContract(t: TestApi, factory: FixtureFactory<PushTargetStore>): void {
  const test = testWith(t, factory);
  t.describe('PushTargetStore contract', () => {
    test("lists users' devices; a device registered again belongs to whoever registered it last", async (store) => {
      const phone = aTarget('https://push.test/1');
      await store.register(phone);
      await store.register(aTarget('https://push.test/2', { userId: 'u2', sessionId: 's2' }));
      same(
        (await store.listForUsers(['u1'])).map((x) => x.id),
        [phone.id],
        "u1's",
      );
      await store.register({ ...phone, userId: 'u3', sessionId: 's3' });
      same(await store.listForUsers(['u1']), [], 'moved away');
      same((await store.listForUsers(['u3', 'u2'])).map((x) => x.userId).sort(), ['u2', 'u3'], 'both');
      same(await store.listForUsers([]), [], 'nobody');
    });

    test('a device goes by its id or with the session that registered it', async (store) => {
      await store.register(aTarget('https://push.test/a', { sessionId: 'sa' }));
      await store.register(aTarget('https://push.test/b', { sessionId: 'sb' }));
      await store.register(aTarget('https://push.test/c', { sessionId: 'sb' }));
      await store.remove('webpush:https://push.test/a');
      await store.removeForSession('sb');
      same(await store.listForUsers(['u1']), [], 'all gone');
    });
  });
}
