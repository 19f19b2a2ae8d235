import { describe, expect, it, vi } from 'vitest';
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

  it('keeps the order within one millisecond, past its random pool, and when the clock steps back', () => {
    const ids = new UuidV7Generator();
    const now = vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-03-01T00:00:00Z'));
    try {
      const first = Array.from({ length: 1000 }, () => ids.next()); // four times the pool's 256 ids
      now.mockReturnValue(Date.parse('2026-02-01T00:00:00Z')); // a clock that stepped back: still after
      const later = Array.from({ length: 10 }, () => ids.next());
      const made = [...first, ...later];
      expect([...made].sort()).toEqual(made);
      expect(new Set(made).size).toBe(made.length);
      // The timestamp is the millisecond's (not the stepped-back clock's); the random tails differ.
      const millis = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
      expect(new Set(made.map(millis))).toEqual(new Set([Date.parse('2026-03-01T00:00:00Z')]));
      expect(new Set(made.map((id) => id.slice(-8))).size).toBeGreaterThan(made.length - 5);
    } finally {
      now.mockRestore();
    }
  });
});
