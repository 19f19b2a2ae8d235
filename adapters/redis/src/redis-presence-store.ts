import type { PresenceState, PresenceStore } from '@parley/core';
import { script, type Redis } from './redis-client.js';

// Sorted sets scored by expiry time (ms, from the caller's clock): expired members are trimmed first,
// so every answer is as of `now`, and each script runs atomically on the server. Redis key TTLs (a day)
// only collect keys nobody touches any more; they never decide presence.
const CONNECT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local before = redis.call('ZCARD', KEYS[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], 86400000)
if before == 0 then redis.call('SREM', KEYS[2], ARGV[4]) end
return before == 0 and 1 or 0`;

const DISCONNECT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
local left = redis.call('ZCARD', KEYS[1])
return (removed == 1 and left == 0) and 1 or 0`;

const SET_TYPING = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local existed = redis.call('ZSCORE', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], 600000)
return existed and 1 or 0`;

const CLEAR_TYPING = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
return redis.call('ZREM', KEYS[1], ARGV[1])`;

/** Presence shared by every API node: a user is online while any node holds a live connection. */
export class RedisPresenceStore implements PresenceStore {
  constructor(private readonly redis: Redis, private readonly prefix = 'parley:') {}

  private conns = (userId: string) => `${this.prefix}presence:${userId}`;
  private get awayKey() { return `${this.prefix}away`; }
  private typers = (conversationId: string) => `${this.prefix}typing:${conversationId}`;

  async connect(userId: string, connectionId: string, expiresAt: Date, now: Date): Promise<{ cameOnline: boolean }> {
    const [came] = await script(this.redis, CONNECT, [this.conns(userId), this.awayKey], [connectionId, expiresAt.getTime(), now.getTime(), userId]);
    return { cameOnline: came === 1 };
  }

  async heartbeat(userId: string, connectionId: string, expiresAt: Date): Promise<void> {
    await this.redis.zAdd(this.conns(userId), { score: expiresAt.getTime(), value: connectionId }, { XX: true } as never);
    await this.redis.pExpire(this.conns(userId), 86_400_000);
  }

  async disconnect(userId: string, connectionId: string, now: Date): Promise<{ wentOffline: boolean }> {
    const [went] = await script(this.redis, DISCONNECT, [this.conns(userId)], [connectionId, now.getTime()]);
    return { wentOffline: went === 1 };
  }

  async setAway(userId: string, away: boolean): Promise<void> {
    if (away) await this.redis.sAdd(this.awayKey, userId);
    else await this.redis.sRem(this.awayKey, userId);
  }

  async get(userIds: readonly string[], now: Date): Promise<PresenceState[]> {
    return Promise.all(userIds.map(async (userId) => {
      const [live, away] = await Promise.all([
        this.redis.zCount(this.conns(userId), `(${now.getTime()}`, '+inf'),
        this.redis.sIsMember(this.awayKey, userId),
      ]);
      return { userId, online: live > 0, away: Number(away) === 1 };
    }));
  }

  async setTyping(conversationId: string, userId: string, expiresAt: Date, now: Date): Promise<{ renewed: boolean }> {
    const [renewed] = await script(this.redis, SET_TYPING, [this.typers(conversationId)], [userId, expiresAt.getTime(), now.getTime()]);
    return { renewed: renewed === 1 };
  }

  async clearTyping(conversationId: string, userId: string, now: Date): Promise<boolean> {
    const [removed] = await script(this.redis, CLEAR_TYPING, [this.typers(conversationId)], [userId, now.getTime()]);
    return removed === 1;
  }

  async listTyping(conversationId: string, now: Date): Promise<{ userId: string; expiresAt: Date }[]> {
    const rows = await this.redis.zRangeByScoreWithScores(this.typers(conversationId), `(${now.getTime()}`, '+inf');
    return rows.map((r) => ({ userId: String(r.value), expiresAt: new Date(r.score) }));
  }
}
