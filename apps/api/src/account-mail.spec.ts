import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from './server.js';
import { call, signUp, startTestApi } from './test-server.js';

/**
 * Account e-mails through a real SMTP server (the smtp-server package on loopback): the API is configured with
 * SMTP_URL as in production, the test reads the message that arrives and follows its link.
 */
const inbox: { to: string[]; data: string }[] = [];
let smtp: SMTPServer;
let api: RunningApi;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString()));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const port = (smtp.server.address() as AddressInfo).port;
  api = await startTestApi({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    SMTP_FROM: 'Parley <noreply@parley.test>',
    APP_URL: 'https://chat.parley.test/app',
  });
});

afterAll(async () => {
  await api?.stop();
  await new Promise<void>((r) => smtp.close(() => r()));
});

/** The next e-mail to `to`, waited for (it is sent in the background). */
async function mailTo(to: string, after = 0): Promise<string> {
  for (let i = 0; i < 100; i += 1) {
    const found = inbox.slice(after).find((m) => m.to.includes(to));
    if (found) return found.data;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no e-mail to ${to}`);
}

/** The link in a message (quoted-printable soft breaks undone), and the token its query names. */
function linkIn(data: string, param: 'reset' | 'verify'): { link: string; token: string } {
  const text = data.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const link = text.match(new RegExp(`https://chat\\.parley\\.test/app/\\?${param}=[A-Za-z0-9_%-]+`))?.[0];
  if (!link) throw new Error(`no ${param} link in:\n${text}`);
  return { link, token: decodeURIComponent(new URL(link).searchParams.get(param)!) };
}

describe('account e-mails over SMTP', () => {
  it('a reset e-mail arrives with a link whose token sets a new password once', async () => {
    const ann = await signUp(api, 'mailann');
    const before = inbox.length;
    const asked = await call(api, 'POST', '/api/v1/auth/password-reset', { body: { email: 'MailAnn@example.test' } });
    expect(asked.status).toBe(202);
    const data = await mailTo('mailann@example.test', before);
    expect(data).toContain('Subject: Reset your Parley password');
    const { token } = linkIn(data, 'reset');
    const confirm = (newPassword: string) =>
      call(api, 'POST', '/api/v1/auth/password-reset/confirm', { body: { token, newPassword } });
    expect((await confirm('a brand new secret')).status).toBe(204);
    expect(await confirm('another new secret')).toMatchObject({ status: 403, body: { error: { code: 'token_used' } } });
    // Every session ended; the new password signs in, the old one does not.
    expect((await call(api, 'GET', '/api/v1/auth/me', { token: ann.accessToken })).status).toBe(401);
    const login = (password: string) =>
      call(api, 'POST', '/api/v1/auth/login', { body: { login: 'mailann', password } });
    expect((await login('a brand new secret')).status).toBe(200);
    expect((await login('correct horse battery')).status).toBe(401);
  });

  it('an unknown address gets the same answer and no e-mail', async () => {
    const before = inbox.length;
    const asked = await call(api, 'POST', '/api/v1/auth/password-reset', { body: { email: 'nobody@example.test' } });
    expect(asked.status).toBe(202);
    expect(asked.body).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.slice(before).filter((m) => m.to.includes('nobody@example.test'))).toEqual([]);
  });

  it('a verification e-mail arrives, and its link verifies the address', async () => {
    const bob = await signUp(api, 'mailbob');
    const before = inbox.length;
    expect(
      (await call(api, 'POST', '/api/v1/auth/email-verification', { body: { email: 'mailbob@example.test' } })).status,
    ).toBe(202);
    const { token } = linkIn(await mailTo('mailbob@example.test', before), 'verify');
    expect((await call(api, 'POST', '/api/v1/auth/email-verification/confirm', { body: { token } })).status).toBe(204);
    const me = await call(api, 'GET', '/api/v1/auth/me', { token: bob.accessToken });
    expect(me.body.emailVerifiedAt).toEqual(expect.any(String));
  });

  it('guessed tokens are refused, and an address that keeps guessing is slowed like failed sign-ins', async () => {
    const guess = () =>
      call(api, 'POST', '/api/v1/auth/email-verification/confirm', {
        body: { token: 'a-guess-at-a-token-that-is-long-enough' },
      });
    const answers: number[] = [];
    for (let i = 0; i < 110; i += 1) answers.push((await guess()).status);
    expect(answers[0]).toBe(403);
    expect(answers.at(-1)).toBe(429);
  });
});
