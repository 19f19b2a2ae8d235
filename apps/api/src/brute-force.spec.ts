import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from './server.js';
import { call, signUp, startTestApi } from './test-server.js';

let api: RunningApi;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  // Addresses come from X-Forwarded-For here, so one test plays many clients.
  api = await startTestApi({
    TRUST_PROXY_HOPS: '1',
    LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR: '20',
    LOGIN_FAILURES_PER_IP_PER_HOUR: '15',
  });
});
afterAll(async () => api.stop());

let address = 0;
const freshIp = () => `10.9.${(++address >> 8) & 255}.${address & 255}`;
const login = (name: string, password: string, ip: string) =>
  call(api, 'POST', '/api/v1/auth/login', { body: { login: name, password }, headers: { 'x-forwarded-for': ip } });

describe('sign-in brute-force limits', () => {
  it('count every spelling of an account in one bucket: padding, case, tabs, NFKC forms and the email', async () => {
    await signUp(api, 'victim');
    const ip = freshIp();
    for (let i = 0; i < 10; i += 1) expect((await login('victim', 'guess', ip)).status).toBe(401);
    for (const variant of [
      'victim',
      ' victim',
      'victim ',
      '\tvictim',
      '  VICTIM',
      'ｖｉｃｔｉｍ',
      'Victim@Example.test',
    ]) {
      const r = await login(variant, 'guess', ip);
      expect([r.status, r.body.error.code], JSON.stringify(variant)).toEqual([429, 'rate_limited']);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Not even the right password gets through from this address while the bucket is spent...
    expect((await login('  victim', PASSWORD, ip)).status).toBe(429);
    // ...but the holder signs in from elsewhere, in any spelling.
    expect((await login('ｖｉｃｔｉｍ ', PASSWORD, freshIp())).status).toBe(200);
  });

  it('limit one account across addresses, without locking other accounts out of those addresses', async () => {
    await signUp(api, 'target');
    await signUp(api, 'bystander');
    for (let i = 0; i < 20; i += 1)
      expect((await login(i % 2 ? 'target' : 'TARGET@example.test', 'guess', freshIp())).status).toBe(401);
    const ip = freshIp();
    expect((await login('target', 'guess', ip)).status, 'the 21st guess, from a new address').toBe(429);
    expect((await login('bystander', PASSWORD, ip)).status).toBe(200);
  });

  it('limit one address across accounts (credential stuffing)', async () => {
    const ip = freshIp();
    for (let i = 0; i < 15; i += 1) expect((await login(`nobody${i}`, 'guess', ip)).status).toBe(401);
    await signUp(api, 'stuffed');
    expect((await login('stuffed', 'guess', ip)).status).toBe(429);
    expect((await login('stuffed', 'guess', freshIp())).status).toBe(401);
  });

  it('forgive an address its failures for an account once the right password is given', async () => {
    await signUp(api, 'typo');
    const ip = freshIp();
    // 2 x 7 failures: over the 10 per account and address unless the success between them forgave the first 7.
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 7; i += 1) expect((await login('typo', 'guess', ip)).status).toBe(401);
      expect((await login('typo', PASSWORD, ip)).status).toBe(200);
    }
  });

  it('count wrong passwords given to re-authenticate (self erasure) like failed sign-ins', async () => {
    const holder = await signUp(api, 'holder');
    const ip = freshIp();
    const erase = (password: string) =>
      call(api, 'DELETE', `/api/v1/users/${holder.userId}`, {
        token: holder.accessToken,
        body: { password },
        headers: { 'x-forwarded-for': ip },
      });
    for (let i = 0; i < 10; i += 1) expect((await erase('guess')).body.error.code).toBe('wrong_password');
    expect((await erase(PASSWORD)).status, 'even the right one, until the window passes').toBe(429);
    expect((await call(api, 'GET', '/api/v1/auth/me', { token: holder.accessToken })).status).toBe(200);
  });
});
