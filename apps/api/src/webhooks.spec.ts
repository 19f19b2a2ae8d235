import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from './server.js';
import { call, signUp, startTestApi, type Client } from './test-server.js';

/**
 * Integration webhooks' edges on the embedded adapters: who may manage them, what a request must say, a receiver
 * that keeps failing pauses its webhook (resumed, it gets what waited), and secrets are shown only once.
 * (Delivery across a restart and a receiver outage, and replays: webhooks.integration.spec.ts.)
 */
let api: RunningApi;
let root: Client;
let ann: Client;
let conversationId: string;
let server: Server;
let url = '';
let failing = true;
let answerAfterMs = 0;
const got: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failing) return res.writeHead(500).end();
      got.push((JSON.parse(Buffer.concat(chunks).toString()) as { id: string }).id);
      setTimeout(() => res.writeHead(200).end(), answerAfterMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/in`;
  api = await startTestApi({
    ADMIN_EMAILS: 'hooks_root@example.test',
    BOT_WEBHOOK_ALLOW_HTTP: 'true',
    BOT_WEBHOOK_ALLOW_PRIVATE_HOSTS: 'true',
    WEBHOOK_RETRY_DELAYS_MS: '50',
    WEBHOOK_PAUSE_AFTER_FAILURES: '3',
  });
  root = await signUp(api, 'hooks_root');
  ann = await signUp(api, 'hooks_ann');
  conversationId = (
    await call(api, 'POST', '/api/v1/conversations', { token: ann.accessToken, body: { kind: 'group', name: 'G' } })
  ).body.id;
});

afterAll(async () => {
  await api.stop();
  await new Promise<void>((r) => server.close(() => r()));
});

const admin = (method: string, path: string, body?: unknown, who: Client = root) =>
  call(api, method, `/api/v1/admin/webhooks${path}`, { token: who.accessToken, ...(body ? { body } : {}) });

describe('integration webhooks (embedded)', () => {
  it('are for platform admins only', async () => {
    expect((await admin('POST', '', { url, conversationIds: [conversationId] }, ann)).body.error.code).toBe(
      'staff_only',
    );
    const made = await admin('POST', '', { url, conversationIds: [conversationId] });
    expect(made.status).toBe(201);
    for (const [method, path, body] of [
      ['GET', ''],
      ['GET', `/${made.body.webhook.id}`],
      ['PATCH', `/${made.body.webhook.id}`, { state: 'paused' }],
      ['POST', `/${made.body.webhook.id}/replay`, { from: 1 }],
      ['GET', `/${made.body.webhook.id}/failures`],
      ['DELETE', `/${made.body.webhook.id}`],
    ] as const)
      expect((await admin(method, path, body, ann)).status, `${method} ${path}`).toBe(403);
    expect((await admin('DELETE', `/${made.body.webhook.id}`)).status).toBe(204);
    expect((await admin('GET', `/${made.body.webhook.id}`)).status).toBe(404);
  });

  it('refuse no scope, both scopes, a missing conversation, unknown event types', async () => {
    for (const body of [
      { url },
      { url, platform: true, conversationIds: [conversationId] },
      { url, conversationIds: [conversationId], eventTypes: ['message.teleported'] },
      { url: 'ftp://example.com/x', conversationIds: [conversationId] },
    ])
      expect((await admin('POST', '', body)).status, JSON.stringify(body)).toBe(422);
    expect((await admin('POST', '', { url, conversationIds: ['nope'] })).status).toBe(404);
    const made = await admin('POST', '', { url, conversationIds: [conversationId] });
    expect((await admin('POST', `/${made.body.webhook.id}/replay`, { from: 0 })).status).toBe(422);
    expect((await admin('POST', `/${made.body.webhook.id}/replay`, { from: 1, conversationId: 'other' })).status).toBe(
      404,
    );
    await admin('DELETE', `/${made.body.webhook.id}`);
  });

  it('pause after repeated failures; resumed, deliver what waited; show a secret only when it is made', async () => {
    failing = true;
    const made = await admin('POST', '', { url, conversationIds: [conversationId], eventTypes: ['message.created'] });
    const hook = made.body.webhook.id as string;
    expect(made.body.webhook.secrets).toEqual([expect.objectContaining({ last4: made.body.secret.slice(-4) })]);
    expect(JSON.stringify((await admin('GET', `/${hook}`)).body)).not.toContain(made.body.secret);
    const sent = await call(api, 'POST', `/api/v1/conversations/${conversationId}/messages`, {
      token: ann.accessToken,
      body: { content: 'hello hooks' },
    });
    await expect
      .poll(async () => (await admin('GET', `/${hook}`)).body, { timeout: 10_000 })
      .toMatchObject({ state: 'paused', pausedReason: 'failing' });
    const failures = (await admin('GET', `/${hook}/failures`)).body.data;
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect(failures[0]).toMatchObject({
      status: 500,
      eventSeq: sent.body.eventSeq,
      error: 'the receiver answered 500',
    });
    failing = false;
    expect((await admin('PATCH', `/${hook}`, { state: 'active' })).body).toMatchObject({
      state: 'active',
      pausedReason: null,
    });
    await expect.poll(() => got, { timeout: 10_000 }).toEqual([`evt_${conversationId}_${sent.body.eventSeq}`]);
    const rotated = await admin('POST', `/${hook}/secret`, { keepOldForMs: 0 });
    expect(rotated.body.webhook.secrets).toEqual([
      expect.objectContaining({ last4: rotated.body.secret.slice(-4), expiresAt: null }),
    ]);
    await admin('DELETE', `/${hook}`);
  });

  it('a round passes over a conversation another round is delivering, and says so; the event goes once', async () => {
    failing = false;
    got.length = 0;
    answerAfterMs = 300;
    const made = await admin('POST', '', { url, conversationIds: [conversationId], eventTypes: ['message.created'] });
    const sent = await call(api, 'POST', `/api/v1/conversations/${conversationId}/messages`, {
      token: ann.accessToken,
      body: { content: 'one round at a time' },
    });
    const deliver = () => api.parley.integrations.deliverWebhooks.execute();
    // Two rounds at once (and the server's own, once a second): one holds the conversation while its receiver
    // takes 300 ms; another finds it held.
    const rounds = await Promise.all([deliver(), deliver()]);
    const busy = rounds.reduce((n, r) => n + (r.ok ? r.value.busy : 0), 0);
    expect(busy).toBeGreaterThanOrEqual(1);
    await expect.poll(() => got, { timeout: 10_000 }).toEqual([`evt_${conversationId}_${sent.body.eventSeq}`]);
    answerAfterMs = 0;
    await expect
      .poll(async () => {
        const after = await deliver();
        return after.ok && after.value.busy;
      })
      .toBe(0);
    expect(got).toHaveLength(1);
    await admin('DELETE', `/${made.body.webhook.id}`);
  });
});
