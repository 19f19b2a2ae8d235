import { generate } from 'otplib';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from './server.js';
import { call, signUp, startTestApi, type Client } from './test-server.js';

/**
 * Two-factor sign-in cannot be stepped around: after the password there is only a challenge, which is neither an
 * access token (REST or socket) nor a refresh token, and wrong codes are limited like wrong passwords.
 */
let api: RunningApi;
let zoe: Client;
let secret: string;
/** When the code that turned it on was made: the next code is one step (30 s) later. */
let enabledAt: number;

/** The code an authenticator app shows at `epoch` (seconds). */
const code = (epoch = Math.floor(Date.now() / 1000)) => generate({ secret, epoch });
const login = () =>
  call(api, 'POST', '/api/v1/auth/login', { body: { login: 'tfa_zoe', password: 'correct horse battery' } });

beforeAll(async () => {
  api = await startTestApi();
  zoe = await signUp(api, 'tfa_zoe');
  const setup = await call(api, 'POST', '/api/v1/auth/2fa/setup', {
    token: zoe.accessToken,
    body: { password: 'correct horse battery' },
  });
  secret = setup.body.secret;
  enabledAt = Math.floor(Date.now() / 1000);
  const enabled = await call(api, 'POST', '/api/v1/auth/2fa/enable', {
    token: zoe.accessToken,
    body: { code: await code(enabledAt) },
  });
  expect(enabled.body.recoveryCodes).toHaveLength(10);
});

afterAll(async () => api.stop());

describe('two-factor sign-in', () => {
  it('answers a right password with a challenge only, which opens neither REST, the socket nor a refresh', async () => {
    const first = await login();
    expect(first.status).toBe(202);
    expect(Object.keys(first.body).sort()).toEqual(['challenge', 'expiresAt', 'twoFactorRequired']);
    const { challenge } = first.body;
    expect((await call(api, 'GET', '/api/v1/auth/me', { token: challenge })).status).toBe(401);
    expect((await call(api, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: challenge } })).status).toBe(401);
    const socket = new WebSocket(`${api.url.replace('http', 'ws')}/ws?token=${challenge}`);
    const closed = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
    expect(closed).toBe(4401);
    // The code that enabled it is spent; the next step's (one step of drift is allowed) completes the sign-in.
    const done = await call(api, 'POST', '/api/v1/auth/2fa/verify', {
      body: { challenge, code: await code(enabledAt + 30) },
    });
    expect(done.status).toBe(200);
    expect((await call(api, 'GET', '/api/v1/auth/me', { token: done.body.accessToken })).status).toBe(200);
  });

  it('counts wrong codes against the account like wrong passwords: over the limit the right one waits', async () => {
    const { challenge } = (await login()).body;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1)
      statuses.push(
        (await call(api, 'POST', '/api/v1/auth/2fa/verify', { body: { challenge, code: '000000' } })).status,
      );
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    const right = await call(api, 'POST', '/api/v1/auth/2fa/verify', { body: { challenge, code: await code() } });
    expect(right.status).toBe(429);
  });

  it('renews recovery codes only with the password and a code, and limits wrong codes there too', async () => {
    const yan = await signUp(api, 'tfa_yan');
    const setup = await call(api, 'POST', '/api/v1/auth/2fa/setup', {
      token: yan.accessToken,
      body: { password: 'correct horse battery' },
    });
    const now = Math.floor(Date.now() / 1000);
    const yanCode = (epoch: number) => generate({ secret: setup.body.secret, epoch });
    const enable = await call(api, 'POST', '/api/v1/auth/2fa/enable', {
      token: yan.accessToken,
      body: { code: await yanCode(now) },
    });
    const renew = (body: object) =>
      call(api, 'POST', '/api/v1/auth/2fa/recovery-codes', { token: yan.accessToken, body });
    // A stolen session alone cannot: the password and a code are asked again.
    expect((await renew({ password: 'correct horse battery' })).status).toBe(401);
    expect((await renew({ password: 'wrong password', code: await yanCode(now + 30) })).status).toBe(403);
    const renewed = await renew({ password: 'correct horse battery', code: await yanCode(now + 30) });
    expect(renewed.status).toBe(200);
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    const old = enable.body.recoveryCodes[0];
    expect((await renew({ password: 'correct horse battery', recoveryCode: old })).status).toBe(401);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1)
      statuses.push((await renew({ password: 'correct horse battery', code: '000000' })).status);
    expect(statuses).toContain(429);
  });
});
