import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { MongoClient } from 'mongodb';
import { verifyWebhookSignature, type WebhookDelivery } from '@parley/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call as callAt, eventually, startApi as startApiAt, type Running } from './fault-kit.js';

/**
 * Integration webhooks on the real adapters (MONGO_URL, REDIS_URL, AMQP_URL from scripts/services.sh env), through a
 * real API process: a receiver checks every delivery's signature and keeps what it got by event id, while the API is
 * killed (-9) and started again and the receiver is away for a while; it must end with every event of the
 * conversation once, in order, and get them again from an eventSeq when asked.
 */
for (const name of ['MONGO_URL', 'REDIS_URL'])
  if (!process.env[name]) throw new Error(`${name} is required (eval "$(scripts/services.sh env)")`);
const id = randomUUID().slice(0, 8);
const mongoUrl = new URL(process.env.MONGO_URL!);
mongoUrl.pathname = `/parley_webhooks_${id}`;
const apiEnv = {
  LOG_LEVEL: 'error',
  JWT_SECRET: 'webhooks-test-secret-'.padEnd(48, 'w'),
  MONGO_URL: mongoUrl.toString(),
  REDIS_PREFIX: `parley-webhooks:${id}:`,
  AMQP_PREFIX: `parley-webhooks-${id}`,
  TRUST_PROXY_HOPS: '1',
  DATA_DIR: `/tmp/parley-webhooks-${id}`,
  ADMIN_EMAILS: `root-${id}@hooks.test`,
  BOT_WEBHOOK_ALLOW_HTTP: 'true',
  BOT_WEBHOOK_ALLOW_PRIVATE_HOSTS: 'true',
  WEBHOOK_RETRY_DELAYS_MS: '100,200,400',
  WEBHOOK_PAUSE_AFTER_FAILURES: '1000',
};

let api: (Running & { base: string }) | null = null;
const call = (method: string, path: string, body?: unknown, token?: string) =>
  callAt(api!.base, method, path, body, token, 10_000);

/** The receiver: verifies each delivery with the secrets it knows, answers 503 while `down`, keeps all it got. */
const receiver = {
  secrets: [] as string[],
  down: false,
  deliveries: [] as WebhookDelivery[],
  refused: [] as string[],
  server: null as Server | null,
  url: '',
};

async function signUp(name: string): Promise<{ accessToken: string; user: { id: string } }> {
  const made = await call('POST', '/api/v1/auth/register', {
    email: `${name}-${id}@hooks.test`,
    username: `${name}_${id}`,
    password: 'correct horse battery',
  });
  expect(made.status).toBe(201);
  return made.body;
}

beforeAll(async () => {
  receiver.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (receiver.down) return res.writeHead(503).end();
      const check = await verifyWebhookSignature(req.headers['parley-signature'] as string, raw, receiver.secrets);
      if (!check.ok) {
        receiver.refused.push(check.reason);
        return res.writeHead(400).end();
      }
      const delivery = JSON.parse(raw) as WebhookDelivery;
      expect(req.headers['parley-event-id']).toBe(delivery.id);
      receiver.deliveries.push(delivery);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.server!.listen(0, '127.0.0.1', () => r()));
  receiver.url = `http://127.0.0.1:${(receiver.server!.address() as { port: number }).port}/hooks`;
  api = await startApiAt(apiEnv);
}, 120_000);

afterAll(async () => {
  api?.child.kill('SIGKILL');
  await new Promise<void>((r) => receiver.server?.close(() => r()));
  const client = await new MongoClient(mongoUrl.toString()).connect();
  await client
    .db()
    .dropDatabase()
    .finally(() => client.close());
});

/** The conversation's event log, as a member reads it: every eventSeq after `after`. */
async function eventSeqs(token: string, conversationId: string, after: number): Promise<number[]> {
  const seqs: number[] = [];
  for (let from = after; ;) {
    const page = await call(
      'GET',
      `/api/v1/conversations/${conversationId}/events?after=${from}&limit=200`,
      undefined,
      token,
    );
    expect(page.status).toBe(200);
    seqs.push(...(page.body.events as { eventSeq: number }[]).map((e) => e.eventSeq));
    if (!page.body.hasMore) return seqs;
    from = page.body.lastEventSeq;
  }
}

const send = async (token: string, conversationId: string, content: string) => {
  const sent = await call(
    'POST',
    `/api/v1/conversations/${conversationId}/messages`,
    { content, clientMessageId: randomUUID() },
    token,
  );
  expect(sent.status).toBe(201);
  return sent.body as { id: string; seq: number };
};

describe('integration webhooks', () => {
  it('deliver every event once, in order and signed, across a receiver outage and a kill -9; then replay', async () => {
    const root = await signUp('root');
    const ann = await signUp('ann');
    const bob = await signUp('bob');
    const group = await call(
      'POST',
      '/api/v1/conversations',
      { kind: 'group', name: 'Hooked', memberIds: [bob.user.id] },
      ann.accessToken,
    );
    expect(group.status).toBe(201);
    const cid = group.body.id as string;
    const before = (await eventSeqs(ann.accessToken, cid, 0)).at(-1) ?? 0;

    expect(
      (
        await call(
          'POST',
          '/api/v1/admin/webhooks',
          { url: receiver.url, platform: true, conversationIds: [cid] },
          root.accessToken,
        )
      ).status,
    ).toBe(422);
    expect(
      (await call('POST', '/api/v1/admin/webhooks', { url: receiver.url, conversationIds: [cid] }, ann.accessToken))
        .status,
    ).toBe(403);
    const made = await call(
      'POST',
      '/api/v1/admin/webhooks',
      { url: receiver.url, conversationIds: [cid], description: 'audit trail' },
      root.accessToken,
    );
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^whsec_/);
    receiver.secrets = [made.body.secret];
    const hook = made.body.webhook.id as string;

    // Live: messages, an edit, a reaction.
    const first = await send(ann.accessToken, cid, 'one');
    for (let i = 2; i <= 10; i += 1) await send(i % 2 ? ann.accessToken : bob.accessToken, cid, `message ${i}`);
    expect(
      (
        await call(
          'PATCH',
          `/api/v1/conversations/${cid}/messages/${first.id}`,
          { content: 'one, edited' },
          ann.accessToken,
        )
      ).status,
    ).toBe(200);
    expect(
      (await call('POST', `/api/v1/messages/${first.id}/reactions`, { emoji: '👍' }, bob.accessToken)).status,
    ).toBeLessThan(300);
    const live = await eventSeqs(ann.accessToken, cid, before);
    expect(await eventually(() => receiver.deliveries.length >= live.length, 20_000)).toBe(true);

    // The receiver is away: deliveries fail and are kept for later; the failures are listed.
    receiver.down = true;
    for (let i = 11; i <= 20; i += 1) await send(ann.accessToken, cid, `message ${i}`);
    expect(
      await eventually(
        async () =>
          (await call('GET', `/api/v1/admin/webhooks/${hook}/failures`, undefined, root.accessToken)).body.data
            .length >= 2,
        20_000,
      ),
    ).toBe(true);
    const failure = (await call('GET', `/api/v1/admin/webhooks/${hook}/failures`, undefined, root.accessToken)).body
      .data[0];
    expect(failure).toMatchObject({ webhookId: hook, conversationId: cid, status: 503 });

    // kill -9 while the receiver is still away and events wait; a new process carries on from the cursors.
    api!.child.kill('SIGKILL');
    await new Promise((r) => api!.child.once('exit', r));
    api = await startApiAt(apiEnv);
    for (let i = 21; i <= 25; i += 1) await send(bob.accessToken, cid, `message ${i}`);
    receiver.down = false;
    const all = await eventSeqs(ann.accessToken, cid, before);
    expect(all.length).toBeGreaterThanOrEqual(27);
    expect(await eventually(() => new Set(receiver.deliveries.map((d) => d.id)).size >= all.length, 30_000)).toBe(true);
    const got = receiver.deliveries.filter((d) => d.conversationId === cid);
    expect(
      got.map((d) => d.eventSeq),
      'each event once, in order, none missing',
    ).toEqual(all);
    expect(got.map((d) => d.id)).toEqual(all.map((seq) => `evt_${cid}_${seq}`));
    expect(
      got.filter((d) => d.type === 'message.created').map((d) => (d.data.message as { content: string }).content),
    ).toContain('message 25');
    expect(got.some((d) => d.type === 'message.edited')).toBe(true);
    expect(got.some((d) => d.type === 'reaction.added')).toBe(true);
    expect(receiver.refused).toEqual([]);
    const status = await call('GET', `/api/v1/admin/webhooks/${hook}`, undefined, root.accessToken);
    expect(status.body.progress).toEqual([
      expect.objectContaining({ conversationId: cid, deliveredThrough: all.at(-1), failures: 0 }),
    ]);

    // A rotated secret: deliveries carry both signatures while the old one is kept.
    const rotated = await call(
      'POST',
      `/api/v1/admin/webhooks/${hook}/secret`,
      { keepOldForMs: 60_000 },
      root.accessToken,
    );
    expect(rotated.status).toBe(200);
    receiver.secrets = [rotated.body.secret];
    await send(ann.accessToken, cid, 'after rotation');
    expect(await eventually(() => receiver.deliveries.length === all.length + 1, 20_000)).toBe(true);
    const seen = receiver.deliveries.length;
    receiver.secrets = [made.body.secret];
    await send(ann.accessToken, cid, 'the old secret still signs');
    expect(await eventually(() => receiver.deliveries.length === seen + 1, 20_000)).toBe(true);
    expect(receiver.refused).toEqual([]);
    receiver.secrets = [rotated.body.secret];

    // Replay from an eventSeq: those events again, same ids, in order.
    const from = all[5]!;
    const replayed = await call('POST', `/api/v1/admin/webhooks/${hook}/replay`, { from }, root.accessToken);
    expect([replayed.status, replayed.body]).toEqual([202, { conversationId: cid, from }]);
    const everything = await eventSeqs(ann.accessToken, cid, before);
    const again = everything.filter((seq) => seq >= from);
    expect(await eventually(() => receiver.deliveries.length >= seen + 1 + again.length, 20_000)).toBe(true);
    expect(receiver.deliveries.slice(seen + 1).map((d) => d.eventSeq)).toEqual(again);
  }, 240_000);

  it('a platform webhook sees groups, not direct messages; filters by type; waits while paused', async () => {
    const root = (
      await call('POST', '/api/v1/auth/login', { login: `root-${id}@hooks.test`, password: 'correct horse battery' })
    ).body as { accessToken: string };
    const cat = await signUp('cat');
    const dan = await signUp('dan');
    const platform = await call(
      'POST',
      '/api/v1/admin/webhooks',
      { url: receiver.url, platform: true, eventTypes: ['message.created'] },
      root.accessToken,
    );
    expect(platform.status).toBe(201);
    receiver.secrets = [...receiver.secrets, platform.body.secret];
    const group = (
      await call(
        'POST',
        '/api/v1/conversations',
        { kind: 'group', name: 'Everywhere', memberIds: [dan.user.id] },
        cat.accessToken,
      )
    ).body.id as string;
    const dm = (
      await call('POST', '/api/v1/conversations', { kind: 'direct', memberIds: [dan.user.id] }, cat.accessToken)
    ).body.id as string;
    await send(cat.accessToken, dm, 'private');
    const sent = await send(cat.accessToken, group, 'public news');
    expect(
      await eventually(
        () => receiver.deliveries.some((d) => d.webhookId === platform.body.webhook.id && d.conversationId === group),
        20_000,
      ),
    ).toBe(true);
    const mine = () => receiver.deliveries.filter((d) => d.webhookId === platform.body.webhook.id);
    expect(mine().map((d) => [d.type, (d.data.message as { id: string }).id])).toEqual([['message.created', sent.id]]);
    expect(mine().some((d) => d.conversationId === dm)).toBe(false);

    // Failing: paused; resumed: what waited comes.
    const paused = await call(
      'PATCH',
      `/api/v1/admin/webhooks/${platform.body.webhook.id}`,
      { state: 'paused' },
      root.accessToken,
    );
    expect(paused.body).toMatchObject({ state: 'paused', pausedReason: 'manual' });
    await send(dan.accessToken, group, 'while paused');
    await new Promise((r) => setTimeout(r, 1500));
    expect(mine()).toHaveLength(1);
    expect(
      (await call('PATCH', `/api/v1/admin/webhooks/${platform.body.webhook.id}`, { state: 'active' }, root.accessToken))
        .status,
    ).toBe(200);
    expect(await eventually(() => mine().length === 2, 20_000)).toBe(true);
    expect((mine()[1]!.data.message as { content: string }).content).toBe('while paused');
  }, 120_000);
});
