import type { RateLimiter, RateLimitRule } from '@parley/core';

/** Sliding-window log: exact, and small enough in memory for per-user and per-IP keys. */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly hits = new Map<string, number[]>();

  async hit(key: string, rule: RateLimitRule, now: Date): Promise<{ allowed: boolean; remaining: number; retryAfterMs: number }> {
    const t = now.getTime();
    const log = (this.hits.get(key) ?? []).filter((at) => at > t - rule.windowMs);
    if (log.length >= rule.limit) {
      this.hits.set(key, log);
      return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, log[0]! + rule.windowMs - t) };
    }
    log.push(t);
    this.hits.set(key, log);
    return { allowed: true, remaining: rule.limit - log.length, retryAfterMs: 0 };
  }
}
