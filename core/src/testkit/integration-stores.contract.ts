import type {
  IntegrationWebhook,
  IntegrationWebhookStore,
  WebhookCursor,
  WebhookDeliveryLog,
} from '../modules/integrations/index.js';
import { check, same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

const at = (iso: string) => new Date(iso);

const aWebhook = (id: string, overrides: Partial<IntegrationWebhook> = {}): IntegrationWebhook => ({
  id,
  ownerId: 'admin',
  url: 'https://hooks.example.com/parley',
  description: '',
  scope: { kind: 'conversations', conversationIds: ['c1', 'c2'] },
  eventTypes: null,
  secrets: [{ secret: 'whsec_one', createdAt: at('2026-01-01T00:00:00Z'), expiresAt: null }],
  state: 'active',
  pausedReason: null,
  createdAt: at('2026-01-01T00:00:00Z'),
  updatedAt: at('2026-01-01T00:00:00Z'),
  ...overrides,
});

export function integrationWebhookStoreContract(t: TestApi, factory: FixtureFactory<IntegrationWebhookStore>): void {
  const test = testWith(t, factory);
  t.describe('IntegrationWebhookStore contract', () => {
    test('stores webhooks, lists them by id and the active ones, patches and deletes', async (store) => {
      await store.create(aWebhook('w2', { scope: { kind: 'platform' }, eventTypes: ['message.created'] }));
      await store.create(aWebhook('w1'));
      await store.create(aWebhook('w3', { state: 'paused', pausedReason: 'manual' }));
      same(
        await store.findById('w2'),
        aWebhook('w2', { scope: { kind: 'platform' }, eventTypes: ['message.created'] }),
        'as stored',
      );
      same(
        (await store.list({ limit: 2 })).map((w) => w.id),
        ['w1', 'w2'],
        'by id',
      );
      same(
        (await store.list({ afterId: 'w2', limit: 5 })).map((w) => w.id),
        ['w3'],
        'after a cursor',
      );
      same((await store.listActive()).map((w) => w.id).sort(), ['w1', 'w2'], 'the active ones');
      const secrets = [
        { secret: 'whsec_two', createdAt: at('2026-01-02T00:00:00Z'), expiresAt: null },
        { secret: 'whsec_one', createdAt: at('2026-01-01T00:00:00Z'), expiresAt: at('2026-01-03T00:00:00Z') },
      ];
      const paused = await store.update('w1', { state: 'paused', pausedReason: 'failing', secrets });
      same(
        [paused?.state, paused?.pausedReason, paused?.secrets, paused?.url],
        ['paused', 'failing', secrets, aWebhook('w1').url],
        'patched',
      );
      same(await store.update('nope', { state: 'active' }), null, 'no such webhook');
      check(await store.delete('w1'), 'deleted');
      check(!(await store.delete('w1')), 'gone');
      same(await store.findById('w1'), null, 'not found after');
    });
  });
}

const aCursor = (webhookId: string, conversationId: string, overrides: Partial<WebhookCursor> = {}): WebhookCursor => ({
  webhookId,
  conversationId,
  deliveredThrough: 0,
  failures: 0,
  retryAt: null,
  lastError: null,
  updatedAt: at('2026-01-01T00:00:00Z'),
  ...overrides,
});

export function webhookDeliveryLogContract(t: TestApi, factory: FixtureFactory<WebhookDeliveryLog>): void {
  const test = testWith(t, factory);
  t.describe('WebhookDeliveryLog contract', () => {
    test('starts a cursor once per pair, replaces it, and lists a webhook’s by conversation', async (log) => {
      same(
        await log.start(aCursor('w1', 'c2', { deliveredThrough: 5 })),
        aCursor('w1', 'c2', { deliveredThrough: 5 }),
        'started',
      );
      same((await log.start(aCursor('w1', 'c2', { deliveredThrough: 9 }))).deliveredThrough, 5, 'the first start wins');
      await log.start(aCursor('w1', 'c1'));
      await log.start(aCursor('w2', 'c1'));
      const failed = aCursor('w1', 'c2', {
        deliveredThrough: 7,
        failures: 2,
        retryAt: at('2026-01-01T00:01:00Z'),
        lastError: 'the receiver answered 500',
      });
      await log.save(failed);
      same(await log.cursor('w1', 'c2'), failed, 'replaced');
      same(await log.cursor('w1', 'c9'), null, 'none');
      same(
        (await log.cursors('w1', { limit: 10 })).map((c) => c.conversationId),
        ['c1', 'c2'],
        'by conversation',
      );
      same(
        (await log.cursors('w1', { afterConversationId: 'c1', limit: 10 })).map((c) => c.conversationId),
        ['c2'],
        'a page',
      );
    });

    test('moves a platform mark forward only, keeps failures newest first, and forgets a webhook', async (log) => {
      same(await log.sweptThrough('w1'), null, 'no mark yet');
      await log.markSwept('w1', at('2026-01-02T00:00:00Z'));
      await log.markSwept('w1', at('2026-01-01T00:00:00Z'));
      same(await log.sweptThrough('w1'), at('2026-01-02T00:00:00Z'), 'never backwards');
      const failure = (id: string, minute: number) => ({
        id,
        webhookId: 'w1',
        conversationId: 'c1',
        eventId: `evt_c1_${minute}`,
        eventSeq: minute,
        at: at(`2026-01-01T00:0${minute}:00Z`),
        status: minute === 2 ? null : 500,
        error: 'boom',
      });
      await log.recordFailure(failure('f1', 1));
      await log.recordFailure(failure('f2', 2));
      await log.recordFailure({ ...failure('f3', 3), webhookId: 'w2' });
      same(await log.failures('w1', 10), [failure('f2', 2), failure('f1', 1)], 'newest first, its own');
      same((await log.failures('w1', 1)).length, 1, 'at most the limit');
      await log.start(aCursor('w1', 'c1'));
      await log.forget('w1');
      same(
        [await log.cursor('w1', 'c1'), await log.sweptThrough('w1'), await log.failures('w1', 10)],
        [null, null, []],
        'forgotten',
      );
      same((await log.failures('w2', 10)).length, 1, 'others kept');
    });
  });
}
