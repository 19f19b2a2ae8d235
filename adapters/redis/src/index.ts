export { closeRedis, connectRedis, type Redis } from './redis-client.js';
export {
  RedisEventPublisher,
  SubscribeTimeoutError,
  SUBSCRIBE_TIMEOUT_MS,
  isRedisUnavailable,
  encode as encodeEvent,
  decode as decodeEvent,
} from './redis-event-publisher.js';
export { RedisPresenceStore } from './redis-presence-store.js';
export { RedisRateLimiter } from './redis-rate-limiter.js';
export { redisRequestCounters } from './redis-request-counters.js';
export { RedisHistoryCache, type HistoryCacheOptions } from './redis-history-cache.js';
