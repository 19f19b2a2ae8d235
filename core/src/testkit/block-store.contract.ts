import type { BlockStore } from '../modules/identity/index.js';
import { check, same } from './assert.js';
import { at } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const block = (blockerId: string, blockedId: string, when = '2026-01-01T00:00:00Z') => ({
  blockerId,
  blockedId,
  createdAt: at(when),
});

export function blockStoreContract(t: TestApi, factory: FixtureFactory<BlockStore>): void {
  const test = testWith(t, factory);
  t.describe('BlockStore contract', () => {
    test('a block is one way, stored once, and listed latest first', async (store) => {
      same(await store.add(block('bob', 'ann')), true, 'stored');
      same(await store.add(block('bob', 'ann')), false, 'twice is once');
      await store.add(block('bob', 'cat', '2026-01-02T00:00:00Z'));
      same(
        (await store.list('bob', 10)).map((b) => b.blockedId),
        ['cat', 'ann'],
        'latest first',
      );
      same((await store.list('bob', 1)).length, 1, 'at most the limit');
      same((await store.list('ann', 10)).length, 0, 'ann blocked nobody');
      same((await store.list('bob', 10))[1]?.createdAt, at('2026-01-01T00:00:00Z'), 'the time round-trips');
    });

    test('between is either way; blockersOf names who blocked someone among candidates', async (store) => {
      await store.add(block('bob', 'ann'));
      await store.add(block('cat', 'ann'));
      check(await store.between('ann', 'bob'), 'ann and bob, asked one way');
      check(await store.between('bob', 'ann'), 'and the other');
      check(!(await store.between('ann', 'dan')), 'nobody else');
      same((await store.blockersOf('ann', ['bob', 'cat', 'dan'])).sort(), ['bob', 'cat'], 'who blocked ann');
      same(await store.blockersOf('bob', ['ann', 'cat']), [], 'nobody blocked bob');
      same(await store.blockersOf('ann', []), [], 'no candidates');
    });

    test('unblocking removes the block, once', async (store) => {
      await store.add(block('bob', 'ann'));
      same(await store.remove('bob', 'ann'), true, 'removed');
      same(await store.remove('bob', 'ann'), false, 'already gone');
      check(!(await store.between('ann', 'bob')), 'no block left');
      same(await store.add(block('bob', 'ann')), true, 'can block again');
    });
  });
}
