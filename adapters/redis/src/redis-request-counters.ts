import {
  RateLimiterMemory,
  RateLimiterRedis,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Redis } from './redis-client.js';

/**
 * Request counters (rate-limiter-flexible) kept in Redis, so HTTP limits and brute-force counters hold
 * across API nodes. While Redis is unreachable each node counts in its own memory instead (the
 * "insurance" limiter): limits get per-node, but requests are neither refused wholesale nor let through
 * uncounted.
 */
export function redisRequestCounters(redis: Redis, prefix = 'parley:') {
  return (options: IRateLimiterOptions & { keyPrefix: string }): RateLimiterAbstract =>
    new RateLimiterRedis({
      ...options,
      keyPrefix: `${prefix}${options.keyPrefix}`,
      storeClient: redis,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    });
}
