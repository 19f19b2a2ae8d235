import type { ViewStore } from '../modules/messaging/index.js';
import { same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const at = new Date('2026-01-01T00:00:00Z');

export function viewStoreContract(t: TestApi, factory: FixtureFactory<ViewStore>): void {
  const test = testWith(t, factory);
  t.describe('ViewStore contract', () => {
    test('counts each person once per post, also when they report a view many times at once', async (store) => {
      const firsts = await Promise.all(Array.from({ length: 8 }, () => store.record('c1', 'ann', ['m1'], at)));
      same(firsts.flat(), ['m1'], 'counted once');
      same(await store.record('c1', 'ann', ['m1', 'm2'], at), ['m2'], 'only the new one counts');
      await store.record('c1', 'bob', ['m1'], at);
      same(
        await store.count(['m1', 'm2', 'm3']),
        new Map([
          ['m1', 2],
          ['m2', 1],
        ]),
        'counts per post',
      );
    }, 30_000);
  });
}
