import type { ContentFilter, ContentFilterStore } from '../modules/moderation/index.js';
import { same } from './assert.js';
import { at } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const filter = (id: string, pattern: string, kind: ContentFilter['kind'] = 'word'): ContentFilter => ({
  id,
  kind,
  pattern,
  action: 'block',
  note: null,
  createdBy: 'mo',
  createdAt: at('2026-02-01T00:00:00Z'),
});

export function contentFilterStoreContract(t: TestApi, factory: FixtureFactory<ContentFilterStore>): void {
  const test = testWith(t, factory);
  t.describe('ContentFilterStore contract', () => {
    test('filters are stored once per kind and pattern, listed oldest first and removed by id', async (store) => {
      same(await store.list(), [], 'none at first');
      same(await store.add(filter('f1', 'spam')), true, 'added');
      same(await store.add(filter('f2', 'spam.example', 'link')), true, 'the same text as another kind');
      same(await store.add({ ...filter('f3', 'spam'), action: 'hold' }), false, 'a second of the same pattern');
      same(await store.list(), [filter('f1', 'spam'), filter('f2', 'spam.example', 'link')], 'as stored');
      same(await store.remove('f1'), true, 'removed');
      same(await store.remove('f1'), false, 'already gone');
      same(await store.add(filter('f4', 'spam')), true, 'the pattern is free again');
      same(
        (await store.list()).map((f) => f.id),
        ['f2', 'f4'],
        'what is left',
      );
    });

    test('ten racing adds of one pattern store one', async (store) => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.add(filter(`r${i}`, 'casino', 'word'))),
      );
      same(results.filter(Boolean).length, 1, 'one won');
      same((await store.list()).length, 1, 'one stored');
    });
  });
}
