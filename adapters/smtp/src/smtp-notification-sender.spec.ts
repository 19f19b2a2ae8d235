import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpNotificationSender } from './smtp-notification-sender.js';

const received: { from: string; to: string[]; data: string }[] = [];
let server: SMTPServer;
let port: number;

/** A real SMTP server (the smtp-server package) on a free loopback port. */
beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (c: Buffer) => {
        data += c.toString();
      });
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => new Promise<void>((r) => server.close(() => r())));

describe('SmtpNotificationSender', () => {
  it('emails the notification to the user through SMTP', async () => {
    const sender = new SmtpNotificationSender({
      url: `smtp://127.0.0.1:${port}`,
      from: 'Parley <noreply@parley.test>',
      appUrl: 'https://chat.test',
    });
    await sender.send({
      userId: 'u1',
      email: 'bob@example.test',
      conversationId: 'c1',
      messageId: 'm1',
      title: 'Team',
      body: 'Ann: <b>hi</b>',
      mention: true,
      createdAt: new Date(),
    });
    sender.close();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'noreply@parley.test', to: ['bob@example.test'] });
    expect(received[0]!.data).toContain('Subject: You were mentioned in Team');
    expect(received[0]!.data).toContain('https://chat.test/conversations/c1');
    expect(received[0]!.data).toContain('&#60;b&#62;hi');
  });
});
