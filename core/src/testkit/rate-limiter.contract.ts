import type { RateLimiter } from '../shared/ports/rate-limiter.port.js';
import { check, same } from './assert.js';
import { fixtureId } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

export function rateLimiterContract(t: TestApi, factory: FixtureFactory<RateLimiter>): void {
  const test = testWith(t, factory);
  const rule = { limit: 3, windowMs: 1_000 };
  const t0 = new Date('2026-01-01T00:00:00Z');
  t.describe('RateLimiter contract', () => {
    test('allows up to the limit per window, then says when to retry', async (limiter) => {
      const key = fixtureId('k');
      const verdicts = [];
      for (let i = 0; i < 4; i += 1) verdicts.push(await limiter.hit(key, rule, new Date(t0.getTime() + i * 100)));
      same(
        verdicts.map((v) => v.allowed),
        [true, true, true, false],
        'fourth hit refused',
      );
      check(verdicts[3]!.retryAfterMs > 0 && verdicts[3]!.retryAfterMs <= 1_000, 'retry-after within the window');
      same((await limiter.hit(key, rule, new Date(t0.getTime() + 1_050))).allowed, true, 'the window slides');
      same((await limiter.hit(fixtureId('k'), rule, t0)).allowed, true, 'keys are independent');
    });

    test('concurrent hits never exceed the limit', async (limiter) => {
      const key = fixtureId('k');
      const verdicts = await Promise.all(Array.from({ length: 20 }, () => limiter.hit(key, rule, t0)));
      same(verdicts.filter((v) => v.allowed).length, 3, 'exactly the limit');
    });
  });
}
