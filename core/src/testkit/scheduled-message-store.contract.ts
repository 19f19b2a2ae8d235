import type { ScheduledMessage } from '../modules/messaging/index.js';
import type { ScheduledMessageStore } from '../modules/messaging/index.js';
import { same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n));
const scheduled = (id: string, sendAtMinute: number, overrides: Partial<ScheduledMessage> = {}): ScheduledMessage => ({
  id,
  conversationId: 'c1',
  senderId: 'ann',
  content: `text ${id}`,
  attachmentIds: [],
  replyToId: null,
  metadata: { mentions: [] },
  sendAt: minute(sendAtMinute),
  state: 'scheduled',
  messageId: null,
  failure: null,
  createdAt: minute(0),
  updatedAt: minute(0),
  ...overrides,
});

export function scheduledMessageStoreContract(t: TestApi, factory: FixtureFactory<ScheduledMessageStore>): void {
  const test = testWith(t, factory);
  t.describe('ScheduledMessageStore contract', () => {
    test("lists a sender's waiting messages in a conversation, the soonest first", async (store) => {
      await store.create(scheduled('s2', 20));
      await store.create(scheduled('s1', 10));
      await store.create(scheduled('s3', 5, { senderId: 'bob' }));
      await store.create(scheduled('s4', 5, { conversationId: 'c2' }));
      await store.create(scheduled('s5', 1));
      await store.settle('s5', 'cancelled', minute(0));
      same(await store.findById('s1'), scheduled('s1', 10), 'as stored');
      same(
        (await store.listScheduled('ann', 'c1')).map((s) => s.id),
        ['s1', 's2'],
        'waiting ones only',
      );
      same((await store.findById('s5'))?.state, 'cancelled', 'settled as cancelled');
    });

    test('settles once, whatever races', async (store) => {
      await store.create(scheduled('s1', 10));
      const outcomes: ('sent' | 'cancelled')[] = [
        'sent',
        'cancelled',
        'sent',
        'cancelled',
        'sent',
        'cancelled',
        'sent',
        'cancelled',
      ];
      const won = await Promise.all(outcomes.map((o) => store.settle('s1', o, minute(11))));
      same(won.filter(Boolean).length, 1, 'one settles it');
      same((await store.findById('s1'))?.state, outcomes[won.indexOf(true)], 'the winner decided');
      same(await store.settle('s1', 'cancelled', minute(12)), false, 'settled for good');
    }, 30_000);

    test('lists due messages still waiting, the soonest first', async (store) => {
      await store.create(scheduled('s1', 10));
      await store.create(scheduled('s2', 5));
      await store.create(scheduled('s3', 30));
      await store.create(scheduled('s4', 1));
      await store.settle('s4', 'cancelled', minute(2));
      same(
        (await store.listDue(minute(10), 10)).map((s) => s.id),
        ['s2', 's1'],
        'due at or before now, not settled',
      );
      same(
        (await store.listDue(minute(10), 1)).map((s) => s.id),
        ['s2'],
        'limited',
      );
    });

    test('reschedules only what is still waiting', async (store) => {
      await store.create(scheduled('s1', 10));
      const moved = await store.reschedule('s1', { content: 'new text', sendAt: minute(40), updatedAt: minute(3) });
      same([moved?.content, moved?.sendAt, moved?.updatedAt], ['new text', minute(40), minute(3)], 'changed');
      await store.settle('s1', 'sent', minute(41));
      same(await store.reschedule('s1', { content: 'too late', updatedAt: minute(42) }), null, 'not once settled');
      same((await store.findById('s1'))?.content, 'new text', 'unchanged');
    });

    test('finds what was settled as sent but never recorded as delivered', async (store) => {
      for (const id of ['s1', 's2', 's3']) await store.create(scheduled(id, 10));
      for (const id of ['s1', 's2', 's3']) await store.settle(id, 'sent', minute(11));
      await store.recordDelivery('s1', { messageId: 'm1' });
      await store.recordDelivery('s2', { failure: 'not_a_member' });
      same(
        (await store.listUndelivered(minute(12), 10)).map((s) => s.id),
        ['s3'],
        'only the one left in between',
      );
      same(await store.listUndelivered(minute(11), 10), [], 'not before the grace time');
      same([(await store.findById('s1'))?.state, (await store.findById('s1'))?.messageId], ['sent', 'm1'], 'delivered');
      same(
        [(await store.findById('s2'))?.state, (await store.findById('s2'))?.failure],
        ['failed', 'not_a_member'],
        'failed',
      );
    });
  });
}
