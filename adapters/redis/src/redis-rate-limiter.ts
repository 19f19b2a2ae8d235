import { randomUUID } from 'node:crypto';
import type { RateLimiter, RateLimitRule } from '@parley/core';
import { script, type Redis } from './redis-client.js';

// Sliding-window log in a sorted set, decided atomically on the server, so limits hold across nodes.
const HIT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, limit - count - 1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, 0, tonumber(oldest[2]) + window - now}`;

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'parley:',
  ) {}

  async hit(
    key: string,
    rule: RateLimitRule,
    now: Date,
  ): Promise<{ allowed: boolean; remaining: number; retryAfterMs: number }> {
    const [allowed, remaining, retryAfter] = await script(
      this.redis,
      HIT,
      [`${this.prefix}rate:${key}`],
      [now.getTime(), rule.windowMs, rule.limit, randomUUID()],
    );
    return {
      allowed: allowed === 1,
      remaining: remaining ?? 0,
      retryAfterMs: Math.max(allowed === 1 ? 0 : 1, retryAfter ?? 0),
    };
  }
}
