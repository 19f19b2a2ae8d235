import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '@parley/core/testkit';
import { BcryptPasswordHasher } from './bcrypt-password-hasher.js';
import { JwtTokenIssuer } from './jwt-token-issuer.js';

const secret = 'a'.repeat(40);
const options = { secret, issuer: 'parley', audience: 'parley-clients', accessTtlSeconds: 60 };
const claims = { userId: 'u1', role: 'user' as const, sessionId: 's1' };

describe('JwtTokenIssuer', () => {
  it('verifies its own tokens', async () => {
    const issuer = new JwtTokenIssuer(options, new ManualClock());
    const { token, expiresIn } = await issuer.issueAccessToken(claims);
    expect(expiresIn).toBe(60);
    expect(await issuer.verifyAccessToken(token)).toMatchObject(claims);
  });

  it('rejects expired tokens, also ones it verified (and remembered) before they expired', async () => {
    const clock = new ManualClock();
    const issuer = new JwtTokenIssuer(options, clock);
    const { token } = await issuer.issueAccessToken(claims);
    expect(await issuer.verifyAccessToken(token)).toMatchObject(claims);
    clock.advance(59_000);
    expect(await issuer.verifyAccessToken(token)).toMatchObject(claims);
    clock.advance(2_000);
    expect(await issuer.verifyAccessToken(token)).toBeNull();
  });

  it('rejects alg none, other keys, other algorithms, issuers and audiences', async () => {
    const clock = new ManualClock();
    const issuer = new JwtTokenIssuer(options, clock);
    const now = Math.floor(clock.now().getTime() / 1000);
    const body = { sub: 'u1', role: 'admin', sid: 's1', iat: now, exp: now + 60 };
    const header = (h: object) => Buffer.from(JSON.stringify(h)).toString('base64url');
    const none = `${header({ alg: 'none', typ: 'JWT' })}.${header({ ...body, iss: 'parley', aud: 'parley-clients' })}.`;
    const otherKey = jwt.sign(body, 'b'.repeat(40), { issuer: 'parley', audience: 'parley-clients' });
    const hs512 = jwt.sign(body, secret, { algorithm: 'HS512', issuer: 'parley', audience: 'parley-clients' });
    const otherIssuer = jwt.sign(body, secret, { issuer: 'evil', audience: 'parley-clients' });
    const otherAudience = jwt.sign(body, secret, { issuer: 'parley', audience: 'elsewhere' });
    for (const token of [none, otherKey, hs512, otherIssuer, otherAudience, 'garbage', '']) {
      expect(await issuer.verifyAccessToken(token)).toBeNull();
      expect(await issuer.verifyAccessToken(token)).toBeNull(); // a refusal is not remembered as a pass
    }
  });

  it('refuses a short secret', () => {
    expect(() => new JwtTokenIssuer({ ...options, secret: 'short' }, new ManualClock())).toThrow(/32 bytes/);
  });
});

describe('BcryptPasswordHasher', () => {
  it('hashes with bcrypt and verifies', async () => {
    const hasher = new BcryptPasswordHasher(4);
    const hash = await hasher.hash('correct horse');
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    expect(await hasher.verify('correct horse', hash)).toBe(true);
    expect(await hasher.verify('wrong', hash)).toBe(false);
    expect(await hasher.verify('x', 'not-a-hash')).toBe(false);
  });

  it("counts every character of a passphrase longer than bcrypt's 72 bytes", async () => {
    const hasher = new BcryptPasswordHasher(4);
    const long = `${'ü'.repeat(40)}-the-end`;
    const hash = await hasher.hash(long);
    expect(await hasher.verify(long, hash)).toBe(true);
    expect(await hasher.verify(`${'ü'.repeat(40)}-the-END`, hash), 'a difference past byte 72').toBe(false);
  });
});
