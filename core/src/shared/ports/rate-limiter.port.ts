export const RateLimiter = Symbol.for('RateLimiter');

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimiter {
  /** Counts one hit on the key; atomically says whether it is within `limit` per sliding `windowMs`. */
  hit(
    key: string,
    rule: RateLimitRule,
    now: Date,
  ): Promise<{ allowed: boolean; remaining: number; retryAfterMs: number }>;
}
