import type { RateLimiter, RateLimitRule } from '@parley/core';

/**
 * Sliding-window log: exact, and small enough in memory for per-user and per-IP keys. Keys whose window
 * has passed are swept every so often, so one-off keys (de-duplication markers) do not pile up.
 */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly hits = new Map<string, { log: number[]; windowMs: number }>();
  private sinceSweep = 0;

  async hit(
    key: string,
    rule: RateLimitRule,
    now: Date,
  ): Promise<{ allowed: boolean; remaining: number; retryAfterMs: number }> {
    const t = now.getTime();
    this.sweep(t);
    const entry = this.hits.get(key) ?? { log: [], windowMs: rule.windowMs };
    let start = 0;
    while (start < entry.log.length && entry.log[start]! <= t - rule.windowMs) start += 1;
    if (start > 0) entry.log.splice(0, start);
    entry.windowMs = rule.windowMs;
    this.hits.set(key, entry);
    if (entry.log.length >= rule.limit)
      return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, entry.log[0]! + rule.windowMs - t) };
    entry.log.push(t);
    return { allowed: true, remaining: rule.limit - entry.log.length, retryAfterMs: 0 };
  }

  private sweep(t: number): void {
    if (++this.sinceSweep < 1000) return;
    this.sinceSweep = 0;
    for (const [key, entry] of this.hits) if ((entry.log.at(-1) ?? 0) <= t - entry.windowMs) this.hits.delete(key);
  }
}
