import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '@parley/client';
import { FetchEventWebhookSender } from './fetch-event-webhook-sender.js';

let server: Server;
let base = '';
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/moved') return res.writeHead(307, { location: '/ok' }).end();
      if (req.url === '/slow') return setTimeout(() => res.writeHead(200).end(), 500);
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(req.url === '/broken' ? 503 : 204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('FetchEventWebhookSender', () => {
  it('posts the body as is, signed with every secret (the SDK verifies it), with the event headers', async () => {
    const sender = new FetchEventWebhookSender();
    const body = JSON.stringify({ id: 'evt_c1_1', text: 'héllo ✓' });
    const timestamp = Math.floor(Date.now() / 1000);
    expect(
      await sender.post(
        `${base}/ok`,
        body,
        { secrets: ['whsec_new', 'whsec_old'], timestamp },
        { 'parley-event-id': 'evt_c1_1' },
      ),
    ).toEqual({ status: 204 });
    const got = received.at(-1)!;
    expect(got.body).toBe(body);
    expect(got.headers).toMatchObject({ 'content-type': 'application/json', 'parley-event-id': 'evt_c1_1' });
    const signature = String(got.headers['parley-signature']);
    expect(signature).toMatch(new RegExp(`^t=${timestamp},v1=[0-9a-f]{64},v1=[0-9a-f]{64}$`));
    for (const secret of ['whsec_new', 'whsec_old'])
      expect(await verifyWebhookSignature(signature, got.body, secret)).toEqual({ ok: true });
    expect(await verifyWebhookSignature(signature, got.body, 'whsec_other')).toMatchObject({ ok: false });
  });

  it('tells the status, follows no redirect, gives up after its timeout, and never throws', async () => {
    const sender = new FetchEventWebhookSender(100);
    const signing = { secrets: ['s'], timestamp: 1 };
    expect(await sender.post(`${base}/broken`, '{}', signing, {})).toEqual({ status: 503 });
    expect(await sender.post(`${base}/moved`, '{}', signing, {})).toEqual({ status: 307 });
    expect(await sender.post(`${base}/slow`, '{}', signing, {})).toEqual({ error: 'Read timeout expired' });
    expect(await sender.post('http://127.0.0.1:1/nobody', '{}', signing, {})).toMatchObject({
      error: expect.any(String),
    });
  });
});
