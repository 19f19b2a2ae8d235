import { describe, expect, it } from 'vitest';
import { ManualClock } from '@parley/core/testkit';
import { HmacTokenIssuer, ScryptPasswordHasher } from './system.js';
import { UuidV7Generator } from './uuid-v7.js';

describe('HmacTokenIssuer', () => {
  it('issues tokens that verify until they expire, and rejects tampering', async () => {
    const clock = new ManualClock();
    const issuer = new HmacTokenIssuer('k', clock, 60);
    const { token } = await issuer.issueAccessToken({ userId: 'u1', role: 'user', sessionId: 's1' });
    expect(await issuer.verifyAccessToken(token)).toMatchObject({ userId: 'u1', role: 'user', sessionId: 's1' });
    expect(await issuer.verifyAccessToken(`${token}x`)).toBeNull();
    expect(await new HmacTokenIssuer('other', clock).verifyAccessToken(token)).toBeNull();
    clock.advance(61_000);
    expect(await issuer.verifyAccessToken(token)).toBeNull();
  });
});

describe('ScryptPasswordHasher', () => {
  it('verifies the right password only, and never throws on a malformed hash', async () => {
    const hasher = new ScryptPasswordHasher();
    const hash = await hasher.hash('correct horse');
    expect(await hasher.verify('correct horse', hash)).toBe(true);
    expect(await hasher.verify('wrong horse', hash)).toBe(false);
    expect(await hasher.verify('x', 'garbage')).toBe(false);
  });
});

describe('UuidV7Generator', () => {
  it('makes ids that sort in creation order', () => {
    const ids = new UuidV7Generator();
    const made = Array.from({ length: 2000 }, () => ids.next());
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(2000);
    expect(made[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
