import type { EditHistoryStore } from '../modules/messaging/index.js';
import { same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const draft = (messageId: string, content: string, minute: number) => ({
  messageId,
  conversationId: 'c1',
  content,
  writtenAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
  replacedAt: new Date(Date.UTC(2026, 0, 1, 0, minute + 1)),
});

export function editHistoryStoreContract(t: TestApi, factory: FixtureFactory<EditHistoryStore>): void {
  const test = testWith(t, factory);
  t.describe('EditHistoryStore contract', () => {
    test('numbers versions 1, 2, 3 per message and lists them oldest first', async (store) => {
      same((await store.append(draft('m1', 'first', 0))).version, 1, 'first version');
      same((await store.append(draft('m1', 'second', 1))).version, 2, 'second version');
      same((await store.append(draft('m2', 'other', 0))).version, 1, 'another message starts at 1');
      same(
        await store.list('m1'),
        [
          { ...draft('m1', 'first', 0), version: 1 },
          { ...draft('m1', 'second', 1), version: 2 },
        ],
        'as stored',
      );
      same(await store.list('m3'), [], 'none');
    });

    test('dense numbers under concurrent appends', async (store) => {
      await Promise.all(Array.from({ length: 10 }, (_, i) => store.append(draft('m1', `v${i}`, i))));
      same(
        (await store.list('m1')).map((v) => v.version),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        'no gap, no duplicate',
      );
    }, 30_000);

    test('removes all versions of a message', async (store) => {
      await store.append(draft('m1', 'a', 0));
      await store.append(draft('m1', 'b', 1));
      await store.append(draft('m2', 'c', 0));
      same(await store.removeAllForMessage('m1'), 2, 'two removed');
      same(await store.list('m1'), [], 'gone');
      same((await store.list('m2')).length, 1, 'others stay');
    });
  });
}
