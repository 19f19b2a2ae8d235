import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchBotWebhookSender } from './fetch-bot-webhook-sender.js';

let server: Server;
let base = '';
const received: { headers: Record<string, unknown>; body: unknown }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/moved') return res.writeHead(302, { location: '/ok' }).end();
      if (req.url === '/slow') return setTimeout(() => res.writeHead(200).end(), 500);
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
      res.writeHead(req.url === '/broken' ? 500 : 200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('FetchBotWebhookSender', () => {
  it('posts the update as JSON with the secret token, and tells the status', async () => {
    const sender = new FetchBotWebhookSender();
    expect(await sender.post(`${base}/ok`, { update_id: 1 }, 's3cret')).toEqual({ status: 200 });
    expect(received.at(-1)).toMatchObject({
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 's3cret' },
      body: { update_id: 1 },
    });
    expect(await sender.post(`${base}/broken`, {}, null)).toEqual({ status: 500 });
    expect(received.at(-1)!.headers).not.toHaveProperty('x-telegram-bot-api-secret-token');
  });

  it('follows no redirect, gives up after its timeout, and never throws', async () => {
    const sender = new FetchBotWebhookSender(100);
    expect(await sender.post(`${base}/moved`, {}, null)).toEqual({ status: 302 });
    expect(await sender.post(`${base}/slow`, {}, null)).toEqual({ error: 'Read timeout expired' });
    expect(await sender.post('http://127.0.0.1:1/nobody', {}, null)).toMatchObject({ error: expect.any(String) });
  });
});
