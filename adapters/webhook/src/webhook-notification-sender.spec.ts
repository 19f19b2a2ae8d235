import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notification } from '@parley/core';
import { signWebhook, WebhookNotificationSender } from './webhook-notification-sender.js';

const notification: Notification = {
  userId: 'u1',
  email: 'u1@x.test',
  conversationId: 'c1',
  messageId: 'm1',
  title: 'Team',
  body: 'Ann: hi',
  mention: false,
  createdAt: new Date('2026-01-01T00:00:00Z'),
};

let close = async () => {};
afterEach(async () => close());

/** A real HTTP receiver answering with the given statuses in turn. */
async function receiver(statuses: number[]) {
  const got: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(statuses[Math.min(got.length - 1, statuses.length - 1)]!).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  close = () => new Promise((r) => server.close(() => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got };
}

describe('WebhookNotificationSender', () => {
  it('posts signed JSON the receiver can verify', async () => {
    const { url, got } = await receiver([204]);
    await new WebhookNotificationSender({ url, secret: 's3cret' }).send(notification);
    const [call] = got;
    expect(JSON.parse(call!.body).notification).toMatchObject({ userId: 'u1', title: 'Team' });
    expect(call!.headers['x-parley-signature']).toBe(
      signWebhook('s3cret', String(call!.headers['x-parley-timestamp']), call!.body),
    );
  });

  it('retries 5xx and succeeds', async () => {
    const { url, got } = await receiver([503, 500, 200]);
    await new WebhookNotificationSender({ url, secret: 's', backoffMs: () => 5 }).send(notification);
    expect(got).toHaveLength(3);
  });

  it('gives up at once on a 4xx, and after the last attempt on 5xx', async () => {
    const rejected = await receiver([400]);
    await expect(
      new WebhookNotificationSender({ url: rejected.url, secret: 's', backoffMs: () => 5 }).send(notification),
    ).rejects.toThrow(/400/);
    expect(rejected.got).toHaveLength(1);
    await close();
    const down = await receiver([500]);
    await expect(
      new WebhookNotificationSender({ url: down.url, secret: 's', attempts: 2, backoffMs: () => 5 }).send(notification),
    ).rejects.toThrow(/500/);
    expect(down.got).toHaveLength(2);
  });
});
