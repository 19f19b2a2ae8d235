import type { PollStore } from '../modules/messaging/index.js';
import { same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const ballot = (messageId: string, userId: string, optionIds: string[], second: number) => ({
  messageId,
  conversationId: 'c1',
  userId,
  optionIds,
  castAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)),
});

export function pollStoreContract(t: TestApi, factory: FixtureFactory<PollStore>): void {
  const test = testWith(t, factory);
  t.describe('PollStore contract', () => {
    test('one ballot per user per poll, also when cast many times at once', async (store) => {
      const cast = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.cast(ballot('m1', 'ann', [String(i % 3)], i))),
      );
      same(cast.filter(Boolean).length, 1, 'one ballot stored');
      same((await store.ballots('m1')).length, 1, 'one ballot listed');
      same(await store.cast(ballot('m2', 'ann', ['0'], 1)), true, 'another poll is another ballot');
    }, 30_000);

    test('lists ballots in casting order; a retracted ballot may be cast again', async (store) => {
      await store.cast(ballot('m1', 'ann', ['0', '2'], 1));
      await store.cast(ballot('m1', 'bob', ['1'], 2));
      same(
        await store.ballots('m1'),
        [ballot('m1', 'ann', ['0', '2'], 1), ballot('m1', 'bob', ['1'], 2)],
        'as stored, in order',
      );
      same(await store.retract('m1', 'ann'), true, 'retracted');
      same(await store.retract('m1', 'ann'), false, 'nothing left to retract');
      same(await store.cast(ballot('m1', 'ann', ['1'], 3)), true, 'cast again');
      same(
        (await store.ballots('m1')).map((b) => [b.userId, b.optionIds]),
        [
          ['bob', ['1']],
          ['ann', ['1']],
        ],
        'the new ballot',
      );
      same(await store.removeAllForMessage('m1'), 2, 'all removed');
      same(await store.ballots('m1'), [], 'none left');
    });
  });
}
